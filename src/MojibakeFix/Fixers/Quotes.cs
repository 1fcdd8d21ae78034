using System.Buffers;

namespace MojibakeFix.Fixers;

/// <summary>Straightens curly quotes: U+2018–U+201B and U+02BC to <c>'</c>, U+201C–U+201F to <c>"</c>.</summary>
internal static class Quotes
{
    private static readonly SearchValues<char> s_curly = SearchValues.Create("\u02BC\u2018\u2019\u201A\u201B\u201C\u201D\u201E\u201F");

    internal static bool MayApply(ReadOnlySpan<char> text) => text.ContainsAny(s_curly);

    internal static string Apply(string text, List<Edit>? edits)
    {
        int at = text.AsSpan().IndexOfAny(s_curly);
        if (at < 0)
        {
            return text;
        }

        var output = new Rewriter(text, edits);
        while (at >= 0)
        {
            output.Replace(at, 1, text[at] >= '\u201C' ? "\"" : "'", FixKind.CurlyQuote);
            int next = at + 1 < text.Length ? text.AsSpan(at + 1).IndexOfAny(s_curly) : -1;
            at = next < 0 ? -1 : at + 1 + next;
        }

        return output.Finish();
    }
}
