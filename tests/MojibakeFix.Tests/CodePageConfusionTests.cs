namespace MojibakeFix.Tests;

/// <summary>
/// Damage a line shows only in part: words a code page reads without evidence of their own once the line is proven
/// misread, more layers of one code page, and C1 controls that stood for the letters of a Mac or DOS code page.
/// </summary>
public class CodePageConfusionTests
{
    [Theory]
    // Two letters of one script are no candidate on their own; in a line proven ISO-8859-2 or MacRoman they are read too.
    [InlineData("M\u0102\u0104m dost t\u0139\u0099et\u0102\u00ADho tis\u0102\u00ADcilet\u0102\u00AD", "Mám dost třetího tisíciletí")]
    [InlineData("jaut\u0192\u00C5jumiem p\u0192\u00ECc partijas tik\u2248\u00B0an\u0192\u00C5s", "jautājumiem pēc partijas tikšanās")]
    // A line the Windows-1252 pass proved misread: the letters only Windows-1257 reads (Ä + Æ = į) follow.
    [InlineData("\u00C5 iaip \u00C4\u00C6domu, kaip \u00C4\u00C6sivaizduoji. Vis\u00C5\u00B3 pirma", "Šiaip įdomu, kaip įsivaizduoji. Visų pirma")]
    // A lone lead before a space in a proven line: its A0 byte (a no-break space in Windows-1251) became a space.
    [InlineData("La r\u0413\u00A9gion se trouve \u0413 l\u0432\u0402\u2122ouest", "La région se trouve à l’ouest")]
    // Three layers of MacRoman: the middle reading is itself MacRoman damage.
    [InlineData("t\u201A\u00C4\u00F6\u221A\u2020\u221A\u2202\u00AC\u00A8\u00AC\u00A9l\u201A\u00C4\u00F6\u221A\u2020\u221A\u2202\u00AC\u00A8\u00AC\u00A9charger", "télécharger")]
    public void Partly_shown_damage_is_read_through_the_proven_code_page(string damaged, string expected) =>
        Assert.Equal(expected, Mojibake.Fix(damaged));

    [Theory]
    [InlineData(LossyRepair.Guess, "Asia, África, América y Oceanía")]
    [InlineData(LossyRepair.Replace, "Asia, \uFFFDfrica, América y Oceanía")]
    [InlineData(LossyRepair.Leave, "Asia, \u0102\uFFFDfrica, América y Oceanía")]
    public void A_byte_the_code_page_leaves_undefined_follows_the_lossy_option(LossyRepair lossy, string expected)
    {
        // Á is C3 81; 81 is undefined in Windows-1250, so the decoder wrote U+FFFD for it.
        var result = Mojibake.FixAndExplain("Asia, \u0102\uFFFDfrica, Am\u0102\u00A9rica y Ocean\u0102\u00ADa", FixOptions.Default with { Lossy = lossy });
        Assert.Equal(expected, result.Text);
        var lost = result.Steps.Where(s => s.Original.Contains('\uFFFD')).ToList();
        Assert.Equal(lossy == LossyRepair.Leave ? 0 : 1, lost.Count);
        Assert.All(lost, s => Assert.Equal(FixKind.LossySequence, s.Kind));
        Assert.All(lost, s => Assert.Equal(lossy == LossyRepair.Guess, s.IsGuess));
    }

    [Theory]
    [InlineData("barco tur\u0092stico en Acapulco", "barco turístico en Acapulco")]
    [InlineData("Habitantes de Coatl\u0087n conf\u0092an en proyecto", "Habitantes de Coatlán confían en proyecto")]
    [InlineData("K\u0094nig und M\u0081ller", "König und Müller")] // cp850: MacRoman would make MÅller
    [InlineData("Republiek van Colombi\u0091", "Republiek van Colombië")]
    [InlineData("Bitte sp\u008Ater erneut versuchen", "Bitte später erneut versuchen")] // Windows-1252's Š: no capital after a small letter
    [InlineData("Die l\u0088er is leeg", "Die lêer is leeg")] // cp850's ê, where MacRoman (the first page) makes làer, a pair real text never shows
    [InlineData("Ya est\u0087 listo", "Ya está listo")] // Windows-1252's ‡ after a word is no footnote mark
    [InlineData("la m\u009Csica", "la música")] // Windows-1252's œ makes two pairs real text never shows, MacRoman's ú none
    [InlineData("un t\u009Cnel en Lima, Per\u009C", "un túnel en Lima, Perú")]
    public void C1_controls_of_mac_or_dos_text_become_its_letters(string damaged, string expected)
    {
        var result = Mojibake.FixAndExplain(damaged);
        Assert.Equal(expected, result.Text);
        Assert.All(result.Steps, s => Assert.Equal(FixKind.C1Control, s.Kind));
        Assert.All(result.Steps, s => Assert.EndsWith("(C1 controls)", s.Chain, StringComparison.Ordinal));
        Assert.All(result.Steps, s => Assert.NotEqual("windows-1252 (C1 controls)", s.Chain));
    }

    [Theory]
    [InlineData("I don\u0092t know", "I don’t know")]
    [InlineData("l\u0092homme et dell\u0092anno", "l’homme et dell’anno")]
    [InlineData("O\u0092Brien", "O’Brien")]
    [InlineData("\u0084Handwerk bringt dich \u00FCberall hin\u0093: Von der", "„Handwerk bringt dich überall hin“: Von der")]
    [InlineData("est\u00E1 \u0093pr\u00F3ximo a resolverse\u0094", "está “próximo a resolverse”")] // á + space + \x93 is no Mongolian digit
    [InlineData("\u0093quoted\u0094 and a dash\u0097here", "“quoted” and a dash—here")]
    [InlineData("die Firma \u008Akoda", "die Firma Škoda")] // a capital that starts a word
    [InlineData("le c\u009Cur et la s\u009Cur", "le cœur et la sœur")] // a small letter inside one, where it fits better than any page's
    [InlineData("Ko\u009Aice", "Košice")]
    [InlineData("see the note\u0086", "see the note†")] // a dagger after a word is a footnote mark
    [InlineData("Poruka o gre\u009Aci", "Poruka o grešci")] // one pair real text hardly shows (šc) is no proof
    [InlineData("Svi predlo\u009Aci", "Svi predlošci")]
    [InlineData("Dès Noël où un zéphyr haï me vêt de glaçons würmiens je dîne d\u0092exquis rôtis de b\u009Cuf au kir à l\u0092aÿ d\u0092âge mûr",
        "Dès Noël où un zéphyr haï me vêt de glaçons würmiens je dîne d’exquis rôtis de bœuf au kir à l’aÿ d’âge mûr")] // (a French pangram) the apostrophes fit: no count against Windows-1252
    [InlineData("%s\u008Eádné pravidlo", "%sŽádné pravidlo")] // a capital after the s of %s
    public void C1_controls_of_windows_1252_text_stay_windows_1252(string damaged, string expected)
    {
        var result = Mojibake.FixAndExplain(damaged);
        Assert.Equal(expected, result.Text);
        Assert.All(result.Steps.Where(s => s.Kind == FixKind.C1Control), s => Assert.Equal("windows-1252 (C1 controls)", s.Chain));
    }
}

/// <summary>Text of another script stored in an 8-bit code page and read as Windows-1252 (ftfy #28), no UTF-8 involved.</summary>
public class LegacyTextTests
{
    [Theory]
    [InlineData("\u00D1\u00C5\u00CA\u00D0\u00C5\u00D2 - \u00C1\u00E5\u00F1\u00EF\u00E5\u00F7\u00ED\u00FB\u00E9 \u00C5\u00E7\u00E4\u00EE\u00EA - 0:00", "СЕКРЕТ - Беспечный Ездок - 0:00", "windows-1251")] // ftfy #28
    [InlineData("\u00CF\u00F0\u00E8\u00E2\u00E5\u00F2, \u00EC\u00E8\u00F0!", "Привет, мир!", "windows-1251")]
    [InlineData("\u00D0\u00D2\u00C9\u00D7\u00C5\u00D4, \u00CD\u00C9\u00D2!", "привет, мир!", "koi8-r")]
    [InlineData("\u00C5\u00EB\u00EB\u00E7\u00ED\u00E9\u00EA\u00DC \u00E3\u00F1\u00DC\u00EC\u00EC\u00E1\u00F4\u00E1", "Ελληνικά γράμματα", "windows-1253")]
    // Belarusian і is B3 (³): "Â³" also looks like UTF-8 damage, but the whole line reads as Windows-1251.
    [InlineData("\u00C2\u00B3\u00E4\u00E0\u00F6\u00FC, \u00ED\u00E5 \u00A2\u00E4\u00E0\u00EB\u00EE\u00F1\u00FF", "Відаць, не ўдалося", "windows-1251")]
    public void A_line_of_another_script_is_read_through_its_code_page(string damaged, string expected, string page)
    {
        var result = Mojibake.FixAndExplain(damaged);
        Assert.Equal(expected, result.Text);
        Assert.All(result.Steps, s => Assert.Equal(FixKind.LegacyCodePage, s.Kind));
        Assert.All(result.Steps, s => Assert.Equal($"{page} → windows-1252", s.Chain));
        Assert.Equal(expected, Mojibake.Fix(damaged, FixOptions.Default)); // and the same through every API
        Assert.Equal(expected, System.Text.Encoding.UTF8.GetString(Mojibake.FixUtf8(System.Text.Encoding.UTF8.GetBytes(damaged))));
    }

    [Theory]
    [InlineData("Dato for n\u00E5r kontoen utg\u00E5r (\u00C5\u00C5\u00C5\u00C5-MM-DD)")] // a date mask
    [InlineData("abcde ABCDE \u00E0\u00E8\u00EC\u00F2\u00F9 \u20AC")] // an alphabet sample
    [InlineData("Hozz\u00E1f\u00E9r\u00E9s el\u00E9v\u00FCl\u00E9si d\u00E1tum (\u00C9\u00C9\u00C9\u00C9-HH-NN)")]
    [InlineData("caf\u00E9 cr\u00E8me br\u00FBl\u00E9e \u00E0 la fran\u00E7aise")]
    public void Latin_text_is_left_alone(string text) => Assert.Same(text, Mojibake.Fix(text));

    [Fact]
    public void Off_with_the_other_code_pages()
    {
        string damaged = "\u00CF\u00F0\u00E8\u00E2\u00E5\u00F2, \u00EC\u00E8\u00F0!";
        Assert.Equal(damaged, Mojibake.Fix(damaged, FixOptions.Default with { OtherCodePages = false }));
    }
}

/// <summary>The run search of <see cref="Repair.LegacyText"/> at every vector width against a plain loop.</summary>
public class LegacyRunSearchTests
{
    public static TheoryData<int> AllWidths() => [0, 128, 256, 512];

    private static int Reference(string s, int from)
    {
        for (int i = from; i < s.Length; i++)
        {
            int end = i;
            while (end < s.Length && s[end] is >= '\u00C0' and <= '\u00FF')
            {
                end++;
            }

            if (end - i >= 4)
            {
                return i;
            }

            i = end;
        }

        return -1;
    }

    [Theory]
    [MemberData(nameof(AllWidths))]
    public void Every_width_finds_the_first_run_of_four(int width)
    {
        var random = new Random(20261201);
        // Runs of in-range letters of every length at every offset, among ASCII and letters just outside the range.
        char[] alphabet = ['a', ' ', 'é', 'ü', 'À', 'ÿ', '\u00BF', '\u0100', 'Ж'];
        for (int n = 0; n < 4000; n++)
        {
            var chars = new char[random.Next(0, 200)];
            for (int k = 0; k < chars.Length; k++)
            {
                chars[k] = alphabet[random.Next(alphabet.Length)];
            }

            string s = new(chars);
            int from = s.Length == 0 ? 0 : random.Next(0, s.Length);
            Assert.Equal(Reference(s, from), Repair.LegacyText.IndexOfCandidate(s, from, width));
            Assert.Equal(Reference(s, 0), Repair.LegacyText.IndexOfCandidate(s, 0, width));
        }
    }

    [Theory]
    [MemberData(nameof(AllWidths))]
    public void A_run_across_a_vector_boundary_is_found(int width)
    {
        for (int at = 0; at < 140; at++)
        {
            string s = new string('a', at) + "ÏðèÂ" + new string('b', 70);
            Assert.Equal(at, Repair.LegacyText.IndexOfCandidate(s, 0, width));
            Assert.Equal(-1, Repair.LegacyText.IndexOfCandidate(new string('a', at) + "Ïðè" + new string('b', 70), 0, width));
        }
    }
}
