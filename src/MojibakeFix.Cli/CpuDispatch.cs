using System.Runtime;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace MojibakeFix.Cli;

/// <summary>
/// Hands the run to the faster of the two NativeAOT builds in the linux-x64 tool package.
/// </summary>
/// <remarks>
/// NativeAOT fixes the instruction set at compile time, and .NET 10 targets x86-64-v2 by default, so the scanners take
/// their 128-bit paths. The package therefore also holds <see cref="FastBuildName"/>, the same program compiled for
/// x86-64-v3 (AVX2 and the BMI, FMA, LZCNT and MOVBE extensions), which a CPU without those refuses to start. The
/// baseline build checks the CPU first thing and, when it has them all, replaces itself with that build through
/// execv(3), with the same arguments, environment and open files; otherwise, or when the environment sets
/// <see cref="BaselineVariable"/>=1, it runs on. The framework-dependent tool never dispatches: its JIT already
/// compiles for the CPU it runs on.
/// </remarks>
internal static unsafe class CpuDispatch
{
    /// <summary>The file name of the x86-64-v3 build beside the baseline executable.</summary>
    internal const string FastBuildName = "mojifix-x86-64-v3";

    /// <summary>Set to 1 to keep to the baseline build (for a CPU or emulator that misreports its extensions).</summary>
    internal const string BaselineVariable = "MOJIFIX_BASELINE";

    /// <summary>
    /// The build running: "x86-64-v3" or "x86-64-v2" for the NativeAOT executables, null for the JIT-compiled tool.
    /// In a NativeAOT build <see cref="Avx2.IsSupported"/> is a constant of the compile, and nothing was ever
    /// JIT-compiled (RuntimeFeature.IsDynamicCodeCompiled cannot tell: PublishAot turns dynamic code off in the
    /// JIT-compiled build too).
    /// </summary>
    internal static string? Build =>
        JitInfo.GetCompiledMethodCount() != 0 || RuntimeInformation.ProcessArchitecture != Architecture.X64 ? null
        : Avx2.IsSupported ? "x86-64-v3" : "x86-64-v2";

    /// <summary>Replaces the process with the x86-64-v3 build where that applies; returns (and the baseline runs on) otherwise.</summary>
    internal static void ExecFastBuildIfSupported()
    {
        if (Build != "x86-64-v2" || !OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable(BaselineVariable) == "1"
            || !X86Base.IsSupported || !HasX64V3())
        {
            return;
        }

        string? self = Environment.ProcessPath;
        string? folder = self is null ? null : Path.GetDirectoryName(self);
        if (folder is null || !NativeLibrary.TryGetExport(NativeLibrary.GetMainProgramHandle(), "execv", out nint execvAddress))
        {
            return;
        }

        string fast = Path.Combine(folder, FastBuildName);
        byte[] arguments;
        try
        {
            if (!File.Exists(fast))
            {
                return;
            }

            // The arguments exactly as the kernel passed them (a file name that is not UTF-8 stays as it was).
            arguments = File.ReadAllBytes("/proc/self/cmdline");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }

        if (arguments.Length == 0 || arguments[^1] != 0)
        {
            return;
        }

        Exec((delegate* unmanaged<byte*, byte**, int>)execvAddress, fast, arguments);
    }

    /// <summary>Whether the CPU and the operating system offer every extension x86-64-v3 names.</summary>
    internal static bool HasX64V3()
    {
        if ((uint)X86Base.CpuId(0, 0).Eax < 7 || (uint)X86Base.CpuId(unchecked((int)0x80000000), 0).Eax < 0x80000001)
        {
            return false;
        }

        return IsX64V3((uint)X86Base.CpuId(1, 0).Ecx, (uint)X86Base.CpuId(7, 0).Ebx, (uint)X86Base.CpuId(unchecked((int)0x80000001), 0).Ecx);
    }

    /// <summary>
    /// The x86-64-v3 test on CPUID's feature words: leaf 1 ECX (FMA 12, SSE4.2 20, MOVBE 22, POPCNT 23, OSXSAVE 27,
    /// AVX 28, F16C 29), leaf 7 EBX (BMI1 3, AVX2 5, BMI2 8) and leaf 0x80000001 ECX (LZCNT 5). OSXSAVE says the
    /// operating system saves the vector registers, without which AVX cannot be used.
    /// </summary>
    internal static bool IsX64V3(uint leaf1Ecx, uint leaf7Ebx, uint extendedLeaf1Ecx)
    {
        const uint Leaf1 = (1u << 12) | (1u << 20) | (1u << 22) | (1u << 23) | (1u << 27) | (1u << 28) | (1u << 29);
        const uint Leaf7 = (1u << 3) | (1u << 5) | (1u << 8);
        const uint Extended = 1u << 5;
        return (leaf1Ecx & Leaf1) == Leaf1 && (leaf7Ebx & Leaf7) == Leaf7 && (extendedLeaf1Ecx & Extended) == Extended;
    }

    // execv with argv[0] naming the fast build and the rest as given; it returns only when it failed, and then the
    // baseline runs on (nothing has been read or written yet).
    private static void Exec(delegate* unmanaged<byte*, byte**, int> execv, string path, byte[] arguments)
    {
        int count = 0;
        foreach (byte b in arguments)
        {
            count += b == 0 ? 1 : 0;
        }

        byte[] file = new byte[System.Text.Encoding.UTF8.GetByteCount(path) + 1];
        System.Text.Encoding.UTF8.GetBytes(path, file);
        byte** argv = (byte**)NativeMemory.AllocZeroed((nuint)(count + 1), (nuint)sizeof(byte*));
        try
        {
            fixed (byte* all = arguments)
            fixed (byte* name = file)
            {
                argv[0] = name;
                int n = 1;
                for (int i = 0, start = 0; i < arguments.Length; i++)
                {
                    if (arguments[i] == 0)
                    {
                        if (start > 0)
                        {
                            argv[n++] = all + start; // the arguments after the program's own name
                        }

                        start = i + 1;
                    }
                }

                execv(name, argv);
            }
        }
        finally
        {
            NativeMemory.Free(argv);
        }
    }
}
