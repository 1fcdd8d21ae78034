using MojibakeFix.Fuzz;
using SharpFuzz;

// The fuzz target: every input goes through all the invariants in Invariants.cs; a violated one throws, which
// AFL++ records as a crash (see run.sh). The same checks run on each kept finding in MojibakeFix.Cli.Tests.
Fuzzer.OutOfProcess.Run(stream =>
{
    using var ms = new MemoryStream();
    stream.CopyTo(ms);
    Invariants.Check(ms.ToArray());
});
