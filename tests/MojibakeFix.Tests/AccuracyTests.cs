using MojibakeFix.Corpus;
using Xunit.Abstractions;

namespace MojibakeFix.Tests;

/// <summary>
/// The accuracy goals of the core issue on a deterministic sample (every 20th distinct message) of the corpus
/// generated from the gettext catalogs. The full run is <c>dotnet run -c Release --project tests/MojibakeFix.Accuracy</c>.
/// </summary>
[Trait("Category", "Accuracy")]
public class AccuracyTests(ITestOutputHelper output)
{
    private static readonly Lazy<AccuracyCorpus> s_corpus = new(() => AccuracyCorpus.Load(stride: 20));

    private double Measure(Category category)
    {
        int total = 0, exact = 0;
        foreach (var c in s_corpus.Value.Cases(category))
        {
            total++;
            exact += Mojibake.Fix(c.Input) == c.Expected ? 1 : 0;
        }

        double share = (double)exact / total;
        output.WriteLine($"{category.Name}: {exact}/{total} = {share:P3} (goal {category.Goal:P2})");
        return share;
    }

    [CatalogFact]
    public void Clean_text_is_left_unchanged() => Assert.True(Measure(AccuracyCorpus.Clean) >= AccuracyCorpus.Clean.Goal);

    [CatalogFact]
    public void Single_windows_1252_meets_its_goal() => Assert.True(Measure(AccuracyCorpus.Single1252) >= AccuracyCorpus.Single1252.Goal);

    [CatalogFact]
    public void Single_latin1_meets_its_goal() => Assert.True(Measure(AccuracyCorpus.SingleLatin1) >= AccuracyCorpus.SingleLatin1.Goal);

    [CatalogFact]
    public void Double_layer_meets_its_goal() => Assert.True(Measure(AccuracyCorpus.Double1252) >= AccuracyCorpus.Double1252.Goal);

    [CatalogFact]
    public void Mixed_strings_meet_their_goal() => Assert.True(Measure(AccuracyCorpus.Mixed) >= AccuracyCorpus.Mixed.Goal);

    [CatalogFact]
    public void Lost_no_break_space_meets_its_goal() => Assert.True(Measure(AccuracyCorpus.LostNbsp) >= AccuracyCorpus.LostNbsp.Goal);

    [CatalogFact]
    public void Lossy_punctuation_meets_its_goal() => Assert.True(Measure(AccuracyCorpus.LossyPunctuation) >= AccuracyCorpus.LossyPunctuation.Goal);
}
