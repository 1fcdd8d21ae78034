using System.Buffers;

namespace MojibakeFix.Detection;

/// <summary>
/// Finds where damage can start. A UTF-8 sequence misread as Windows-1252 or Latin-1 always begins with a
/// character U+00C2–U+00F4 (its lead byte); a stray Latin-1 decoding leaves C1 controls U+0080–U+009F.
/// Everything else (ASCII, Cyrillic, CJK, most accented Latin) is skipped a vector at a time.
/// </summary>
internal static class CandidateScanner
{
    private static readonly SearchValues<char> s_starts = SearchValues.Create(BuildStarts());

    private static string BuildStarts()
    {
        var chars = new char[(0xA0 - 0x80) + (0xF5 - 0xC2)];
        int n = 0;
        for (char c = '\u0080'; c < '\u00A0'; c++)
        {
            chars[n++] = c;
        }

        for (char c = '\u00C2'; c <= '\u00F4'; c++)
        {
            chars[n++] = c;
        }

        return new string(chars);
    }

    /// <summary>Index of the first possible start at or after <paramref name="from"/>, or -1.</summary>
    internal static int IndexOfCandidate(ReadOnlySpan<char> s, int from)
    {
        if ((uint)from >= (uint)s.Length)
        {
            return -1;
        }

        int k = s[from..].IndexOfAny(s_starts);
        return k < 0 ? -1 : from + k;
    }

    /// <summary>True when the text holds no character that can start damage: the zero-cost fast path.</summary>
    internal static bool CannotHoldDamage(ReadOnlySpan<char> s) => !s.ContainsAny(s_starts);
}
