namespace MojibakeFix.Tests;

/// <summary>What <see cref="Mojibake.FixAndExplain"/> and <see cref="Mojibake.Detect"/> report.</summary>
public class ExplainTests
{
    [Fact]
    public void Steps_give_position_original_replacement_and_chain()
    {
        const string input = "Il piÃ¹ bello, doesnÃƒÂ¢Ã¢â€šÂ¬Ã¢â€žÂ¢t";
        var result = Mojibake.FixAndExplain(input);
        Assert.Equal("Il più bello, doesn’t", result.Text);
        Assert.Collection(result.Steps,
            s =>
            {
                Assert.Equal((5, 2, "Ã¹", "ù"), (s.Index, s.Length, s.Original, s.Replacement));
                Assert.Equal(["windows-1252"], s.Encodings);
                Assert.Equal("utf-8 → windows-1252", s.Chain);
                Assert.False(s.IsGuess);
            },
            s =>
            {
                Assert.Equal(input[s.Index..(s.Index + s.Length)], s.Original);
                Assert.Equal("’", s.Replacement);
                Assert.Equal("utf-8 → windows-1252 ×3", s.Chain);
            });
    }

    [Fact]
    public void Latin1_layers_are_named_as_such()
    {
        var step = Assert.Single(Mojibake.FixAndExplain("Ecuadorâ\u0080\u0099s").Steps);
        Assert.Equal(["latin-1"], step.Encodings);
    }

    [Fact]
    public void Every_step_round_trips_to_its_original()
    {
        const string input = "CafÃ© — lâ€™analisi — ÃƒÂ©tÃƒÂ© — Ð¿Ñ€Ð¸Ð²ÐµÑ‚ — ðŸ˜€";
        var result = Mojibake.FixAndExplain(input);
        foreach (var step in result.Steps)
        {
            string damaged = step.Replacement;
            foreach (var _ in step.Encodings)
            {
                damaged = MojibakeFix.Corpus.Damage.Cp1252(damaged);
            }

            Assert.Equal(step.Original, damaged);
        }
    }

    [Fact]
    public void Guesses_are_marked_and_less_confident()
    {
        var result = Mojibake.FixAndExplain("CafÃ© lâ??analisi");
        Assert.Equal(2, result.Steps.Count);
        Assert.False(result.Steps[0].IsGuess);
        Assert.True(result.Steps[1].IsGuess);
        Assert.True(result.Steps[1].Confidence < result.Steps[0].Confidence);
    }

    [Fact]
    public void Detect_finds_sites_and_clean_text_has_none()
    {
        var damaged = Mojibake.Detect("ok CafÃ© ok lâ€™x");
        Assert.True(damaged.HasMojibake);
        Assert.Equal([6, 13], damaged.Sites.Select(s => s.Index));
        Assert.True(damaged.Confidence > 0.9);

        var clean = Mojibake.Detect("Café più Привет");
        Assert.False(clean.HasMojibake);
        Assert.Equal(0, clean.Confidence);
    }

    [Fact]
    public void Clean_text_is_returned_without_steps_and_as_the_same_instance()
    {
        const string text = "Déjà vu, più, naïve";
        var result = Mojibake.FixAndExplain(text);
        Assert.Same(text, result.Text);
        Assert.False(result.Changed);
    }
}
