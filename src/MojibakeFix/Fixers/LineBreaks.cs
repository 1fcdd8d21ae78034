using System.Buffers;

namespace MojibakeFix.Fixers;

/// <summary>Writes every line break (<c>\r\n</c>, <c>\r</c>, U+2028, U+2029, U+0085) as <c>\n</c>.</summary>
internal static class LineBreaks
{
    private static readonly SearchValues<char> s_breaks = SearchValues.Create("\r\u2028\u2029\u0085");

    internal static bool MayApply(ReadOnlySpan<char> text) => text.ContainsAny(s_breaks);

    internal static string Apply(string text, List<Edit>? edits)
    {
        int at = text.AsSpan().IndexOfAny(s_breaks);
        if (at < 0)
        {
            return text;
        }

        var output = new Rewriter(text, edits);
        while (at >= 0)
        {
            int length = text[at] == '\r' && at + 1 < text.Length && text[at + 1] == '\n' ? 2 : 1;
            output.Replace(at, length, "\n", FixKind.LineBreak);
            int end = at + length;
            int next = end < text.Length ? text.AsSpan(end).IndexOfAny(s_breaks) : -1;
            at = next < 0 ? -1 : end + next;
        }

        return output.Finish();
    }
}
