using System.Buffers;

namespace MojibakeFix.Fixers;

/// <summary>Straightens curly quotes: U+2018–U+201B and U+02BC to <c>'</c>, U+201C–U+201F to <c>"</c>.</summary>
internal static class Quotes
{
    private static readonly SearchValues<char> s_curly = SearchValues.Create("\u02BC\u2018\u2019\u201A\u201B\u201C\u201D\u201E\u201F");

    internal static bool MayApply(ReadOnlySpan<char> text) => text.ContainsAny(s_curly);

    internal static string Apply(string text, List<Edit>? edits) =>
        Rewriter.ReplaceSites(text, s_curly, static (string t, int at, out string straight) =>
        {
            straight = t[at] >= '\u201C' ? "\"" : "'";
            return 1;
        }, FixKind.CurlyQuote, edits);
}
