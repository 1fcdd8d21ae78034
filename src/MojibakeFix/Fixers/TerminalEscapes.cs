namespace MojibakeFix.Fixers;

/// <summary>Removes ANSI terminal escape sequences: ESC <c>[</c>, any digits and semicolons, one ASCII letter.</summary>
internal static class TerminalEscapes
{
    internal static bool MayApply(ReadOnlySpan<char> text) => text.Contains('\u001B');

    internal static string Apply(string text, List<Edit>? edits)
    {
        int at = text.IndexOf('\u001B');
        if (at < 0)
        {
            return text;
        }

        var output = new Rewriter(text, edits);
        while (at >= 0)
        {
            int end = at + 1;
            if (end < text.Length && text[end] == '[')
            {
                end++;
                while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] == ';'))
                {
                    end++;
                }

                if (end < text.Length && char.IsAsciiLetter(text[end]))
                {
                    output.Replace(at, end + 1 - at, [], FixKind.TerminalEscape);
                    at = end + 1;
                }
                else
                {
                    at = end; // not a sequence: resume after what was read (no ESC in it)
                }
            }
            else
            {
                at = end;
            }

            int next = at < text.Length ? text.AsSpan(at).IndexOf('\u001B') : -1;
            at = next < 0 ? -1 : at + next;
        }

        return output.Finish();
    }
}
