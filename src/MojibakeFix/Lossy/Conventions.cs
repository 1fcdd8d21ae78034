using System.Numerics;

namespace MojibakeFix.Lossy;

/// <summary>
/// Which quotation marks a text's language uses, told from its accented letters: the table
/// (<c>Conventions.g.cs</c>) is learned from the gettext catalogs, where every language's translators use their
/// own marks (<c>„…“</c> in German and Czech, <c>„…”</c> in Polish and Romanian, <c>“…”</c> in Italian…).
/// </summary>
internal static partial class Conventions
{
    // Built on first use: the generated table is a field of the other half of this partial class, and field
    // initialisers across partial files run in no promised order.
    private static LetterSet[]? s_sets;

    private static LetterSet[] Sets => s_sets ??= Array.ConvertAll(s_table, row =>
    {
        var set = default(LetterSet);
        foreach (char c in row.Letters)
        {
            set.Add(c);
        }

        return set;
    });

    /// <summary>
    /// The opening and closing quotes of the language whose letters fit <paramref name="seen"/> best, or
    /// (“, ”) when no language fits: a letter the language uses counts for it, a letter it does not use counts twice against.
    /// Of languages that fit equally, the first in the table wins, or with <paramref name="narrowestOnTie"/> the one
    /// with the fewest letters, whose alphabet the seen letters cover the most of (Finnish, not German, for ä and ö).
    /// </summary>
    internal static (char Open, char Close, string? Language) For(in LetterSet seen, bool narrowestOnTie = false)
    {
        int best = 0, index = -1;
        LetterSet[] sets = Sets;
        for (int i = 0; i < sets.Length; i++)
        {
            int score = seen.CountIn(sets[i]) - (2 * seen.CountOutside(sets[i]));
            if (score > best || (narrowestOnTie && score == best && index >= 0 && sets[i].Count < sets[index].Count))
            {
                best = score;
                index = i;
            }
        }

        return index < 0 ? ('\u201C', '\u201D', null) : (s_table[index].Open, s_table[index].Close, s_table[index].Language);
    }

    /// <summary>The opening and closing quotes of a language of the table, or (“, ”) when it is not there.</summary>
    internal static (char Open, char Close, string? Language) ForLanguage(string language)
    {
        foreach (var row in s_table)
        {
            if (row.Language == language)
            {
                return (row.Open, row.Close, row.Language);
            }
        }

        return ('\u201C', '\u201D', null);
    }
}

/// <summary>A set of letters U+00C0–U+017F as three 64-bit words.</summary>
internal struct LetterSet
{
    private ulong _a, _b, _c;

    internal void Add(int c)
    {
        int k = c - 0xC0;
        if ((uint)k >= 192)
        {
            return;
        }

        if (k < 64)
        {
            _a |= 1UL << k;
        }
        else if (k < 128)
        {
            _b |= 1UL << (k - 64);
        }
        else
        {
            _c |= 1UL << (k - 128);
        }
    }

    internal readonly bool IsEmpty => (_a | _b | _c) == 0;

    internal readonly int Count => BitOperations.PopCount(_a) + BitOperations.PopCount(_b) + BitOperations.PopCount(_c);

    internal readonly int CountIn(in LetterSet other) =>
        BitOperations.PopCount(_a & other._a) + BitOperations.PopCount(_b & other._b) + BitOperations.PopCount(_c & other._c);

    internal readonly int CountOutside(in LetterSet other) =>
        BitOperations.PopCount(_a & ~other._a) + BitOperations.PopCount(_b & ~other._b) + BitOperations.PopCount(_c & ~other._c);
}
