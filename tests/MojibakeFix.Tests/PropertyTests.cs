using System.Text;
using FsCheck;
using FsCheck.Fluent;
using MojibakeFix.Corpus;
using MojibakeFix.Tests.Support;

namespace MojibakeFix.Tests;

/// <summary>FsCheck properties with fixed seeds, so a failure reproduces.</summary>
public class PropertyTests
{
    private static Config Runs(int count, ulong seed) => Config.QuickThrowOnFailure.WithMaxTest(count).WithReplay(seed, 0x9E3779B97F4A7C15);

    private static void Check<T>(Gen<T> gen, Func<T, bool> property, int count = 2000, ulong seed = 20261125) =>
        Prop.ForAll(gen.ToArbitrary(), property).Check(Runs(count, seed));

    private static bool Holds(string expected, string actual, string input)
    {
        if (expected == actual)
        {
            return true;
        }

        throw new Xunit.Sdk.XunitException($"input:    {Escape(input)}\nexpected: {Escape(expected)}\nactual:   {Escape(actual)}");
    }

    private static string Escape(string s) => string.Concat(s.Select(c => c is < ' ' or (>= '\u007f' and < '\u00a0') ? $"\\u{(int)c:X4}" : c.ToString()));

    [Fact]
    public void A_windows_1252_damage_is_reversed() =>
        Check(TextGen.Sentence, s => Holds(s, Mojibake.Fix(Damage.Cp1252(s)), Damage.Cp1252(s)));

    [Fact]
    public void A_double_windows_1252_damage_is_reversed() =>
        Check(TextGen.Sentence, s => Holds(s, Mojibake.Fix(Damage.Cp1252(s, 2)), Damage.Cp1252(s, 2)));

    [Fact]
    public void A_latin1_damage_is_reversed() =>
        Check(TextGen.Sentence, s => Holds(s, Mojibake.Fix(Damage.Latin1(s)), Damage.Latin1(s)));

    [Fact]
    public void Clean_text_is_unchanged() =>
        Check(TextGen.Sentence, s => Holds(s, Mojibake.Fix(s), s), count: 5000);

    [Fact]
    public void Fixing_is_idempotent() =>
        Check(Gen.OneOf(TextGen.Sentence, TextGen.Sentence.Select(Damage.Cp1252), TextGen.AnyUtf16), s =>
        {
            string once = Mojibake.Fix(s);
            return Holds(once, Mojibake.Fix(once), s);
        });

    [Fact]
    public void Any_string_gives_valid_utf16_and_no_exception() =>
        Check(TextGen.AnyUtf16, s =>
        {
            string fixedText = Mojibake.Fix(s);
            bool inputValid = !HasLoneSurrogate(s);
            return (!inputValid || !HasLoneSurrogate(fixedText)) && fixedText.Length <= s.Length
                && Mojibake.FixAndExplain(s).Text == fixedText;
        }, count: 5000);

    [Fact]
    public void A_clean_part_beside_a_damaged_part_comes_back_clean_and_repaired() =>
        Check(TextGen.Sentence.Zip(TextGen.Sentence), t =>
        {
            var (clean, other) = (t.Item1, t.Item2);
            string input = clean + " " + Damage.Cp1252(other);
            return Holds(clean + " " + other, Mojibake.Fix(input), input);
        });

    private static bool HasLoneSurrogate(string s)
    {
        for (int i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(s[i]))
            {
                return true;
            }
        }

        return false;
    }
}
