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

/// <summary>The README's table of examples: every input gives its output (or comes back unchanged).</summary>
public class ReadmeTableTests
{
    public static TheoryData<string, string> Rows()
    {
        var data = new TheoryData<string, string>();
        string? readme = FindReadme();
        if (readme is null)
        {
            return data;
        }

        foreach (string line in File.ReadLines(readme).SkipWhile(l => !l.StartsWith("| input | output |", StringComparison.Ordinal)).Skip(2)
            .TakeWhile(l => l.StartsWith('|')))
        {
            string[] cells = line.Split(" | ");
            string[] inputs = Items(cells[0].TrimStart('|', ' '));
            string[] outputs = cells[1].Trim() == "unchanged" ? inputs : Items(cells[1]);
            Assert.Equal(inputs.Length, outputs.Length);
            for (int i = 0; i < inputs.Length; i++)
            {
                data.Add(inputs[i], outputs[i]);
            }
        }

        return data;
    }

    // `a`, `b` -> [a, b], with \uXXXX escapes read.
    private static string[] Items(string cell) =>
        [.. System.Text.RegularExpressions.Regex.Matches(cell, "`([^`]*)`").Select(m => System.Text.RegularExpressions.Regex.Unescape(m.Groups[1].Value))];

    private static string? FindReadme()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string path = Path.Combine(dir.FullName, "README.md");
            if (File.Exists(path) && File.Exists(Path.Combine(dir.FullName, "MojibakeFix.sln")))
            {
                return path;
            }
        }

        return null;
    }

    [Fact]
    public void The_table_is_found() => Assert.True(Rows().Count >= 20);

    [Theory]
    [MemberData(nameof(Rows))]
    public void Each_row_holds(string input, string output) => Assert.Equal(output, Mojibake.Fix(input));
}
