using System.Buffers;

namespace MojibakeFix.Fixers;

/// <summary>Writes every line break (<c>\r\n</c>, <c>\r</c>, U+2028, U+2029, U+0085) as <c>\n</c>.</summary>
internal static class LineBreaks
{
    private static readonly SearchValues<char> s_breaks = SearchValues.Create("\r\u2028\u2029\u0085");

    internal static bool MayApply(ReadOnlySpan<char> text) => text.ContainsAny(s_breaks);

    internal static string Apply(string text, List<Edit>? edits) =>
        Rewriter.ReplaceSites(text, s_breaks, static (string t, int at, out string lineFeed) =>
        {
            lineFeed = "\n";
            return t[at] == '\r' && at + 1 < t.Length && t[at + 1] == '\n' ? 2 : 1;
        }, FixKind.LineBreak, edits);
}
