using System.Buffers;

namespace MojibakeFix.Fixers;

/// <summary>
/// Expands Latin ligatures and digraph characters into their letters (ﬁ → fi, ǌ → nj, ŉ → ʼn). Arabic and other
/// presentation forms are left alone: they are not typographic accidents of Latin text.
/// </summary>
internal static class Ligatures
{
    private static readonly SearchValues<char> s_ligatures = SearchValues.Create("\u0132\u0133\u0149\u01C4\u01C5\u01C6\u01C7\u01C8\u01C9\u01CA\u01CB\u01CC\u01F1\u01F2\u01F3\uFB00\uFB01\uFB02\uFB03\uFB04\uFB05\uFB06");

    internal static bool MayApply(ReadOnlySpan<char> text) => text.ContainsAny(s_ligatures);

    /// <summary>The letters a ligature stands for.</summary>
    private static string Letters(char c) => c switch
    {
        '\u0132' => "IJ",
        '\u0133' => "ij",
        '\u0149' => "\u02BCn", // Afrikaans 'n, written with the modifier apostrophe
        '\u01C4' => "D\u017D",
        '\u01C5' => "D\u017E",
        '\u01C6' => "d\u017E",
        '\u01C7' => "LJ",
        '\u01C8' => "Lj",
        '\u01C9' => "lj",
        '\u01CA' => "NJ",
        '\u01CB' => "Nj",
        '\u01CC' => "nj",
        '\u01F1' => "DZ",
        '\u01F2' => "Dz",
        '\u01F3' => "dz",
        '\uFB00' => "ff",
        '\uFB01' => "fi",
        '\uFB02' => "fl",
        '\uFB03' => "ffi",
        '\uFB04' => "ffl",
        '\uFB05' => "\u017Ft", // long s and t
        '\uFB06' => "st",
        _ => c.ToString(),
    };

    internal static string Apply(string text, List<Edit>? edits) =>
        Rewriter.ReplaceSites(text, s_ligatures, static (string t, int at, out string letters) =>
        {
            letters = Letters(t[at]);
            return 1;
        }, FixKind.Ligature, edits);
}
