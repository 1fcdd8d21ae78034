namespace MojibakeFix.Detection;

/// <summary>Where a block of a longer text can be cut without splitting a damaged run.</summary>
internal static class StreamBoundary
{
    /// <summary>How far back a cut point is looked for before cutting at a plain character.</summary>
    internal const int Window = 4096;

    /// <summary>
    /// The length of the prefix that can be repaired now: up to the last line break, else the last space or
    /// ASCII letter/digit with ASCII on both sides (a damaged run never spans one), else everything but a
    /// short tail that may begin a sequence.
    /// </summary>
    internal static int SafeEnd(ReadOnlySpan<char> s)
    {
        int floor = Math.Max(0, s.Length - Window);
        int nl = s[floor..].LastIndexOfAny('\n', '\r');
        if (nl >= 0)
        {
            return floor + nl + 1;
        }

        for (int i = s.Length - 1; i > floor; i--)
        {
            if (IsInert(s[i]) && IsInert(s[i - 1]) && (i + 1 >= s.Length || IsInert(s[i + 1])))
            {
                return i;
            }
        }

        // No quiet spot in the window (e.g. one huge run of damage): hold back a tail longer than any sequence.
        return s.Length > Window ? s.Length - 64 : 0;
    }

    // ASCII other than '?' (which can stand for a lost byte) and ' ' (a lost no-break space).
    private static bool IsInert(char c) => c < 0x80 && c is not '?' and not ' ';
}
