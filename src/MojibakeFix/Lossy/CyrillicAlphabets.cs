namespace MojibakeFix.Lossy;

/// <summary>
/// Which Cyrillic alphabet a text is written in, told from the letters only some of them have, so that a guessed
/// lost letter keeps to it. The letter model is learned from every Cyrillic language together, where Russian ы and
/// Ukrainian і both fit after most letters; a text that shows є or ї is Ukrainian and holds no ы.
/// </summary>
internal static class CyrillicAlphabets
{
    /// <summary>A set of Cyrillic letters, case folded: bit k for U+0430 + k (а … џ), bit 48 for ґ.</summary>
    internal struct Seen
    {
        private ulong _bits;

        internal void Add(int c) => _bits |= Bit(c);

        /// <summary>
        /// Adds <paramref name="c"/>, which follows <paramref name="previous"/> in a word: a hard sign before a letter
        /// other than е ё ю я is Bulgarian (път, във, съобщение), where Russian writes ъ only before those (объект).
        /// </summary>
        internal void Add(int previous, int c)
        {
            Add(c);
            if (previous is 'ъ' or 'Ъ' && Bit(c) != 0 && (Bit(c) & s_softVowels) == 0)
            {
                _bits |= HardSignBeforeConsonant;
            }
        }

        internal readonly bool HasHardSignBeforeConsonant => (_bits & HardSignBeforeConsonant) != 0;

        internal readonly bool Has(char small) => (_bits & Bit(small)) != 0;

        internal readonly bool HasAny(ulong letters) => (_bits & letters) != 0;
    }

    private const ulong HardSignBeforeConsonant = 1UL << 49;

    /// <summary>The alphabets told apart; <see cref="Unknown"/> excludes nothing.</summary>
    internal enum Alphabet : byte
    {
        Unknown,
        Russian,
        Ukrainian,
        Belarusian,
        SerbianOrMacedonian,
        Bulgarian,
        UkrainianOrBelarusian,
    }

    /// <summary>The bit of a Cyrillic letter in a <see cref="Seen"/> set, case folded (0 for anything else).</summary>
    private static ulong Bit(int c) => c switch
    {
        >= 0x0400 and <= 0x040F => 1UL << (c + 0x50 - 0x0430), // Ѐ … Џ
        >= 0x0410 and <= 0x042F => 1UL << (c + 0x20 - 0x0430), // А … Я
        >= 0x0430 and <= 0x045F => 1UL << (c - 0x0430),
        0x0490 or 0x0491 => 1UL << 48, // Ґ ґ
        _ => 0,
    };

    private static ulong Bits(string smalls)
    {
        ulong bits = 0;
        foreach (char c in smalls)
        {
            bits |= Bit(c);
        }

        return bits;
    }

    private static readonly ulong s_serbianOrMacedonian = Bits("ђѓѕјљњћќџ"); // letters of neither Russian, Ukrainian nor Belarusian
    private static readonly ulong s_ukrainian = Bits("єїґ");
    private static readonly ulong s_russianOrBelarusian = Bits("ыэё"); // (Bulgarian has none of them)
    private static readonly ulong s_notBelarusianLetters = Bits("ищъ");
    private static readonly ulong s_softVowels = Bits("еёюя"); // (the letters Russian writes a hard sign before)

    // The letters each alphabet lacks.
    private static readonly ulong s_notRussian = Bits("єїґіўђѓѕјљњћќџ");
    private static readonly ulong s_notUkrainian = Bits("ыэъёўђѓѕјљњћќџ");
    private static readonly ulong s_notBelarusian = Bits("ищъєїґђѓѕјљњћќџ");
    private static readonly ulong s_notSerbianOrMacedonian = Bits("йщьъыэюяёєіїґў");
    private static readonly ulong s_notBulgarian = Bits("ёыэєіїґўђѓѕјљњћќџ");
    private static readonly ulong s_notUkrainianNorBelarusian = Bits("ъђѓѕјљњћќџ");

    /// <summary>
    /// The alphabet the letters point to: Serbian or Macedonian where one of their own letters (ј љ њ ђ ћ џ ѓ ќ ѕ)
    /// stands, Bulgarian by a hard sign before a consonant (път, във) and none of ё ы э і ї є ґ ў, Belarusian by ў or
    /// by і beside ы, Ukrainian by є ї ґ or by і beside и, Russian by ы э ё beside и, щ or ъ (which Belarusian lacks)
    /// without і; і alone is Ukrainian or Belarusian.
    /// </summary>
    internal static Alphabet Of(in Seen seen) =>
        seen.HasAny(s_serbianOrMacedonian) ? Alphabet.SerbianOrMacedonian
        : seen.HasHardSignBeforeConsonant && !seen.HasAny(s_notBulgarian) ? Alphabet.Bulgarian
        : seen.Has('ў') || (seen.Has('і') && seen.Has('ы')) ? Alphabet.Belarusian
        : seen.HasAny(s_ukrainian) || (seen.Has('і') && seen.Has('и')) ? Alphabet.Ukrainian
        : seen.HasAny(s_russianOrBelarusian) && seen.HasAny(s_notBelarusianLetters) && !seen.Has('і') ? Alphabet.Russian
        : seen.Has('і') ? Alphabet.UkrainianOrBelarusian
        : Alphabet.Unknown;

    /// <summary>Whether the alphabet lacks the letter (either case; false for anything but a Cyrillic letter).</summary>
    internal static bool Lacks(Alphabet alphabet, char letter) => (Bit(letter) & alphabet switch
    {
        Alphabet.Russian => s_notRussian,
        Alphabet.Ukrainian => s_notUkrainian,
        Alphabet.Belarusian => s_notBelarusian,
        Alphabet.SerbianOrMacedonian => s_notSerbianOrMacedonian,
        Alphabet.Bulgarian => s_notBulgarian,
        Alphabet.UkrainianOrBelarusian => s_notUkrainianNorBelarusian,
        _ => 0UL,
    }) != 0;
}
