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
    private const int MaxPasses = 4;

    /// <summary>Repairs <paramref name="text"/>; returns the same instance when nothing changed.</summary>
    internal static string Repair(string text, FixOptions options, List<FixStep>? steps, List<DamageSite>? sites)
    {
        string current = text;
        if (options.OtherCodePages)
        {
            current = OtherCodePages.Repair(text, steps);
        }

        for (int pass = 0; pass < MaxPasses; pass++)
        {
            if (CandidateScanner.CannotHoldDamage(current))
            {
                break;
            }

            List<FixStep>? passSteps = steps is null ? null : [];
            var output = new CharBuffer(current.Length);
            try
            {
                var repairer = new Repairer(current, options, passSteps, pass == 0 ? sites : null);
                if (!repairer.Run(ref output))
                {
                    break;
                }

                string next = output.Written.ToString();
                if (steps is not null)
                {
                    Compose(steps, passSteps!, text, current);
                }

                current = next;
            }
            finally
            {
                output.Dispose();
            }
        }

        return current;
    }

    /// <summary>
    /// The passes after the first for the span API: repairs <paramref name="buffer"/>[..length] in place and
    /// returns the new length. Repairs never lengthen text, so the result always fits.
    /// </summary>
    internal static int RepairAgainInPlace(Span<char> buffer, int length, FixOptions options)
    {
        for (int pass = 1; pass < MaxPasses; pass++)
        {
            ReadOnlySpan<char> current = buffer[..length];
            if (CandidateScanner.CannotHoldDamage(current))
            {
                break;
            }

            var output = new CharBuffer(length);
            try
            {
                var repairer = new Repairer(current, options);
                if (!repairer.Run(ref output))
                {
                    break;
                }

                output.Written.CopyTo(buffer);
                length = output.Length;
            }
            finally
            {
                output.Dispose();
            }
        }

        return length;
    }

    /// <summary>
    /// Folds the steps of a later pass (positions in <paramref name="current"/>) into the steps so far
    /// (positions in <paramref name="input"/>), merging where a later repair touches an earlier one.
    /// </summary>
    private static void Compose(List<FixStep> steps, List<FixStep> later, string input, string current)
    {
        if (steps.Count == 0)
        {
            steps.AddRange(later);
            return;
        }

        // Where each earlier step's replacement sits in the current text.
        var outStart = new int[steps.Count];
        int shift = 0;
        for (int i = 0; i < steps.Count; i++)
        {
            outStart[i] = steps[i].Index - shift;
            shift += steps[i].Length - steps[i].Replacement.Length;
        }

        int ToInput(int p)
        {
            int delta = 0;
            for (int i = 0; i < steps.Count && outStart[i] + steps[i].Replacement.Length <= p; i++)
            {
                delta += steps[i].Length - steps[i].Replacement.Length;
            }

            return p + delta;
        }

        var merged = new List<FixStep>();
        var consumed = new bool[steps.Count];
        foreach (FixStep step in later)
        {
            int a = step.Index, b = step.Index + step.Length;
            int ca = a, cb = b, ia = -1, ib = -1;
            var encodings = new List<string>();
            double confidence = step.Confidence;
            bool guess = step.IsGuess;
            for (int i = 0; i < steps.Count; i++)
            {
                int s = outStart[i], e = s + steps[i].Replacement.Length;
                if (s < b && e > a)
                {
                    consumed[i] = true;
                    if (s <= ca)
                    {
                        ca = s;
                        ia = steps[i].Index;
                    }

                    if (e >= cb)
                    {
                        cb = e;
                        ib = steps[i].Index + steps[i].Length;
                    }

                    encodings.AddRange(steps[i].Encodings);
                    confidence = Math.Min(confidence, steps[i].Confidence);
                    guess |= steps[i].IsGuess;
                }
            }

            encodings.AddRange(step.Encodings);
            int inStart = ia >= 0 ? ia : ToInput(ca);
            int inEnd = ib >= 0 ? ib : ToInput(cb);
            string replacement = string.Concat(current.AsSpan(ca, a - ca), step.Replacement, current.AsSpan(b, cb - b));
            merged.Add(new FixStep(inStart, inEnd - inStart, input[inStart..inEnd], replacement, encodings, confidence, guess,
                guess ? FixKind.LossySequence : step.Kind));
        }

        for (int i = 0; i < steps.Count; i++)
        {
            if (!consumed[i])
            {
                merged.Add(steps[i]);
            }
        }

        merged.Sort((x, y) => x.Index.CompareTo(y.Index));
        steps.Clear();
        steps.AddRange(merged);
    }
}
