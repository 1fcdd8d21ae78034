using MojibakeFix.CodePages;

namespace MojibakeFix.Detection;

/// <summary>
/// Whether two adjacent characters of a candidate sequence also occur side by side in correct text.
/// A sequence with one unnatural pair is proof of damage; a sequence made only of natural pairs
/// (<c>Ó…</c>, <c>ß“</c>, <c>Ã«</c>) needs context. Drawn from the gettext catalogs: letters there are
/// followed by word-final punctuation and no-break spaces, Czech and Slovak vowels by š/ž, and almost
/// nothing else from the 0x80–0xBF range.
/// </summary>
internal static class PairEvidence
{
    private enum Kind : byte
    {
        /// <summary>Never next to a letter in correct text: C1 controls, most symbols.</summary>
        Odd,

        /// <summary>Word-final or quoting punctuation, no-break space: follows letters in correct text.</summary>
        Punct,

        /// <summary>š ž Š Ž Ÿ: letters that follow vowels in Czech, Slovak (íš, ôž) and French capitals.</summary>
        Caron,
    }

    // The kinds as tables, built from the definition below: Latin-1 by character, and the Windows-1252 characters
    // above U+00FF by their byte (no other character of those has a kind but Odd).
    private static readonly Kind[] s_latin1Kinds = BuildLatin1Kinds();
    private static readonly Kind[] s_highKinds = BuildHighKinds();

    private static Kind[] BuildLatin1Kinds()
    {
        var kinds = new Kind[256];
        for (int c = 0; c < 256; c++)
        {
            kinds[c] = KindOfDefinition((char)c);
        }

        return kinds;
    }

    private static Kind[] BuildHighKinds()
    {
        var kinds = new Kind[32];
        for (int k = 0; k < 32; k++)
        {
            kinds[k] = Windows1252.High[k] > 0xFF ? KindOfDefinition(Windows1252.High[k]) : Kind.Odd;
        }

        return kinds;
    }

    private static Kind KindOf(char c) =>
        c < 0x100 ? s_latin1Kinds[c] : Windows1252.TryGetByte(c, out byte b) ? s_highKinds[b - 0x80] : Kind.Odd;

    private static Kind KindOfDefinition(char c) => c switch
    {
        '\u2026' or '\u2019' or '\u201C' or '\u201D' or '\u2018' or '\u2013' or '\u2014' or '\u2122'
            or '\u00A0' or '\u00AB' or '\u00BB' or '\u00AE' or '\u00A9' or '\u00A1' or '\u00BF' or '\u00AD'
            or '\u2022' or '\u00B4' or '\u00A8' => Kind.Punct,
        '\u0161' or '\u017E' or '\u0160' or '\u017D' or '\u0178' => Kind.Caron,
        _ => Kind.Odd,
    };

    /// <summary>True when <paramref name="next"/>, a continuation character, may follow <paramref name="lead"/> in correct text.</summary>
    internal static bool IsNaturalAfterLead(char lead, char next)
    {
        if (lead == '\u00D7')
        {
            return true; // × is a symbol, not a letter: only the decoded result can judge it
        }

        if (lead is '\u00C3' or '\u00C2' or '\u00D0' or '\u00D1')
        {
            // Ã Â Ð Ñ are rare at the end of a word in correct text and the commonest leads of damage
            // (accented Latin, symbols, Cyrillic): only true word-final punctuation and a no-break space may
            // follow them (IRMÃ…, MISUTÂ AJIKKO), and for the two capitals a brand mark (ESPAÑ®).
            return next is '\u00A0' or '\u2026' or '\u2019' or '\u201D' or '\u201C'
                || (lead is '\u00D0' or '\u00D1' && next is '\u00AE' or '\u2122' or '\u00A9');
        }

        if (lead is '\u00C4' or '\u00C5' && next is '\u00A1' or '\u00BF' or '\u00B4' or '\u00A8' or '\u00AD' or '\u2022' or '\u0178')
        {
            return false; // Å¡ Ä¿ …: š and ğ-family damage; Nordic and German text never has these after Å/Ä
        }

        return KindOf(next) switch
        {
            Kind.Punct => next != '\u2022', // a bullet never touches the letter before it
            // Same case: Czech and Slovak "íš", "ôž". A capital before a small caron letter starts a word
            // (Úžasný) as often as it shows damage (Åšwiat): natural here, context decides.
            Kind.Caron => char.IsLetter(lead) && !(char.IsLower(lead) && char.IsUpper(next)),
            _ => false,
        };
    }

    /// <summary>True when two continuation characters may stand side by side in correct text.</summary>
    internal static bool IsNaturalPair(char a, char b)
    {
        if (a == '\u00A0' || b == '\u00A0')
        {
            return KindOf(a) != Kind.Odd && KindOf(b) != Kind.Odd;
        }

        if (KindOf(a) != Kind.Punct || KindOf(b) != Kind.Punct)
        {
            return false;
        }

        if (a is '\u2122' or '\u00AE' or '\u00A9')
        {
            // A brand mark ends a word like a letter does: Brand™—, NESTLÉ®…
            return b is '\u2014' or '\u2013' or '\u2026' or '\u201D' or '\u2019' or '\u00BB';
        }

        return (a, b) switch
        {
            ('\u2026', '\u2026' or '\u201D' or '\u201C' or '\u00BB' or '\u2019') => true,
            ('\u201D', '\u2026' or '\u201C' or '\u201D' or '\u2019' or '\u00BB') => true,
            ('\u201C', '\u2026' or '\u201C') => true,
            ('\u2014', '\u2014') or ('\u2013', '\u2013') => true,
            ('\u2019', '\u2019' or '\u201D') or ('\u2018', '\u2019') => true,
            ('\u00AB', '\u201C') => true,
            ('\u00BF' or '\u00A1', '\u00BF' or '\u00A1') => true,
            ('\u00B4', '\u00B4') or ('\u00A8', '\u00A8') or ('\u2022', '\u2022') => true,
            _ => false,
        };
    }
}
