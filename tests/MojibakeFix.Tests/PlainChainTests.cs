using MojibakeFix.Corpus;
using MojibakeFix.Repair;

namespace MojibakeFix.Tests;

/// <summary>
/// The Windows-1252 pass's shortcut for plain chains (whole sequences its decision rules would accept, written
/// as their decoding) gives exactly the output of the general decide-and-emit path, on every category of the
/// accuracy corpus (clean text, every kind of damage) and on lines built to sit at its edges.
/// </summary>
public class PlainChainTests
{
    private static readonly Lazy<AccuracyCorpus> s_corpus = new(() => AccuracyCorpus.Load(stride: 60));

    private static string General(string text, FixOptions options)
    {
        Repairer.t_generalPathOnly = true;
        try
        {
            return Mojibake.Fix(text, options);
        }
        finally
        {
            Repairer.t_generalPathOnly = false;
        }
    }

    private static void AssertSame(IEnumerable<string> inputs, int minChanged)
    {
        FixOptions[] presets = [FixOptions.Default, FixOptions.Default with { MaxLayers = 1 }];
        int changed = 0;
        foreach (string input in inputs)
        {
            foreach (FixOptions options in presets)
            {
                string fast = Mojibake.Fix(input, options);
                Assert.Equal(General(input, options), fast);
                changed += ReferenceEquals(fast, input) ? 0 : 1;
            }
        }

        Assert.True(changed >= minChanged, $"only {changed} inputs changed: the shortcut was hardly exercised");
    }

    [CatalogFact]
    public void Shortcut_matches_the_general_path_on_the_corpus()
    {
        AccuracyCorpus corpus = s_corpus.Value;
        IEnumerable<string> inputs = AccuracyCorpus.All.SelectMany(c => corpus.Cases(c)).Select(c => c.Input)
            .Concat(AccuracyCorpus.CodePages.SelectMany(p => corpus.CodePageCases(p.CodePage)).Select(c => c.Input));
        AssertSame(inputs, 1000);
    }

    [Fact]
    public void Shortcut_matches_the_general_path_at_its_edges()
    {
        string[] words =
        [
            "Привет", "мир", "Ελληνικά", "日本語", "한국어", "עברית", "ภาษาไทย", "हिन्दी", "déjà", "naïve", "Zürich", "Straße",
            "€", "©", "™", "–", "Ã©", "Ãx", "×", "Ö", "ÖX", "aÉb", "MÄM", "é?", "\u0301", "a\u0301", "😀", "ｶﾀｶﾅ", "\u0085",
            "ŠŽ", "Œuvre", "à", "vÃ", "…", "'s", "\uFFFD", "Ā", "ÿ",
        ];
        var random = new Random(7);
        var inputs = new List<string>();
        foreach (string a in words)
        {
            foreach (string b in words)
            {
                // Each pair joined in the ways that decide a chain's neighbours: glued, spaced, after a capital.
                inputs.Add(Damage.Cp1252(a + b));
                inputs.Add(Damage.Cp1252(a + " " + b) + " x");
                inputs.Add("X" + Damage.Cp1252(a) + b + "Y");
                inputs.Add(a + Damage.Cp1252(b));
            }
        }

        for (int n = 0; n < 300; n++)
        {
            // Long runs without a space cross the 64-sequence chain limit at varied offsets.
            var line = new System.Text.StringBuilder();
            int length = random.Next(1, 140);
            for (int k = 0; k < length; k++)
            {
                line.Append(words[random.Next(words.Length)]);
            }

            inputs.Add(Damage.Cp1252(line.ToString()));
            inputs.Add(line + Damage.Cp1252(line.ToString()));
        }

        AssertSame(inputs, 2000);
    }
}
