namespace MojibakeFix.Internals;

/// <summary>
/// Counts the work of the current thread in deterministic units: characters examined by each pass and by each
/// scan of a whole document, candidates scored, characters looked at around them. Tests compare the count at
/// n and 8n characters to prove linear cost without timing anything.
/// </summary>
internal static class WorkMeter
{
    [ThreadStatic]
    private static long t_units;

    /// <summary>The units counted on this thread so far.</summary>
    internal static long Units => t_units;

    internal static void Add(int units) => t_units += units;
}
