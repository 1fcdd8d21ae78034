using System.Diagnostics;
using System.Runtime.Intrinsics.X86;
using System.Text;

namespace MojibakeFix.Cli.Tests;

/// <summary>
/// The linux-x64 NativeAOT tool is two builds, x86-64-v2 and x86-64-v3, and the first hands the run to the second on
/// a CPU that has its extensions (CpuDispatch): the CPU test, and which build runs.
/// </summary>
public sealed class CpuDispatchTests : IDisposable
{
    private const uint Leaf1 = (1u << 12) | (1u << 20) | (1u << 22) | (1u << 23) | (1u << 27) | (1u << 28) | (1u << 29);
    private const uint Leaf7 = (1u << 3) | (1u << 5) | (1u << 8);
    private const uint Extended = 1u << 5;

    private readonly string _dir = Directory.CreateTempSubdirectory("mojifix-dispatch-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_cpu_test_needs_every_extension_of_x86_64_v3()
    {
        Assert.True(CpuDispatch.IsX64V3(Leaf1, Leaf7, Extended));
        Assert.True(CpuDispatch.IsX64V3(uint.MaxValue, uint.MaxValue, uint.MaxValue));
        Assert.False(CpuDispatch.IsX64V3(0, 0, 0));
        foreach (int bit in Bits(Leaf1))
        {
            Assert.False(CpuDispatch.IsX64V3(Leaf1 & ~(1u << bit), Leaf7, Extended), $"leaf 1 ECX bit {bit}");
        }

        foreach (int bit in Bits(Leaf7))
        {
            Assert.False(CpuDispatch.IsX64V3(Leaf1, Leaf7 & ~(1u << bit), Extended), $"leaf 7 EBX bit {bit}");
        }

        Assert.False(CpuDispatch.IsX64V3(Leaf1, Leaf7, 0));
    }

    [Fact]
    public void The_cpu_test_agrees_with_the_runtime_on_this_machine()
    {
        // The JIT's own view of the CPU (it also asks the operating system, XGETBV) is the oracle; MOVBE and F16C have no class.
        bool runtime = X86Base.IsSupported && Avx2.IsSupported && Bmi1.IsSupported && Bmi2.IsSupported && Fma.IsSupported
            && Lzcnt.IsSupported && Popcnt.IsSupported && Sse42.IsSupported;
        Assert.Equal(runtime, X86Base.IsSupported && CpuDispatch.HasX64V3());
    }

    [Fact]
    public void The_native_tool_runs_the_x86_64_v3_build_exactly_where_the_cpu_has_it()
    {
        string? binary = ToolCommand.NativeBinary;
        if (binary is null)
        {
            Assert.Matches(@"^mojifix \S+\n$", Run(ToolCommand.Create(), null, "--version").Output); // the JIT-compiled tool names no build
            return;
        }

        bool fast = X86Base.IsSupported && Avx2.IsSupported && Bmi1.IsSupported && Bmi2.IsSupported && Fma.IsSupported && Lzcnt.IsSupported;
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(binary)!, CpuDispatch.FastBuildName)), "the linux-x64 publish puts the x86-64-v3 build beside the baseline");
        string expected = fast ? "x86-64-v3" : "x86-64-v2";
        Assert.EndsWith($" (native, {expected})\n", Run(new ProcessStartInfo(binary), null, "--version").Output, StringComparison.Ordinal);
        Assert.EndsWith(" (native, x86-64-v2)\n", Run(new ProcessStartInfo(binary), "1", "--version").Output, StringComparison.Ordinal);

        // Alone in a folder, the baseline build runs on.
        string alone = Path.Combine(_dir, "mojifix");
        File.Copy(binary, alone);
        Assert.EndsWith(" (native, x86-64-v2)\n", Run(new ProcessStartInfo(alone), null, "--version").Output, StringComparison.Ordinal);

        // Both builds give the same bytes and reports, and the dispatched one gets every argument, in order.
        string input = Path.Combine(_dir, "in.txt");
        File.WriteAllText(input, "lâ€™analisi piÃ¹ é”™è¯¯ РџСЂРёРІРµС‚ Ã©tÃ©\nclean line\n", new UTF8Encoding(false));
        var psi = new ProcessStartInfo(binary);
        var dispatched = Run(psi, null, "--explain", "--", input, input);
        var baseline = Run(new ProcessStartInfo(binary), "1", "--explain", "--", input, input);
        Assert.Equal(0, dispatched.Code);
        Assert.Equal(baseline.Output, dispatched.Output);
        Assert.Equal(baseline.Error, dispatched.Error);
        Assert.Equal(string.Concat(Enumerable.Repeat("l’analisi più 错误 Привет été\nclean line\n", 2)), dispatched.Output);
    }

    private static (int Code, string Output, string Error) Run(ProcessStartInfo psi, string? baseline, params string[] args)
    {
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment.Remove(CpuDispatch.BaselineVariable); // as set here only (.ci/run sets it for a whole run)
        if (baseline is not null)
        {
            psi.Environment[CpuDispatch.BaselineVariable] = baseline;
        }

        using var p = StartRetryingWhileBusy(psi);
        var error = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output, error.Result);
    }

    /// <summary>
    /// Starts a process, again a few times while Linux says its just-copied executable is busy (ETXTBSY): a process
    /// another test forks at that moment may hold the copy's write handle until its own exec closes it.
    /// </summary>
    private static Process StartRetryingWhileBusy(ProcessStartInfo psi)
    {
        const int TextFileBusy = 26;
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return Process.Start(psi)!;
            }
            catch (System.ComponentModel.Win32Exception e) when (e.NativeErrorCode == TextFileBusy && attempt < 20)
            {
                Thread.Sleep(50);
            }
        }
    }

    private static IEnumerable<int> Bits(uint mask) => Enumerable.Range(0, 32).Where(b => (mask & (1u << b)) != 0);
}
