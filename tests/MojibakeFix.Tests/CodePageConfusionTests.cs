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
    public void C1_controls_of_windows_1252_text_stay_windows_1252(string damaged, string expected)
    {
        var result = Mojibake.FixAndExplain(damaged);
        Assert.Equal(expected, result.Text);
        Assert.All(result.Steps.Where(s => s.Kind == FixKind.C1Control), s => Assert.Equal("windows-1252 (C1 controls)", s.Chain));
    }
}
