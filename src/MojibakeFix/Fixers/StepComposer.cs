namespace MojibakeFix.Fixers;

/// <summary>
/// Folds the steps of a later stage (positions in the current text) into the steps so far (positions in the
/// original input), so every step is reported where it lies in the input. A later site that overlaps an earlier
/// one (a reference decoded to a ligature, then expanded) becomes one step with the first stage's kind; sites
/// that merely touch stay apart. The result stays sorted and without overlaps, so the steps rebuild the output.
/// </summary>
internal static class StepComposer
{
    internal static void Compose(List<FixStep> steps, List<FixStep> later, string input, string current)
    {
        if (later.Count == 0)
        {
            return;
        }

        // The earlier steps' replacements, in current-text coordinates.
        int n = steps.Count;
        var earlier = new (int Start, int End)[n];
        int shift = 0;
        for (int i = 0; i < n; i++)
        {
            int s = steps[i].Index - shift;
            earlier[i] = (s, s + steps[i].Replacement.Length);
            shift += steps[i].Length - steps[i].Replacement.Length;
        }

        var result = new List<FixStep>(n + later.Count);
        int e = 0, l = 0, delta = 0; // delta: length change of the earlier steps already passed
        while (e < n || l < later.Count)
        {
            if (l >= later.Count || (e < n && Before(earlier[e], later[l].Index)))
            {
                result.Add(steps[e]);
                delta += steps[e].Length - steps[e].Replacement.Length;
                e++;
                continue;
            }

            if (e >= n || After(earlier[e], later[l].Index + later[l].Length))
            {
                FixStep alone = later[l++];
                result.Add(alone with { Index = alone.Index + delta });
                continue;
            }

            // A cluster: everything that overlaps, transitively.
            int cs = Math.Min(earlier[e].Start, later[l].Index), ce = Math.Max(earlier[e].End, later[l].Index + later[l].Length);
            int e0 = e, l0 = l, clusterDelta = 0;
            while (true)
            {
                if (e < n && Overlaps(earlier[e], cs, ce))
                {
                    (cs, ce) = (Math.Min(cs, earlier[e].Start), Math.Max(ce, earlier[e].End));
                    clusterDelta += steps[e].Length - steps[e].Replacement.Length;
                    e++;
                }
                else if (l < later.Count && later[l].Index < ce && cs < later[l].Index + later[l].Length)
                {
                    (cs, ce) = (Math.Min(cs, later[l].Index), Math.Max(ce, later[l].Index + later[l].Length));
                    l++;
                }
                else
                {
                    break;
                }
            }

            var replacement = new System.Text.StringBuilder();
            int pos = cs;
            double confidence = 1;
            bool guess = false;
            IReadOnlyList<string> chain = [];
            for (int k = l0; k < l; k++)
            {
                replacement.Append(current, pos, later[k].Index - pos).Append(later[k].Replacement);
                pos = later[k].Index + later[k].Length;
                (confidence, guess) = (Math.Min(confidence, later[k].Confidence), guess | later[k].IsGuess);
                chain = later[k].Encodings.Count > chain.Count ? later[k].Encodings : chain;
            }

            replacement.Append(current, pos, ce - pos);
            for (int k = e0; k < e; k++)
            {
                (confidence, guess) = (Math.Min(confidence, steps[k].Confidence), guess | steps[k].IsGuess);
                chain = steps[k].Encodings.Count > chain.Count ? steps[k].Encodings : chain;
            }

            FixKind kind = e > e0 ? steps[e0].Kind : later[l0].Kind;
            int inStart = cs + delta, inEnd = ce + delta + clusterDelta;
            result.Add(new FixStep(inStart, inEnd - inStart, input[inStart..inEnd], replacement.ToString(), chain, confidence, guess,
                guess ? FixKind.LossySequence : kind));
            delta += clusterDelta;
        }

        steps.Clear();
        steps.AddRange(result);
    }

    /// <summary>Whether an earlier replacement lies wholly before position <paramref name="at"/> (an empty one: at or before it).</summary>
    private static bool Before((int Start, int End) earlier, int at) => earlier.Start == earlier.End ? earlier.Start <= at : earlier.End <= at;

    /// <summary>Whether an earlier replacement lies wholly after position <paramref name="at"/>.</summary>
    private static bool After((int Start, int End) earlier, int at) => earlier.Start >= at;

    /// <summary>Whether an earlier replacement overlaps [start, end); an empty one only strictly inside.</summary>
    private static bool Overlaps((int Start, int End) earlier, int start, int end) =>
        earlier.Start == earlier.End ? earlier.Start > start && earlier.Start < end : earlier.Start < end && start < earlier.End;
}
