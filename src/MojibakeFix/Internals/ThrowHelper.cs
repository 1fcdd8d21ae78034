using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace MojibakeFix.Internals;

internal static class ThrowHelper
{
    [DoesNotReturn, StackTraceHidden]
    internal static void ThrowArgumentNull(string paramName) => throw new ArgumentNullException(paramName);

    [DoesNotReturn, StackTraceHidden]
    internal static void ThrowDestinationTooShort() => throw new ArgumentException("Destination is too short.", "destination");
}
