namespace MojibakeFix.Tests;

/// <summary>The README's example, compiled and run: if it drifts from the library, this fails.</summary>
public class ReadmeExampleTests
{
    [Fact]
    public void Readme_example_does_what_it_says()
    {
        // README: begin example
        string text = "CafÃ© lâ€™analisi, piÃ¹ e più, (Adnkronos) â?? Un accordo";

        string repaired = Mojibake.Fix(text);
        // "Café l’analisi, più e più, (Adnkronos) – Un accordo"

        FixResult result = Mojibake.FixAndExplain(text);
        foreach (FixStep step in result.Steps)
        {
            Console.WriteLine($"{step.Index}: '{step.Original}' -> '{step.Replacement}' ({step.Chain}){(step.IsGuess ? " guess" : "")}");
        }

        bool clean = Mojibake.Fix("più") is "più"; // correct text comes back as the same instance
        // README: end example

        Assert.Equal("Café l’analisi, più e più, (Adnkronos) – Un accordo", repaired);
        Assert.Equal(4, result.Steps.Count);
        Assert.True(result.Steps[3].IsGuess);
        Assert.True(clean);
    }
}
