using System.Buffers;

namespace MojibakeFix.Fixers;

/// <summary>
/// Removes the control and format characters text does not mean to hold (the set ftfy removes): C0 controls except
/// tab, line feed, form feed and carriage return; DEL; the deprecated format controls U+206A–U+206F; the byte order
/// mark; U+FFF9–U+FFFC.
/// </summary>
internal static class ControlCharacters
{
    private static readonly SearchValues<char> s_removed = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u007F" +
        "\u206A\u206B\u206C\u206D\u206E\u206F\uFEFF\uFFF9\uFFFA\uFFFB\uFFFC");

    internal static bool MayApply(ReadOnlySpan<char> text) => text.ContainsAny(s_removed);

    internal static string Apply(string text, List<Edit>? edits) =>
        Rewriter.ReplaceSites(text, s_removed, static (string t, int at, out string nothing) =>
        {
            nothing = "";
            int end = at + 1;
            while (end < t.Length && s_removed.Contains(t[end]))
            {
                end++; // a run of them is one site
            }

            return end - at;
        }, FixKind.ControlCharacter, edits);
}
