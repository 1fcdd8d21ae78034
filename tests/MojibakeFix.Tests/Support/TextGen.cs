using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace MojibakeFix.Tests.Support;

/// <summary>
/// Generators of realistic correct text: words in one script per word, capitalised or shouted now and then,
/// joined by spaces and the punctuation real text uses. Not random code points: those are what the
/// robustness properties use.
/// </summary>
internal static class TextGen
{
    private const string LatinLower = "abcdefghijklmnopqrstuvwxyz";
    private const string LatinAccented = "àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿčćđłńśźżąęőűăîșțğışāēīūņļķģ";
    private const string Cyrillic = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґў";
    private const string Greek = "αβγδεζηθικλμνξοπρστυφχψωάέήίόύώ";
    private const string Hebrew = "אבגדהוזחטיכלמנסעפצקרשת";
    private const string Arabic = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي";
    private const string Devanagari = "कखगघचछजझटठडढणतथदधनपफबभमयरलवशसह";

    private static Gen<string> Word(Gen<char> letters, int min, int max) =>
        Gen.Choose(min, max).SelectMany(n => Gen.ArrayOf(letters, n)).Select(a => new string(a));

    private static readonly Gen<char> s_latin = Gen.Frequency(
        (5, Gen.Elements(LatinLower.ToCharArray())),
        (1, Gen.Elements(LatinAccented.ToCharArray())));

    private static Gen<string> CodePointWord(int from, int to, int min, int max) =>
        Gen.Choose(min, max).SelectMany(n => Gen.ArrayOf(Gen.Choose(from, to), n))
            .Select(cps => string.Concat(cps.Select(char.ConvertFromUtf32)));

    private static readonly Gen<string> s_word = Gen.Frequency(
        (8, Word(s_latin, 1, 10)),
        (1, Gen.Elements("ještě", "žena", "škola", "úžasný", "Čeština", "příliš", "žluťoučký", "Šťastný", "dôležité", "Łódź", "Świat", "Żółć", "Ærøskøbing", "Œuvre", "naïveté")),
        (2, Word(Gen.Elements(Cyrillic.ToCharArray()), 1, 9)),
        (1, Word(Gen.Elements(Greek.ToCharArray()), 1, 9)),
        (1, Word(Gen.Elements(Hebrew.ToCharArray()), 2, 7)),
        (1, Word(Gen.Elements(Arabic.ToCharArray()), 2, 7)),
        (1, Word(Gen.Elements(Devanagari.ToCharArray()), 2, 6)),
        (2, CodePointWord(0x4E00, 0x9FA5, 1, 4)),
        (1, CodePointWord(0xAC00, 0xD7A3, 1, 4)),
        (1, CodePointWord(0x3041, 0x3093, 1, 4)),
        (1, CodePointWord(0x1F600, 0x1F64F, 1, 2)),
        (1, Gen.Elements("2024", "5 €", "21 °C", "± 0,5", "½", "©", "™", "№ 7", "3×4", "§ 12", "10 %", "x²")));

    private static readonly Gen<string> s_styledWord = Gen.Frequency(
        (8, s_word),
        (2, s_word.Select(w => w.Length > 0 ? char.ToUpperInvariant(w[0]) + w[1..] : w)),
        (1, s_word.Select(w => w.ToUpperInvariant()).Where(w => !w.Any(char.IsLower))));

    private static readonly Gen<(string Open, string Close)> s_wrap = Gen.Frequency(
        (12, Gen.Constant(("", ""))),
        (2, Gen.Elements(("", ","), ("", "."), ("", "…"), ("", "!"), ("", "?"), ("", ":"), ("", ";"))),
        (1, Gen.Elements(("“", "”"), ("‘", "’"), ("„", "“"), ("«", "»"), ("« ", " »"), ("(", ")"), ("\"", "\""), ("¿", "?"), ("¡", "!"))),
        (1, Gen.Elements(("", "’s"), ("l’", ""), ("", "™"), ("", "®"))));

    private static readonly Gen<string> s_separator = Gen.Frequency(
        (20, Gen.Constant(" ")),
        (1, Gen.Elements(" – ", " — ", "\u00a0: ", "\u00a0! ", "\n", " • ", " · ", "-", " / ")));

    /// <summary>A sentence of 1–14 words.</summary>
    internal static Gen<string> Sentence { get; } = Gen.Choose(1, 14).SelectMany(n =>
        Gen.ArrayOf(s_styledWord.Zip(s_wrap), n).Zip(Gen.ArrayOf(s_separator, n)).Select(t =>
        {
            var (words, seps) = t;
            var sb = new StringBuilder();
            for (int i = 0; i < words.Length; i++)
            {
                if (i > 0)
                {
                    sb.Append(seps[i]);
                }

                sb.Append(words[i].Item2.Open).Append(words[i].Item1).Append(words[i].Item2.Close);
            }

            return sb.ToString();
        }));

    /// <summary>
    /// Pieces of text the other fixers of <see cref="FixOptions"/> act on (valid UTF-16): HTML references (and a line
    /// that is HTML), terminal escapes, control and format characters, ligatures, width forms, curly quotes, line
    /// breaks, decomposed letters, and damage hidden behind references.
    /// </summary>
    internal static readonly string[] FixerBits =
    [
        "&amp;", "&amp;amp;", "&eacute;", "&#233;", "&#x1F600;", "&EACUTE;", "&lt;b&gt;", "<i>", "&nbsp", "&#0;", "&#128;",
        "&am&#112;;", "\u001b[31m", "\u001b[0m", "\u001b[", "\u0000", "\uFEFF", "\u0007", "\u200D", "\u2060", "\u206A", "\uFFFC",
        "ﬁ", "ﬃ", "ŉ", "ǆ", "Ĳ", "ﻻ", "Ａｂｃ", "\u3000", "ｶﾞ", "\uFFE3", "“", "”", "‘", "’", "„", "″", "«", "\r\n", "\r", "\n",
        "\u2028", "\u2029", "\u0085", "e\u0301", "\u212B", "\uD83D\uDE00", "&Atilde;&copy;", "â€œ", "CafÃ©",
    ];

    /// <summary>Sentences with <see cref="FixerBits"/> among them.</summary>
    internal static Gen<string> WithFixerBits { get; } = Gen.Choose(1, 8).SelectMany(n =>
        Gen.ArrayOf(Gen.Frequency((2, Sentence), (3, Gen.Elements(FixerBits))), n)
            .Zip(Gen.Elements(" ", ""))
            .Select(t => string.Join(t.Item2, t.Item1)));

    /// <summary>Any UTF-16 string, lone surrogates, NULs and C1 controls included.</summary>
    internal static Gen<string> AnyUtf16 { get; } = Gen.Frequency(
        (3, Gen.ArrayOf(Gen.Choose(0, 0xFFFF).Select(i => (char)i))),
        (3, Gen.ArrayOf(Gen.Choose(0, 0x2FF).Select(i => (char)i))),
        (2, Gen.ArrayOf(Gen.Elements("Ã", "Â", "â", "€", "™", "?", " ", "\uFFFD", "©", "\u0080", "\uD800", "\uDC00", "ð", "Ÿ", "\u00a0", "a", "•", "í").Select(s => s[0]))))
        .Select(a => new string(a));
}
