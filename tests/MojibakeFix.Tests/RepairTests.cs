namespace MojibakeFix.Tests;

/// <summary>What the engine must repair (issue: core engine), one row per behaviour.</summary>
public class RepairTests
{
    [Theory]
    [InlineData("CafÃ©", "Café")]
    [InlineData("lâ€™analisi", "l’analisi")]
    [InlineData("Ã©tÃ©", "été")]
    [InlineData("piÃ¹", "più")]
    [InlineData("ZURÃœCK", "ZURÜCK")]
    [InlineData("HÃ”TEL", "HÔTEL")]
    [InlineData("OÃ™ ET QUAND?", "OÙ ET QUAND?")]
    [InlineData("ÄŒeÅ¡tina", "Čeština")]
    [InlineData("Ð¿Ñ€Ð¸Ð²ÐµÑ‚", "привет")]
    [InlineData("Î•Î»Î»Î·Î½Î¹ÎºÎ¬", "Ελληνικά")]
    [InlineData("×‘×”×•×“×¢×”", "בהודעה")]
    [InlineData("Ø±Ø³Ø§Ù„Ø©", "رسالة")]
    [InlineData("à¸ à¸²à¸©à¸²à¹„à¸—à¸¢", "ภาษาไทย")]
    public void Single_layer_windows_1252(string damaged, string expected) => Assert.Equal(expected, Mojibake.Fix(damaged));

    [Theory]
    [InlineData("â\u0080\u0099", "’")]
    [InlineData("Ecuadorâ\u0080\u0099s â\u0080\u0098purely", "Ecuador’s ‘purely")]
    [InlineData("×\u0090×\u0091×\u0091×\u0090", "אבבא")]
    public void Single_layer_latin1(string damaged, string expected) => Assert.Equal(expected, Mojibake.Fix(damaged));

    [Theory]
    [InlineData("ÃƒÂ©", "é", 2)]
    [InlineData("Iggy Pop (nÃƒÂ© Jim Osterberg)", "Iggy Pop (né Jim Osterberg)", 2)]
    [InlineData("The Mona Lisa doesnÃƒÂ¢Ã¢â€šÂ¬Ã¢â€žÂ¢t have eyebrows.", "The Mona Lisa doesn’t have eyebrows.", 3)]
    public void Several_layers(string damaged, string expected, int layers)
    {
        var result = Mojibake.FixAndExplain(damaged);
        Assert.Equal(expected, result.Text);
        Assert.All(result.Steps, s => Assert.Equal(layers, s.Encodings.Count));
    }

    [Theory]
    [InlineData("ðŸ˜€", "😀")]
    [InlineData("å¹´", "年")]
    [InlineData("æ—¥æœ¬èªž", "日本語")]
    [InlineData("í•œêµ\u00adì–´", "한국어")]
    [InlineData("Hi guys í\u00a0½í¸\u008d", "Hi guys 😍")] // CESU-8 surrogate pair
    public void Emoji_CJK_and_CESU8(string damaged, string expected) => Assert.Equal(expected, Mojibake.Fix(damaged));

    [Fact]
    public void Decomposed_text_keeps_its_combining_mark()
    {
        Assert.Equal("gia\u0300", Mojibake.Fix("giaÌ€"));
    }

    [Theory]
    [InlineData("Il piÃ¹ bello e il più caro", "Il più bello e il più caro")]
    [InlineData("Campeonatos > III DivisÃ£o - SÃ©rie F > Jornadas Classificação", "Campeonatos > III Divisão - Série F > Jornadas Classificação")]
    [InlineData("l’humanitÃ© et l’humanité", "l’humanité et l’humanité")]
    public void Mixed_text_repairs_only_the_damaged_runs(string damaged, string expected) => Assert.Equal(expected, Mojibake.Fix(damaged));

    [Theory]
    [InlineData("quantitÃ di", "quantità di")] // the NBSP and the following space collapsed into one
    [InlineData("Ã  la carte", "à la carte")] // NBSP became a space, the real space kept
    [InlineData("voilÃ  le travail", "voilà le travail")]
    [InlineData("Ã perturber la rÃ©flexion jusqu'Ã nos jours", "à perturber la réflexion jusqu'à nos jours")]
    [InlineData("com especial atenÃ§Ã£o Ã s crianÃ§as", "com especial atenção às crianças")]
    [InlineData("semelhante Ã quele observado", "semelhante àquele observado")]
    [InlineData("Ð ÑƒÑ\u0081Ñ\u0081ÐºÐ¸Ð¹", "Русский")]
    public void Lost_no_break_space(string damaged, string expected) => Assert.Equal(expected, Mojibake.Fix(damaged));

    [Theory]
    [InlineData("lâ??analisi", "l’analisi")]
    [InlineData("dallâ??invasione", "dall’invasione")]
    [InlineData("â??ricostruzioneâ?•", "“ricostruzione”")]
    [InlineData("(Adnkronos) â?? Un", "(Adnkronos) – Un")]
    [InlineData("arrÃªterâ?¦", "arrêter…")]
    [InlineData("costa 5â?¬ al chilo", "costa 5€ al chilo")]
    [InlineData("Il a dit â??ouiâ?? puis", "Il a dit “oui” puis")]
    public void Lossy_punctuation_is_guessed_from_context(string damaged, string expected)
    {
        var result = Mojibake.FixAndExplain(damaged);
        Assert.Equal(expected, result.Text);
        Assert.Contains(result.Steps, s => s.IsGuess && s.Kind == FixKind.LossySequence);
    }

    [Theory]
    [InlineData("Příliš žluťoučký kůň řekl â??ahojâ?? a odešel", "Příliš žluťoučký kůň řekl „ahoj“ a odešel")] // Czech: „…“
    [InlineData("Powiedział â??cześćâ?? i wyszedł, żółć", "Powiedział „cześć” i wyszedł, żółć")] // Polish: „…”
    [InlineData("Ha detto â??ciaoâ?? ed è uscito, più", "Ha detto “ciao” ed è uscito, più")] // Italian: “…”
    public void Lossy_quotes_follow_the_language_the_letters_show(string damaged, string expected) =>
        Assert.Equal(expected, Mojibake.Fix(damaged));

    [Fact]
    public void Lossy_dash_follows_the_document_style()
    {
        Assert.Equal("Roma — che è — bella", Mojibake.Fix("Roma â€” che è â?? bella"));
        Assert.Equal("Roma — Un", Mojibake.Fix("Roma â?? Un", FixOptions.Default with { Dash = DashStyle.EmDash }));
    }

    [Theory]
    [InlineData(LossyRepair.Replace, "l\uFFFDanalisi")]
    [InlineData(LossyRepair.Leave, "lâ??analisi")]
    public void Guessing_can_be_turned_off(LossyRepair mode, string expected)
    {
        var result = Mojibake.FixAndExplain("lâ??analisi", FixOptions.Default with { Lossy = mode });
        Assert.Equal(expected, result.Text);
        Assert.DoesNotContain(result.Steps, s => s.IsGuess);
    }

    [Theory]
    [InlineData("\u0084Handwerk bringt dich überall hin\u0093", "„Handwerk bringt dich überall hin“")]
    [InlineData("parlé\u0085 Tu sais", "parlé… Tu sais")]
    [InlineData("Direzione Pd, ok â\u0080\u009csenza modifiche\u0094 all'Italicum.", "Direzione Pd, ok “senza modifiche” all'Italicum.")]
    public void C1_controls_become_windows_1252(string damaged, string expected) => Assert.Equal(expected, Mojibake.Fix(damaged));

    [Fact]
    public void C1_fix_can_be_turned_off()
    {
        Assert.Equal("x\u0093y", Mojibake.Fix("x\u0093y", FixOptions.Default with { FixC1Controls = false }));
    }

    [Fact]
    public void Undefined_windows_1252_bytes_stay_as_they_are()
    {
        const string text = "These control characters \u001a are apparently intentional \u0081";
        Assert.Same(text, Mojibake.Fix(text));
    }
}
