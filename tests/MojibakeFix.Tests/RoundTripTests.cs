using System.Text;
using FsCheck;
using FsCheck.Fluent;
using MojibakeFix.Corpus;
using MojibakeFix.Tests.Support;

namespace MojibakeFix.Tests;

/// <summary>
/// Never worse, step by step: every repair the library reports can be undone by damaging its replacement again
/// with the reported encoding chain, which must give back exactly the original span. Only steps marked as
/// guesses (lost bytes restored from context) are exempt: there the original no longer holds the lost bytes.
/// </summary>
public class RoundTripTests
{
    // The code page of each name an explanation can report (facts from the code-page tables).
    private static readonly Dictionary<string, int> s_doubleByte = new() { ["gbk"] = 936, ["shift_jis"] = 932, ["euc-kr"] = 949, ["big5"] = 950 };

    private static readonly Dictionary<string, int> s_codePages = new()
    {
        ["windows-1252"] = 1252, ["windows-1251"] = 1251, ["windows-1250"] = 1250, ["windows-1253"] = 1253,
        ["windows-1254"] = 1254, ["windows-1257"] = 1257, ["iso-8859-2"] = 28592, ["iso-8859-5"] = 28595,
        ["iso-8859-7"] = 28597, ["iso-8859-13"] = 28603, ["koi8-r"] = 20866, ["koi8-u"] = 21866,
        ["macintosh"] = 10000, ["cp437"] = 437, ["cp850"] = 850, ["cp866"] = 866,
    };

    /// <summary>
    /// Whether damaging <paramref name="text"/> again with the chain (innermost, last, layer first) gives back
    /// <paramref name="original"/> exactly. A Windows-1252 or Latin-1 layer may show each byte 0x80–0x9F as its
    /// Windows-1252 character or as a C1 control: real decoders do either, and text damaged through a code page
    /// that leaves the byte undefined (0x98 in Windows-1250) shows the control.
    /// </summary>
    private static bool Redamages(string text, IReadOnlyList<string> encodings, string original)
    {
        if (encodings.Count == 0)
        {
            // A C1 control mapped to its Windows-1252 character: the character's byte, read as Latin-1.
            return Damage.Latin1ByteOf(text) == original;
        }

        if (encodings is [string doubleByte] && s_doubleByte.TryGetValue(doubleByte, out int dbcs))
        {
            // GBK, Shift_JIS, EUC-KR, Big5: the run is whole characters, so the forward damage of the repair alone
            // gives back the span.
            return Damage.DoubleByte(text, dbcs) == original;
        }

        int at = 0;
        return Width(text, encodings.Count) >= 0 && at == original.Length;

        // Matches the characters text becomes under the outer layers of the chain against the original from at.
        int Width(string text, int layers)
        {
            if (layers == 0)
            {
                if (at + text.Length > original.Length || string.CompareOrdinal(original, at, text, 0, text.Length) != 0)
                {
                    return -1;
                }

                at += text.Length;
                return text.Length;
            }

            string name = encodings[layers - 1];
            int total = 0;
            foreach (byte b in Encoding.UTF8.GetBytes(text))
            {
                int start = at;
                char shown = Damage.ShownAs(b, name switch { "windows-1252" => 1252, "latin-1" => 28591, _ => s_codePages[name] });
                int w = Width(shown.ToString(), layers - 1);
                if (w < 0 && name is "windows-1252" or "latin-1" && b is >= 0x80 and < 0xA0)
                {
                    at = start;
                    w = Width((shown == (char)b ? Damage.ShownAs(b, 1252) : (char)b).ToString(), layers - 1);
                }

                if (w < 0)
                {
                    return -1;
                }

                total += w;
            }

            return total;
        }
    }

    private static readonly Gen<string> s_damaged = Gen.Frequency(
        (4, TextGen.Sentence.Select(Damage.Cp1252)),
        (2, TextGen.Sentence.Select(Damage.Latin1)),
        (2, TextGen.Sentence.Select(s => Damage.Cp1252(s, 2))),
        (1, TextGen.Sentence.Select(s => Damage.Cp1252(s, 3))),
        (1, TextGen.Sentence.Select(Damage.LostNoBreakSpace)),
        (1, TextGen.Sentence.Select(Damage.PdfWinAnsi)),
        (3, Gen.Elements(1251, 1250, 1253, 1254, 1257, 28592, 28595, 28597, 28603, 20866, 21866, 10000, 437, 850, 866)
            .SelectMany(cp => TextGen.Sentence.Select(s => Damage.CodePage(s, cp)))),
        (1, Gen.Elements(1251, 1250).SelectMany(cp => TextGen.Sentence.Select(s => Damage.Cp1252(Damage.CodePage(s, cp))))),
        (2, Gen.Elements(936, 932, 949, 950).SelectMany(cp => TextGen.Sentence.Select(s => Damage.DoubleByte(s, cp)))),
        (2, TextGen.Sentence.Zip(TextGen.Sentence).Select(t => t.Item1 + " " + Damage.Cp1252(t.Item2))),
        (1, TextGen.Sentence.Select(s => s.Replace("€", "\u0080", StringComparison.Ordinal).Replace("’", "\u0092", StringComparison.Ordinal))));

    /// <summary>
    /// The C1 fixer off: by default a C1 control that a repair decodes is shown as the Windows-1252 character of
    /// its byte (U+0098 as ˜), a deliberate second change that re-damaging cannot undo.
    /// </summary>
    private static readonly FixOptions s_exact = new() { FixC1Controls = false };

    [Fact]
    public void Every_proven_repair_is_undone_by_its_reported_chain()
    {
        int proven = 0;
        Prop.ForAll(s_damaged.ToArbitrary(), text =>
        {
            foreach (FixStep step in Mojibake.FixAndExplain(text, s_exact).Steps)
            {
                if (step.IsGuess)
                {
                    continue;
                }

                proven++;
                if (!Redamages(step.Replacement, step.Encodings, step.Original))
                {
                    throw new Xunit.Sdk.XunitException(
                        $"'{Show(step.Original)}' -> '{Show(step.Replacement)}' ({step.Chain}) does not re-damage to its original in: {Show(text)}");
                }
            }

            return true;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(20000).WithReplay(11_2026_11_25, 0x9E3779B97F4A7C15));
        Assert.True(proven > 3000, $"only {proven} proven steps were checked");
    }

    /// <summary>Invisible controls written as escapes, so a failure can be replayed from its message.</summary>
    private static string Show(string s) =>
        string.Concat(s.Select(c => c < ' ' || c is >= '\u007F' and < '\u00A0' ? $"\\u{(int)c:X4}" : c.ToString()));
}
