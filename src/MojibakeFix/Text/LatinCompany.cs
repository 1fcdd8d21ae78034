namespace MojibakeFix.Text;

/// <summary>
/// The company an accented Latin letter (U+00C0–U+024F) keeps in real text, learned from the gettext catalogs: how
/// often it stands in one message with each other accented letter and with each common word of ASCII letters. It
/// tells which language a line is in where a word alone does not: two sibling code pages read <c>ĂĄ</c> as á
/// (ISO-8859-2) and å (Windows-1250); beside í and ý, or beside "nebo", it is Czech á, beside ø or "ikke" Danish å.
/// </summary>
internal static partial class LatinCompany
{
    private static readonly Lazy<Dictionary<int, int>> s_letters = new(() =>
    {
        var pairs = new Dictionary<int, int>(All.Length / 3);
        for (int i = 0; i + 2 < All.Length; i += 3)
        {
            pairs.Add(All[i] << 16 | All[i + 1], All[i + 2]);
        }

        return pairs;
    });

    private static readonly Lazy<Dictionary<(string Word, char Letter), int>> s_words = new(() =>
    {
        var counts = new Dictionary<(string, char), int>();
        string word = "";
        ReadOnlySpan<char> all = Words;
        while (!all.IsEmpty)
        {
            int end = all.IndexOf(' ');
            ReadOnlySpan<char> entry = all[..end];
            all = all[(end + 1)..];
            int digits = entry.IndexOfAnyInRange('0', '9');
            if (digits > 1)
            {
                word = entry[..(digits - 1)].ToString(); // a new word; otherwise the one before
            }

            counts.Add((word, entry[digits - 1]), int.Parse(entry[digits..], provider: System.Globalization.CultureInfo.InvariantCulture));
        }

        return counts;
    });

    /// <summary>
    /// How well <paramref name="letter"/>, rather than <paramref name="rival"/>, goes with a line's other accented
    /// letters (<paramref name="letters"/>; anything else in it and the two letters themselves are skipped) and its
    /// words of ASCII letters (<paramref name="words"/>, from <see cref="AsciiWords"/>): the sum, over them, of the
    /// binary logarithm of the share of the messages holding the letter that hold the other letter or word too
    /// (Laplace's rule: one more message with it, two more in all), in sixteenths. A word speaks only when the table
    /// holds it with one of the two letters at least ("hver" with å, not with á, tells Danish): the table leaves out
    /// words seen with a letter fewer than ten times, and a word it holds with neither says nothing about them.
    /// 0 when nothing speaks.
    /// </summary>
    internal static int Fit(char letter, char rival, ReadOnlySpan<char> letters, List<string> words)
    {
        rival = char.ToLowerInvariant(rival);
        var pairs = s_letters.Value;
        letter = char.ToLowerInvariant(letter);
        double alone = pairs.GetValueOrDefault(letter << 16 | letter) + 2.0;
        double sum = 0;
        foreach (char c in letters)
        {
            char other = char.ToLowerInvariant(c);
            if (other != letter && other != rival && IsAccented(other))
            {
                sum += Math.Log2((pairs.GetValueOrDefault(letter << 16 | other) + 1) / alone);
            }
        }

        var withWords = s_words.Value;
        foreach (string word in words)
        {
            if (withWords.ContainsKey((word, letter)) || withWords.ContainsKey((word, rival)))
            {
                sum += Math.Log2((withWords.GetValueOrDefault((word, letter)) + 1) / alone);
            }
        }

        return (int)(sum * 16);
    }

    /// <summary>
    /// How many of the words of ASCII letters in <paramref name="text"/> (two letters at least, case folded; longer
    /// ones than the table keeps skipped) the table holds with <paramref name="letter"/>, and how many words there are:
    /// Italian "non" and "stato" keep è company, English "the" and "means" keep none. No allocation.
    /// </summary>
    internal static (int WithLetter, int Words) WordsWith(char letter, ReadOnlySpan<char> text)
    {
        var lookup = s_byLetter.Value.GetValueOrDefault(char.ToLowerInvariant(letter))?.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> folded = stackalloc char[MaxWordLength];
        int with = 0, words = 0;
        for (int i = 0; i < text.Length;)
        {
            int end = i;
            while (end < text.Length && char.IsAsciiLetter(text[end]))
            {
                end++;
            }

            if (end - i >= 2 && (i == 0 || !char.IsLetter(text[i - 1])) && (end == text.Length || !char.IsLetter(text[end])))
            {
                words++;
                if (end - i <= MaxWordLength && lookup is { } held)
                {
                    int n = System.Text.Ascii.ToLower(text[i..end], folded, out int written) == System.Buffers.OperationStatus.Done ? written : 0;
                    with += n > 0 && held.Contains(folded[..n]) ? 1 : 0;
                }
            }

            i = end > i ? end : i + 1;
        }

        return (with, words);
    }

    /// <summary>
    /// Whether the words of ASCII letters of <paramref name="text"/> read as English: two of its commonest words at
    /// least, more of them than words the table holds with an accented letter (other languages' words: "nicht",
    /// "niet", "pas"; English words that other languages borrow, "file" in Italian, count as English). A line of
    /// English has no accented letter to tell its quotation marks by.
    /// </summary>
    internal static bool LooksEnglish(ReadOnlySpan<char> text)
    {
        var known = s_known.Value.GetAlternateLookup<ReadOnlySpan<char>>();
        var english = s_english.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> folded = stackalloc char[MaxWordLength];
        int englishWords = 0, otherWords = 0;
        for (int i = 0; i < text.Length;)
        {
            int end = i;
            while (end < text.Length && char.IsAsciiLetter(text[end]))
            {
                end++;
            }

            if (end - i >= 2 && end - i <= MaxWordLength && (i == 0 || !char.IsLetter(text[i - 1])) && (end == text.Length || !char.IsLetter(text[end]))
                && System.Text.Ascii.ToLower(text[i..end], folded, out int n) == System.Buffers.OperationStatus.Done)
            {
                englishWords += english.Contains(folded[..n]) ? 1 : 0;
                otherWords += !english.Contains(folded[..n]) && known.Contains(folded[..n]) ? 1 : 0;
            }

            i = end > i ? end : i + 1;
        }

        return englishWords >= 2 && englishWords > otherWords;
    }

    // English's commonest words, and those of software messages (a fact of the language, not learned here).
    private static readonly HashSet<string> s_english = new(StringComparer.Ordinal)
    {
        "the", "of", "and", "to", "in", "is", "for", "on", "with", "not", "be", "this", "that", "from", "are", "was",
        "it", "an", "by", "or", "as", "at", "cannot", "can", "could", "no", "you", "your", "has", "have", "will",
        "would", "should", "must", "use", "used", "all", "any", "into", "too", "than", "does", "do", "file", "files",
        "open", "read", "write", "writing", "reading", "error", "failed", "unable", "invalid", "unknown", "value",
        "option", "missing", "expected", "found", "such", "directory", "name", "there", "which", "been", "if", "when",
    };

    // Words longer than this are not looked up (the table's words are shorter, bar a few).
    private const int MaxWordLength = 24;

    // The words the table holds with each letter, for lookups by span.
    private static readonly Lazy<Dictionary<char, HashSet<string>>> s_byLetter = new(() =>
    {
        var byLetter = new Dictionary<char, HashSet<string>>();
        foreach (var (word, letter) in s_words.Value.Keys)
        {
            if (!byLetter.TryGetValue(letter, out var set))
            {
                byLetter[letter] = set = new HashSet<string>(StringComparer.Ordinal);
            }

            set.Add(word);
        }

        return byLetter;
    });

    /// <summary>Whether the table holds a word (with some letter): only those speak.</summary>
    internal static bool IsKnown(string word) => s_known.Value.Contains(word);

    private static readonly Lazy<HashSet<string>> s_known = new(() => new HashSet<string>(s_words.Value.Keys.Select(k => k.Word), StringComparer.Ordinal));

    /// <summary>An accented Latin letter, the kind the tables count.</summary>
    internal static bool IsAccented(char c) => c is >= '\u00C0' and <= '\u024F' && char.IsLetter(c);

    /// <summary>
    /// The distinct words of ASCII letters of a text, case folded: two letters at least, with no letter of any script
    /// beside them (the ASCII parts of a misread word, Schl in SchlĂĽssel, are no words).
    /// </summary>
    internal static List<string> AsciiWords(ReadOnlySpan<char> text)
    {
        var words = new List<string>();
        for (int i = 0; i < text.Length;)
        {
            int end = i;
            while (end < text.Length && char.IsAsciiLetter(text[end]))
            {
                end++;
            }

            if (end - i >= 2 && (i == 0 || !char.IsLetter(text[i - 1])) && (end == text.Length || !char.IsLetter(text[end])))
            {
                string word = text[i..end].ToString().ToLowerInvariant();
                if (!words.Contains(word))
                {
                    words.Add(word);
                }
            }

            i = end > i ? end : i + 1;
        }

        return words;
    }

    /// <summary>An accented vowel that stands as a word of one letter in some language (è, à, é, á, í, ó, ú, ì, ò, ù, å).</summary>
    internal static bool IsVowelWord(char c) => char.ToLowerInvariant(c) is 'à' or 'á' or 'è' or 'é' or 'ì' or 'í' or 'ò' or 'ó' or 'ù' or 'ú' or 'å';

    private static readonly Lazy<HashSet<string>> s_vowelNeighbours = new(() =>
        new HashSet<string>(VowelNeighbourList.Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal));

    /// <summary>
    /// Whether real text puts the word <paramref name="next"/> (ASCII letters) right after the one-letter word
    /// <paramref name="vowel"/> (è stato, à jour, é un): in two distinct messages of the training quarter at least.
    /// </summary>
    internal static bool IsVowelNeighbour(char vowel, ReadOnlySpan<char> next)
    {
        if (next.Length is < 2 or > MaxWordLength)
        {
            return false;
        }

        Span<char> key = stackalloc char[MaxWordLength + 1];
        key[0] = char.ToLowerInvariant(vowel);
        int n = System.Text.Ascii.ToLower(next, key[1..], out int written) == System.Buffers.OperationStatus.Done ? written : 0;
        return n > 0 && s_vowelNeighbours.Value.GetAlternateLookup<ReadOnlySpan<char>>().Contains(key[..(n + 1)]);
    }
}
