using MojibakeFix;
using MojibakeFix.Corpus;

// Scratch harness until the accuracy report lands: prints ftfy cases that differ.
var replace = FixOptions.Default with { Lossy = LossyRepair.Replace };
foreach (var file in FtfyCases.Files)
{
    int pass = 0, total = 0;
    foreach (var c in FtfyCases.Read(file))
    {
        total++;
        bool lossy = c.Original.Contains('?') || c.Original.Contains('\uFFFD');
        string got = Mojibake.Fix(c.Original, lossy ? replace : FixOptions.Default);
        if (got == c.FixedEncoding) { pass++; continue; }
        Console.WriteLine($"[{(c.ExpectPass ? "pass" : "fail")}] {c.Label}\n   in:  {c.Original}\n   got: {got}\n   exp: {c.FixedEncoding}");
    }
    Console.WriteLine($"== {file}: {pass}/{total}");
}
