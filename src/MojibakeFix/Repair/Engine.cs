using MojibakeFix.Detection;
using MojibakeFix.Internals;

namespace MojibakeFix.Repair;

/// <summary>
/// Runs repair passes until the text is stable, so that <c>Fix(Fix(x)) == Fix(x)</c> for any input. Real damage
/// is undone in the first pass (layers are peeled per run); a second pass only finds something in odd input
/// where a repair made a new sequence with its neighbours.
/// </summary>
internal static class Engine
{
    private const int MaxPasses = 8;

    /// <summary>
    /// Repairs <paramref name="text"/>; returns the same instance when nothing changed. Each line (up to and
    /// including its line break) is repaired as a document of its own: no damaged run holds a line break, and
    /// keeping the evidence (favourite code page, quote style, language) within a line means a stream cut at line
    /// breaks gets exactly the result of the whole string.
    /// </summary>
    internal static string Repair(string text, FixOptions options, List<FixStep>? steps, List<DamageSite>? sites)
    {
        ReadOnlySpan<char> all = text;
        int first = all.IndexOfAny('\n', '\r');
        if (first < 0 || first == text.Length - 1)
        {
            return RepairLine(text, options, steps, sites);
        }

        System.Text.StringBuilder? output = null;
        List<FixStep>? lineSteps = steps is null ? null : [];
        List<DamageSite>? lineSites = sites is null ? null : [];
        int start = 0, copied = 0;
        while (start < text.Length)
        {
            int end = all[start..].IndexOfAny('\n', '\r');
            end = end < 0 ? text.Length : start + end + 1;
            ReadOnlySpan<char> line = all[start..end];
            if (!CandidateScanner.CannotHoldDamage(line) || (options.OtherCodePages && OtherCodePages.MayApply(line)))
            {
                string original = text.Substring(start, end - start);
                lineSteps?.Clear();
                lineSites?.Clear();
                string repaired = RepairLine(original, options, lineSteps, lineSites);
                foreach (DamageSite site in lineSites ?? [])
                {
                    sites!.Add(site with { Index = site.Index + start });
                }

                if (!ReferenceEquals(repaired, original))
                {
                    output ??= new System.Text.StringBuilder(text.Length);
                    output.Append(text, copied, start - copied).Append(repaired);
                    copied = end;
                    foreach (FixStep step in lineSteps ?? [])
                    {
                        steps!.Add(step with { Index = step.Index + start });
                    }
                }
            }

            start = end;
        }

        return output is null ? text : output.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>Repairs one line in passes until it is stable.</summary>
    private static string RepairLine(string text, FixOptions options, List<FixStep>? steps, List<DamageSite>? sites)
    {
        string current = text;
        for (int pass = 0; pass < MaxPasses; pass++)
        {
            string before = current;
            if (options.OtherCodePages)
            {
                List<FixStep>? pageSteps = steps is null ? null : [];
                string next = OtherCodePages.Repair(current, pageSteps);
                if (!ReferenceEquals(next, current))
                {
                    if (steps is not null)
                    {
                        Compose(steps, pageSteps!, text, current);
                    }

                    current = next;
                }
            }

            if (!CandidateScanner.CannotHoldDamage(current))
            {
                List<FixStep>? passSteps = steps is null ? null : [];
                var output = new CharBuffer(current.Length);
                try
                {
                    var repairer = new Repairer(current, options, passSteps, pass == 0 ? sites : null);
                    if (repairer.Run(ref output))
                    {
                        string next = output.Written.ToString();
                        if (steps is not null)
                        {
                            Compose(steps, passSteps!, text, current);
                        }

                        current = next;
                    }
                }
                finally
                {
                    output.Dispose();
                }
            }

            if (ReferenceEquals(before, current))
            {
                break;
            }
        }

        return current;
    }

    /// <summary>
    /// Folds the steps of a later pass (positions in <paramref name="current"/>) into the steps so far
    /// (positions in <paramref name="input"/>). Earlier replacements and later runs that overlap or touch form one
    /// cluster, reported as a single step; a position outside every cluster maps back by the length changes of
    /// the earlier steps before it, so the composed steps always lie inside <paramref name="input"/>.
    /// </summary>
    private static void Compose(List<FixStep> steps, List<FixStep> later, string input, string current)
    {
        if (later.Count == 0)
        {
            return;
        }

        if (steps.Count == 0)
        {
            steps.AddRange(later);
            return;
        }

        // Earlier steps in current-text coordinates, and the length change each one made.
        int n = steps.Count;
        var spans = new List<(int Start, int End, int Id)>(n + later.Count);
        int shift = 0;
        for (int i = 0; i < n; i++)
        {
            int s = steps[i].Index - shift;
            spans.Add((s, s + steps[i].Replacement.Length, i));
            shift += steps[i].Length - steps[i].Replacement.Length;
        }

        for (int j = 0; j < later.Count; j++)
        {
            spans.Add((later[j].Index, later[j].Index + later[j].Length, n + j));
        }

        spans.Sort((x, y) => x.Start != y.Start ? x.Start.CompareTo(y.Start) : x.Id.CompareTo(y.Id));

        var result = new List<FixStep>(n + later.Count);
        var earlier = new List<int>();
        var laterIds = new List<int>();
        int k = 0;
        int deltaBefore = 0; // length change of the earlier steps wholly before the cluster
        while (k < spans.Count)
        {
            int cs = spans[k].Start, ce = spans[k].End;
            earlier.Clear();
            laterIds.Clear();
            while (k < spans.Count && spans[k].Start <= ce)
            {
                ce = Math.Max(ce, spans[k].End);
                (spans[k].Id < n ? earlier : laterIds).Add(spans[k].Id);
                k++;
            }

            int delta = 0;
            foreach (int i in earlier)
            {
                delta += steps[i].Length - steps[i].Replacement.Length;
            }

            if (laterIds.Count == 0)
            {
                foreach (int i in earlier)
                {
                    result.Add(steps[i]);
                }

                deltaBefore += delta;
                continue;
            }

            laterIds.Sort();
            var encodings = new List<string>();
            double confidence = 1;
            bool guess = false;
            foreach (int i in earlier)
            {
                encodings.AddRange(steps[i].Encodings);
                confidence = Math.Min(confidence, steps[i].Confidence);
                guess |= steps[i].IsGuess;
            }

            var replacement = new System.Text.StringBuilder();
            int pos = cs;
            FixKind kind = FixKind.Mojibake;
            foreach (int id in laterIds)
            {
                FixStep step = later[id - n];
                int a = Math.Max(step.Index, pos), b = Math.Max(step.Index + step.Length, a);
                replacement.Append(current, pos, a - pos).Append(step.Replacement);
                pos = b;
                encodings.AddRange(step.Encodings);
                confidence = Math.Min(confidence, step.Confidence);
                guess |= step.IsGuess;
                kind = step.Kind;
            }

            replacement.Append(current, pos, ce - pos);
            int inStart = cs + deltaBefore;
            int inEnd = ce + deltaBefore + delta;
            result.Add(new FixStep(inStart, inEnd - inStart, input[inStart..inEnd], replacement.ToString(), encodings,
                confidence, guess, guess ? FixKind.LossySequence : kind));
            deltaBefore += delta;
        }

        steps.Clear();
        steps.AddRange(result);
    }
}
