namespace MojibakeFix.Corpus;

/// <summary>One accuracy category: how its damaged inputs are made and what its goal is.</summary>
/// <param name="Name">The category as reported.</param>
/// <param name="Goal">The share of exact repairs required (for clean text: the share left unchanged).</param>
/// <param name="Ftfy">ftfy 6.3.1 on such data, as given in the issue (not measured here).</param>
public sealed record Category(string Name, double Goal, string Ftfy);

/// <summary>One test case: the damaged input and the text it must become.</summary>
public readonly record struct Case(string Language, string Input, string Expected);

/// <summary>
/// Builds the accuracy corpora from the gettext catalogs, deterministically: every distinct translation with
/// non-ASCII text, minus the few that are already mojibake in the source (counted, not hidden).
/// </summary>
public sealed class AccuracyCorpus
{
    public static readonly Category Clean = new("clean text unchanged", 0.9995, "100% (0 false positives)");
    public static readonly Category Single1252 = new("single layer Windows-1252", 0.995, "99.3%");
    public static readonly Category SingleLatin1 = new("single layer Latin-1", 0.995, "99.2%");
    public static readonly Category Double1252 = new("double layer Windows-1252", 0.995, "~100%");
    public static readonly Category Mixed = new("mixed clean + damaged", 0.97, "78.5%");
    public static readonly Category LostNbsp = new("lost no-break space", 0.95, "80.6%");
    public static readonly Category LossyPunctuation = new("lossy punctuation (PDF WinAnsi '?')", 0.90, "0%");

    /// <summary>
    /// Letters whose second byte (80–9F) became <c>?</c> (issue 5), on messages outside the quarter the letter-pair
    /// table was learned from, where every lost byte is inside a word (a letter follows it).
    /// </summary>
    public static readonly Category LostLetters = new("lost letters (Å? for ł, Ã? for Ö)", 0.50, "0%");

    /// <summary>
    /// Text stored as Windows-1252 and read as Latin-1 (curly quotes and dashes left as C1 controls): must come out
    /// as Windows-1252, never as the letters a Mac or DOS code page would make of the controls.
    /// </summary>
    public static readonly Category Cp1252AsLatin1 = new("Windows-1252 text read as Latin-1 (C1 punctuation)", 0.995, "–");

    /// <summary>
    /// Text stored as MacRoman or cp850 and read as Latin-1, where every non-ASCII letter became a C1 control
    /// (ftfy #18, two of its known failures): reported, no goal in the issue.
    /// </summary>
    public static readonly Category LegacyAsLatin1 = new("MacRoman/cp850 text read as Latin-1 (C1 letters)", 0, "0% (known failures)");

    /// <summary>
    /// Text of another script stored as Windows-1251, KOI8-R or Windows-1253 and read as Windows-1252, no UTF-8
    /// involved (ftfy #28): reported, no goal in the issue.
    /// </summary>
    public static readonly Category OtherScriptAsCp1252 = new("Windows-1251/KOI8-R/1253 text read as Windows-1252", 0, "0%");

    private static readonly int[] s_legacyPages = [10000, 850];
    private static readonly int[] s_otherScriptPages = [1251, 20866, 1253];

    public static IReadOnlyList<Category> All { get; } =
        [Clean, Single1252, SingleLatin1, Double1252, Mixed, LostNbsp, LossyPunctuation, LostLetters, Cp1252AsLatin1, LegacyAsLatin1,
            OtherScriptAsCp1252];

    /// <summary>UTF-8 misread as other code pages (issue 5): name, code page, ftfy 6.3.1 as given in the issue.</summary>
    public static IReadOnlyList<(Category Category, int CodePage)> CodePages { get; } =
    [
        (new("Windows-1251", 0.95, "65%"), 1251), (new("Windows-1250", 0.95, "76%"), 1250),
        (new("ISO-8859-2", 0.95, "71%"), 28592), (new("Windows-1257", 0.95, "61%"), 1257),
        (new("cp437", 0.95, "65%"), 437), (new("MacRoman", 0.95, "100%"), 10000),
        (new("Windows-1253", 0.95, "100%"), 1253), (new("Windows-1254", 0.95, "100%"), 1254),
        (new("ISO-8859-5", 0.95, "–"), 28595), (new("ISO-8859-7", 0.95, "–"), 28597),
        (new("ISO-8859-13", 0.95, "–"), 28603), (new("KOI8-R", 0.95, "–"), 20866), (new("KOI8-U", 0.95, "–"), 21866),
        (new("cp850", 0.95, "–"), 850), (new("cp866", 0.95, "–"), 866),
    ];

    /// <summary>
    /// UTF-8 misread as double-byte code pages (issue 5): name, code page, goal (0 where only reported), ftfy 6.3.1
    /// as given in the issue.
    /// </summary>
    public static IReadOnlyList<(Category Category, int CodePage)> DoubleByteCodePages { get; } =
    [
        (new("GBK", 0.90, "0%"), 936), (new("Shift_JIS", 0.90, "0%"), 932),
        (new("EUC-KR", 0, "0%"), 949), (new("Big5", 0, "0%"), 950),
    ];

    /// <summary>
    /// Two code pages in a chain (issue 5, ftfy #181): UTF-8 read as the first, the result saved as UTF-8 and read
    /// as the second. Reported, no goal in the issue.
    /// </summary>
    public static IReadOnlyList<(Category Category, int[] CodePages)> Chains { get; } =
    [
        (new("MacRoman, then Windows-1252", 0, "–"), [10000, 1252]), (new("Windows-1252, then MacRoman", 0, "–"), [1252, 10000]),
        (new("Latin-1, then Windows-1252", 0, "–"), [28591, 1252]), (new("Windows-1251, then Windows-1252", 0, "–"), [1251, 1252]),
        (new("Windows-1252, then Windows-1251", 0, "–"), [1252, 1251]), (new("Windows-1250, then Windows-1252", 0, "–"), [1250, 1252]),
    ];

    /// <summary>The cases of one chain: every message, damaged through each code page of the chain in turn.</summary>
    public IEnumerable<Case> ChainCases(int[] codePages)
    {
        foreach (var m in Messages)
        {
            string damaged = m.Text;
            foreach (int codePage in codePages)
            {
                damaged = codePage == 1252 ? Damage.Cp1252(damaged) : Damage.CodePage(damaged, codePage);
            }

            yield return new Case(m.Language, damaged, m.Text);
        }
    }

    /// <summary>
    /// The cases of one double-byte code page: every message outside the quarter the CJK frequency table was
    /// learned from (<see cref="Catalogs.IsTraining"/>), damaged through that code page.
    /// </summary>
    public IEnumerable<Case> DoubleByteCases(int codePage)
    {
        foreach (var m in Messages)
        {
            if (!Catalogs.IsTraining(m.Text))
            {
                yield return new Case(m.Language, Damage.DoubleByte(m.Text, codePage), m.Text);
            }
        }
    }

    /// <summary>The cases of one code page category: every message, damaged through that code page.</summary>
    public IEnumerable<Case> CodePageCases(int codePage)
    {
        foreach (var m in Messages)
        {
            yield return new Case(m.Language, Damage.CodePage(m.Text, codePage), m.Text);
        }
    }

    private AccuracyCorpus(List<CatalogMessage> messages, int excluded)
    {
        Messages = messages;
        ExcludedAsAlreadyDamaged = excluded;
    }

    /// <summary>The distinct clean source messages (non-ASCII, in catalog order).</summary>
    public IReadOnlyList<CatalogMessage> Messages { get; }

    /// <summary>Source messages left out because they are mojibake themselves.</summary>
    public int ExcludedAsAlreadyDamaged { get; }

    /// <summary>Loads every catalog (or those of the languages starting with one of <paramref name="languages"/>), or every <paramref name="stride"/>-th distinct message for a quick run.</summary>
    public static AccuracyCorpus Load(int stride = 1, IReadOnlyList<string>? languages = null)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<CatalogMessage>();
        int excluded = 0, index = 0;
        foreach (var m in Catalogs.Messages())
        {
            if (!m.Text.Any(c => c >= 0x80) || (languages is not null && !languages.Any(l => m.Language.StartsWith(l, StringComparison.Ordinal)))
                || !seen.Add(m.Text))
            {
                continue;
            }

            if (Damage.LooksAlreadyDamaged(m.Text))
            {
                excluded++;
                continue;
            }

            if (index++ % stride == 0)
            {
                list.Add(m);
            }
        }

        return new AccuracyCorpus(list, excluded);
    }

    /// <summary>The cases of one category.</summary>
    public IEnumerable<Case> Cases(Category category)
    {
        var ms = Messages;
        for (int i = 0; i < ms.Count; i++)
        {
            string t = ms[i].Text, lang = ms[i].Language;
            if (category == Clean)
            {
                yield return new Case(lang, t, t);
            }
            else if (category == Single1252)
            {
                yield return new Case(lang, Damage.Cp1252(t), t);
            }
            else if (category == SingleLatin1)
            {
                yield return new Case(lang, Damage.Latin1(t), t);
            }
            else if (category == Double1252)
            {
                yield return new Case(lang, Damage.Cp1252(t, 2), t);
            }
            else if (category == Mixed)
            {
                string other = ms[(int)(((long)i * 7919 + 13) % ms.Count)].Text;
                yield return i % 2 == 0
                    ? new Case(lang, other + " " + Damage.Cp1252(t), other + " " + t)
                    : new Case(lang, Damage.Cp1252(t) + " " + other, t + " " + other);
            }
            else if (category == LostNbsp)
            {
                if (System.Text.Encoding.UTF8.GetBytes(t).Contains((byte)0xA0))
                {
                    string damaged = Damage.LostNoBreakSpace(t);
                    yield return new Case(lang, damaged, t);
                    if (t.Contains("à ", StringComparison.Ordinal) || t.Contains("\u00A0 ", StringComparison.Ordinal))
                    {
                        // A word-final à or no-break space whose lost 0xA0 and the following space collapsed into
                        // one, as an HTML renderer does (quantitÃ di). Inside a word the collapse is undecidable.
                        yield return new Case(lang, CollapseAfterLostNbsp(Damage.Cp1252(t)), t);
                    }
                }
            }
            else if (category == LostLetters)
            {
                string damaged = Damage.LostLetters(t);
                if (!Catalogs.IsTraining(t) && damaged.Contains('?') && !t.Contains('?') && EveryLostByteIsInsideAWord(damaged))
                {
                    yield return new Case(lang, damaged, t);
                }
            }
            else if (category == Cp1252AsLatin1 && Damage.LegacyAsLatin1(t, 1252) is string asLatin1)
            {
                yield return new Case(lang, asLatin1, t);
            }
            else if (category == LegacyAsLatin1)
            {
                foreach (int codePage in s_legacyPages)
                {
                    if (Damage.LegacyAsLatin1(t, codePage) is string damaged)
                    {
                        yield return new Case(lang, damaged, t);
                    }
                }
            }
            else if (category == OtherScriptAsCp1252)
            {
                foreach (int codePage in s_otherScriptPages)
                {
                    if (Damage.LegacyAsCp1252(t, codePage) is string damaged && damaged != t)
                    {
                        yield return new Case(lang, damaged, t);
                    }
                }
            }
            else if (category == LossyPunctuation)
            {
                // Only text where the font loss hits general punctuation (U+2000–U+206F, €, ™) and nothing else:
                // lost letters (Ñ?, CJK) are a separate category (issue 5).
                string damaged = Damage.PdfWinAnsi(t);
                if (damaged.Contains('?') && !t.Contains('?') && t.EnumerateRunes().All(r => r.Value is (>= 0x2000 and <= 0x206F) or 0x20AC or 0x2122
                    || Damage.PdfWinAnsi(r.ToString()) == Damage.Cp1252(r.ToString())))
                {
                    yield return new Case(lang, damaged, t);
                }
            }
        }
    }

    private static bool EveryLostByteIsInsideAWord(string damaged)
    {
        for (int q = damaged.IndexOf('?'); q >= 0; q = damaged.IndexOf('?', q + 1))
        {
            if (q + 1 >= damaged.Length || !char.IsLetter(damaged[q + 1]))
            {
                return false;
            }
        }

        return true;
    }

    private static string CollapseAfterLostNbsp(string damaged1252) =>
        damaged1252.Replace("\u00C3\u00A0 ", "\u00C3 ", StringComparison.Ordinal)
            .Replace("\u00C2\u00A0 ", "\u00C2 ", StringComparison.Ordinal).Replace('\u00A0', ' ');
}
