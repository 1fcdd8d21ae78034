using System.Globalization;
using MojibakeFix;
using MojibakeFix.Corpus;
using MojibakeFix.Detection;

/// <summary>
/// How many correct messages the classifier sends to a repair pass, which then finds nothing: the cost side of the
/// tables learned from the catalogs (a correct Chinese line with a character the frequency table lacks goes to the
/// double-byte pass's check). Counted on the held-out three quarters, by language group:
/// <c>dotnet run -c Release --project tests/MojibakeFix.Accuracy -- --suspects</c>.
/// </summary>
internal static class SuspectShareReport
{
    internal static int Run()
    {
        var groups = new SortedDictionary<string, (int Messages, int DoubleByte, int Any, int Changed)>(StringComparer.Ordinal);
        DamageSearch every = DamageClassifier.SearchesFor(FixOptions.Default);
        foreach (var m in Catalogs.Messages())
        {
            if (Catalogs.IsTraining(m.Text) || Damage.LooksAlreadyDamaged(m.Text) || m.Text.All(c => c < 0x80))
            {
                continue;
            }

            string language = m.Language.Split('_', '@')[0];
            string group = language is "zh" or "ja" or "ko" ? language : "other";
            var g = groups.GetValueOrDefault(group);
            bool doubleByte = DamageClassifier.IndexOfDamage(m.Text, 0, DamageSearch.DoubleByte, out _) >= 0;
            bool any = DamageClassifier.IndexOfDamage(m.Text, 0, every, out _) >= 0;
            bool changed = any && !ReferenceEquals(Mojibake.Fix(m.Text), m.Text);
            groups[group] = (g.Messages + 1, g.DoubleByte + (doubleByte ? 1 : 0), g.Any + (any ? 1 : 0), g.Changed + (changed ? 1 : 0));
        }

        Console.WriteLine("| held-out messages | count | double-byte suspects | suspect to any pass | changed by Fix |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var (group, g) in groups)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {group} | {g.Messages:N0} | {g.DoubleByte:N0} ({100.0 * g.DoubleByte / g.Messages:F2}%) | {g.Any:N0} ({100.0 * g.Any / g.Messages:F2}%) | {g.Changed:N0} |"));
        }

        return 0;
    }
}
