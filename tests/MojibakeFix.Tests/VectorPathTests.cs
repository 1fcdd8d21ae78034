using System.Runtime.Intrinsics;
using FsCheck;
using FsCheck.Fluent;
using MojibakeFix.Corpus;
using MojibakeFix.Detection;
using MojibakeFix.Tests.Support;

namespace MojibakeFix.Tests;

/// <summary>Every vector width of the candidate scan agrees with the scalar definition, wherever the hit lies.</summary>
public class VectorPathTests
{
    public static TheoryData<int> Widths()
    {
        var data = new TheoryData<int> { 0 };
        if (Vector128.IsHardwareAccelerated)
        {
            data.Add(128);
        }

        if (Vector256.IsHardwareAccelerated)
        {
            data.Add(256);
        }

        if (Vector512.IsHardwareAccelerated)
        {
            data.Add(512);
        }

        return data;
    }

    private static int Reference(string s, int from)
    {
        for (int i = from; i < s.Length; i++)
        {
            if (CandidateScanner.IsCandidateAt(s, i))
            {
                return i;
            }
        }

        return -1;
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void A_hit_is_found_at_every_position_and_length(int width)
    {
        string[] sites = ["Ã©", "\u0093", "â€", "Ã ", "â?", "ð\u009F", "Å\u2122", "Ã\uFFFD"];
        foreach (string site in sites)
        {
            for (int length = site.Length; length <= 70; length++)
            {
                for (int at = 0; at + site.Length <= length; at++)
                {
                    string s = new string('x', at) + site + new string('é', length - at - site.Length); // é alone never matches
                    for (int from = 0; from <= Math.Min(at + 1, length - 1); from++)
                    {
                        Assert.Equal(Reference(s, from), CandidateScanner.IndexOfCandidate(s, from, width));
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Clean_text_has_no_candidate(int width)
    {
        string s = string.Concat(Enumerable.Repeat("più été déjà vu, Zürich, naïve, café au lait, привет, 日本語, “quotes” — ok. ", 50));
        Assert.Equal(-1, CandidateScanner.IndexOfCandidate(s, 0, width));
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Random_text_agrees_with_the_scalar_definition(int width) =>
        Prop.ForAll(Gen.OneOf(TextGen.AnyUtf16, TextGen.Sentence, TextGen.Sentence.Select(Damage.Cp1252)).ToArbitrary(), s =>
        {
            for (int from = 0; from < s.Length; from++)
            {
                if (CandidateScanner.IndexOfCandidate(s, from, width) != Reference(s, from))
                {
                    return false;
                }
            }

            return true;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300).WithReplay(777, 0x9E3779B97F4A7C15));

    [Theory]
    [MemberData(nameof(Widths))]
    public void The_cursor_visits_every_candidate_in_order(int width) =>
        Prop.ForAll(Gen.OneOf(TextGen.AnyUtf16, TextGen.Sentence.Select(Damage.Cp1252), TextGen.Sentence).ToArbitrary(), s =>
        {
            var cursor = new CandidateCursor(s, width);
            var found = new List<int>();
            for (int i = cursor.Next(0); i >= 0; i = cursor.Next(i + 1))
            {
                found.Add(i);
            }

            var expected = Enumerable.Range(0, s.Length).Where(i => CandidateScanner.IsCandidateAt(s, i)).ToList();

            // Jumps forward and back (as the repair loop does after a run) give the same answers.
            var jumping = new CandidateCursor(s, width);
            bool jumpsAgree = true;
            for (int from = s.Length - 1; from >= 0; from--)
            {
                jumpsAgree &= jumping.Next(from) == Reference(s, from);
            }

            return found.SequenceEqual(expected) && jumpsAgree;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300).WithReplay(778, 0x9E3779B97F4A7C15));
}
