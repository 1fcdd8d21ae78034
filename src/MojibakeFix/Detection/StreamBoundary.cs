namespace MojibakeFix.Detection;

/// <summary>Where a block of a longer text can be cut without splitting a damaged run.</summary>
internal static class StreamBoundary
{
    /// <summary>How far back a cut point is looked for before cutting at a plain character.</summary>
    internal const int Window = 4096;

    /// <summary>
    /// A line is only cut (between plain ASCII characters) once it is longer than this; shorter lines wait for
    /// their line break, so streamed text gets the whole-string result (evidence is gathered per line). The pieces
    /// of a longer line are judged apart, so its result may differ from the whole string's: the price of a bounded
    /// buffer.
    /// </summary>
    internal const int LongLine = 64 * 1024;

    /// <summary>
    /// The length of the prefix that can be repaired now: up to the last line break; in a line longer than
    /// <see cref="LongLine"/>, the last plain ASCII character with plain ASCII on both sides (a damaged run never
    /// spans one), else everything but a short tail that may begin a sequence; 0 when more text is needed.
    /// </summary>
    internal static int SafeEnd(ReadOnlySpan<char> s)
    {
        int nl = s.LastIndexOfAny('\n', '\r');
        if (nl >= 0)
        {
            return nl + 1;
        }

        if (s.Length <= LongLine)
        {
            return 0; // wait for the end of the line
        }

        int floor = s.Length - Window;
        for (int i = s.Length - 1; i > floor; i--)
        {
            if (IsInert(s[i]) && IsInert(s[i - 1]) && (i + 1 >= s.Length || IsInert(s[i + 1])))
            {
                return i;
            }
        }

        // No quiet spot in the window (e.g. one huge run of damage): hold back a tail longer than any sequence.
        return s.Length - 64;
    }

    /// <summary>
    /// <see cref="SafeEnd(ReadOnlySpan{char})"/> for UTF-8: the same cut points (all of them ASCII), and a forced
    /// cut never inside a character.
    /// </summary>
    internal static int SafeEnd(ReadOnlySpan<byte> s)
    {
        int nl = s.LastIndexOfAny((byte)'\n', (byte)'\r');
        if (nl >= 0)
        {
            return nl + 1;
        }

        if (s.Length <= LongLine)
        {
            return 0; // wait for the end of the line
        }

        int floor = s.Length - Window;
        for (int i = s.Length - 1; i > floor; i--)
        {
            if (IsInert((char)s[i]) && IsInert((char)s[i - 1]) && (i + 1 >= s.Length || IsInert((char)s[i + 1])))
            {
                return i;
            }
        }

        int cut = s.Length - 64;
        while (cut > 0 && (s[cut] & 0xC0) == 0x80)
        {
            cut--; // a continuation byte: back to the start of its character
        }

        return cut;
    }

    /// <summary>
    /// <see cref="SafeEnd(ReadOnlySpan{char})"/> for the other fixers: never after a <c>\r</c> that ends the text, whose
    /// <c>\n</c> may come with the next block (<see cref="FixOptions.NormalizeLineBreaks"/> makes the pair one break).
    /// </summary>
    internal static int SafeEndKeepingCrLf(ReadOnlySpan<char> s)
    {
        int end = SafeEnd(s);
        return end == s.Length && end > 0 && s[end - 1] == '\r' ? SafeEnd(s[..(end - 1)]) : end;
    }

    /// <summary><see cref="SafeEndKeepingCrLf(ReadOnlySpan{char})"/> for UTF-8.</summary>
    internal static int SafeEndKeepingCrLf(ReadOnlySpan<byte> s)
    {
        int end = SafeEnd(s);
        return end == s.Length && end > 0 && s[end - 1] == '\r' ? SafeEnd(s[..(end - 1)]) : end;
    }

    // ASCII other than '?' (which can stand for a lost byte) and ' ' (a lost no-break space).
    private static bool IsInert(char c) => c < 0x80 && c is not '?' and not ' ';
}
