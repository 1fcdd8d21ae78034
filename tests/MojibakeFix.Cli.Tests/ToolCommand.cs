using System.Diagnostics;

namespace MojibakeFix.Cli.Tests;

/// <summary>
/// How the tests start mojifix: the build's mojifix.dll through `dotnet`, or, when MOJIFIX_TEST_BINARY names one,
/// that executable (the NativeAOT binary the linux-x64 tool package ships), so the same suite checks both.
/// </summary>
internal static class ToolCommand
{
    private static readonly string? Binary = Environment.GetEnvironmentVariable("MOJIFIX_TEST_BINARY") is { Length: > 0 } b ? b : null;

    /// <summary>The NativeAOT executable under test, or null when the tests run the framework-dependent tool.</summary>
    internal static string? NativeBinary => Binary;

    internal static ProcessStartInfo Create()
    {
        if (Binary is not null)
        {
            return new ProcessStartInfo(Binary);
        }

        var psi = new ProcessStartInfo("dotnet");
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mojifix.dll"));
        return psi;
    }
}
