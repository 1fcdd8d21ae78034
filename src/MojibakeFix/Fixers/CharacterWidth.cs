namespace MojibakeFix.Fixers;

/// <summary>
/// Replaces full-width and half-width forms with the characters compatibility normalization (NFKC) gives them:
/// full-width ASCII (U+FF01–U+FF5E) and the ideographic space become ASCII; half-width katakana, Hangul and
/// symbols (U+FF5F–U+FFEF) become their usual forms. A half-width voicing mark becomes the combining one, which
/// NFC then joins to its kana.
/// </summary>
internal static class CharacterWidth
{
    private const char First = '\uFF01', Last = '\uFFEF', HalfWidthFirst = '\uFF5F';

    internal static bool MayApply(ReadOnlySpan<char> text) => text.IndexOfAnyInRange(First, Last) >= 0 || text.Contains('\u3000');

    /// <summary>U+FF5F–U+FFEF: the NFKC form of each, or U+0000 where it has none of its own (U+FFE3 is special).</summary>
    private static ReadOnlySpan<char> HalfWidth =>
    [
        '\u2985', '\u2986', '\u3002', '\u300C', '\u300D', '\u3001', '\u30FB', '\u30F2', '\u30A1', '\u30A3', '\u30A5', '\u30A7', '\u30A9', '\u30E3', '\u30E5', '\u30E7', // U+FF5F
        '\u30C3', '\u30FC', '\u30A2', '\u30A4', '\u30A6', '\u30A8', '\u30AA', '\u30AB', '\u30AD', '\u30AF', '\u30B1', '\u30B3', '\u30B5', '\u30B7', '\u30B9', '\u30BB', // U+FF6F
        '\u30BD', '\u30BF', '\u30C1', '\u30C4', '\u30C6', '\u30C8', '\u30CA', '\u30CB', '\u30CC', '\u30CD', '\u30CE', '\u30CF', '\u30D2', '\u30D5', '\u30D8', '\u30DB', // U+FF7F
        '\u30DE', '\u30DF', '\u30E0', '\u30E1', '\u30E2', '\u30E4', '\u30E6', '\u30E8', '\u30E9', '\u30EA', '\u30EB', '\u30EC', '\u30ED', '\u30EF', '\u30F3', '\u3099', // U+FF8F
        '\u309A', '\u1160', '\u1100', '\u1101', '\u11AA', '\u1102', '\u11AC', '\u11AD', '\u1103', '\u1104', '\u1105', '\u11B0', '\u11B1', '\u11B2', '\u11B3', '\u11B4', // U+FF9F
        '\u11B5', '\u111A', '\u1106', '\u1107', '\u1108', '\u1121', '\u1109', '\u110A', '\u110B', '\u110C', '\u110D', '\u110E', '\u110F', '\u1110', '\u1111', '\u1112', // U+FFAF
        '\u0000', '\u0000', '\u0000', '\u1161', '\u1162', '\u1163', '\u1164', '\u1165', '\u1166', '\u0000', '\u0000', '\u1167', '\u1168', '\u1169', '\u116A', '\u116B', // U+FFBF
        '\u116C', '\u0000', '\u0000', '\u116D', '\u116E', '\u116F', '\u1170', '\u1171', '\u1172', '\u0000', '\u0000', '\u1173', '\u1174', '\u1175', '\u0000', '\u0000', // U+FFCF
        '\u0000', '\u00A2', '\u00A3', '\u00AC', '\u0000', '\u00A6', '\u00A5', '\u20A9', '\u0000', '\u2502', '\u2190', '\u2191', '\u2192', '\u2193', '\u25A0', '\u25CB', // U+FFDF
        '\u0000', // U+FFEF
    ];

    /// <summary>The replacement, or null when the character stays.</summary>
    private static string? Narrow(char c)
    {
        if (c == '\u3000')
        {
            return " ";
        }

        if (c < HalfWidthFirst)
        {
            return ((char)(c - 0xFEE0)).ToString(); // full-width ASCII sits at a fixed offset
        }

        if (c == '\uFFE3')
        {
            return " \u0304"; // FULLWIDTH MACRON: a space and the combining macron
        }

        char narrow = HalfWidth[c - HalfWidthFirst];
        return narrow == '\0' ? null : narrow.ToString();
    }

    internal static string Apply(string text, List<Edit>? edits)
    {
        if (!MayApply(text))
        {
            return text;
        }

        var output = new Rewriter(text, edits);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if ((c is >= First and <= Last || c == '\u3000') && Narrow(c) is { } narrow)
            {
                output.Replace(i, 1, narrow, FixKind.CharacterWidth);
            }
        }

        return output.Finish();
    }
}
