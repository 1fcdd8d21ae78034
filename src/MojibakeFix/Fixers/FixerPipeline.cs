using MojibakeFix.Repair;

namespace MojibakeFix.Fixers;

/// <summary>
/// Runs the other fixers of <see cref="FixOptions"/> around the encoding repair, in ftfy's order: HTML character
/// references and terminal escapes first (a reference can hide damage, <c>&amp;Atilde;&amp;copy;</c>), then the
/// encoding repair, then ligatures, width, quotes, line breaks, lone surrogates, control characters and
/// normalization; again until nothing changes, since removing a character can join damage.
/// </summary>
/// <remarks>
/// Every stage works line by line or character by character (a <c>\r\n</c> pair is one line break), so a text
/// cut after a line break gives the same result piece by piece, which the span and UTF-8 cores rely on.
/// </remarks>
internal static class FixerPipeline
{
    private const int MaxPasses = 8;

    private delegate bool Probe(ReadOnlySpan<char> text, FixOptions options);

    private delegate string Fixer(string text, FixOptions options, List<Edit>? edits);

    /// <summary>One fixer: whether the options turn it on, whether it may change a text, and the fixer itself.</summary>
    private sealed record Stage(Func<FixOptions, bool> IsOn, Probe MayApply, Fixer Apply);

    /// <summary>The fixers that run before the encoding repair, in order.</summary>
    private static readonly Stage[] s_before =
    [
        new(o => o.DecodeHtmlEntities != HtmlEntityDecoding.Off, (t, _) => HtmlEntities.MayApply(t), (t, o, e) => HtmlEntities.Apply(t, o.DecodeHtmlEntities, e)),
        new(o => o.RemoveTerminalEscapes, (t, _) => TerminalEscapes.MayApply(t), (t, _, e) => TerminalEscapes.Apply(t, e)),
    ];

    /// <summary>The fixers that run after the encoding repair, in order (ftfy's).</summary>
    private static readonly Stage[] s_after =
    [
        new(o => o.ExpandLigatures, (t, _) => Ligatures.MayApply(t), (t, _, e) => Ligatures.Apply(t, e)),
        new(o => o.NarrowFullWidth, (t, _) => CharacterWidth.MayApply(t), (t, _, e) => CharacterWidth.Apply(t, e)),
        new(o => o.StraightenQuotes, (t, _) => Quotes.MayApply(t), (t, _, e) => Quotes.Apply(t, e)),
        new(o => o.NormalizeLineBreaks, (t, _) => LineBreaks.MayApply(t), (t, _, e) => LineBreaks.Apply(t, e)),
        new(o => o.ReplaceLoneSurrogates, (t, _) => LoneSurrogates.MayApply(t), (t, _, e) => LoneSurrogates.Apply(t, e)),
        new(o => o.RemoveControlCharacters, (t, _) => ControlCharacters.MayApply(t), (t, _, e) => ControlCharacters.Apply(t, e)),
        new(o => o.Normalization is not null, (t, o) => UnicodeNormalization.MayApply(t, o.Normalization!.Value),
            (t, o, e) => UnicodeNormalization.Apply(t, o.Normalization!.Value, e)),
    ];

    /// <summary>Whether any fixer that is on may change <paramref name="text"/> (the encoding repair aside).</summary>
    internal static bool MayApply(ReadOnlySpan<char> text, FixOptions options) => MayApply(s_before, text, options) || MayApply(s_after, text, options);

    private static bool MayApply(Stage[] stages, ReadOnlySpan<char> text, FixOptions options)
    {
        foreach (Stage stage in stages)
        {
            if (stage.IsOn(options) && stage.MayApply(text, options))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The whole repair with the fixers on; the same instance when nothing changed.</summary>
    internal static string Run(string text, FixOptions options, List<FixStep>? steps)
    {
        string current = text;
        List<Edit>? edits = steps is null ? null : [];
        for (int pass = 0; pass < MaxPasses; pass++)
        {
            string before = current;
            current = RunStages(s_before, text, current, options, edits, steps);

            List<FixStep>? encodingSteps = steps is null ? null : [];
            string repaired = Engine.RepairEncoding(current, options, encodingSteps, null);
            if (!ReferenceEquals(repaired, current))
            {
                if (steps is not null)
                {
                    StepComposer.Compose(steps, encodingSteps!, text, current);
                }

                current = repaired;
            }

            current = RunStages(s_after, text, current, options, edits, steps);
            if (ReferenceEquals(before, current))
            {
                break;
            }
        }

        return current;
    }

    /// <summary>Runs the stages that are on, folding each one's edits into the steps (positions in <paramref name="input"/>).</summary>
    private static string RunStages(Stage[] stages, string input, string current, FixOptions options, List<Edit>? edits, List<FixStep>? steps)
    {
        foreach (Stage stage in stages)
        {
            if (!stage.IsOn(options))
            {
                continue;
            }

            string next = stage.Apply(current, options, edits);
            if (edits is not null && steps is not null)
            {
                if (!ReferenceEquals(next, current) && edits.Count > 0)
                {
                    var later = new List<FixStep>(edits.Count);
                    foreach (Edit edit in edits)
                    {
                        later.Add(new FixStep(edit.Index, edit.Length, current.Substring(edit.Index, edit.Length), edit.Replacement, [], 1, false, edit.Kind));
                    }

                    StepComposer.Compose(steps, later, input, current);
                }

                edits.Clear();
            }

            current = next;
        }

        return current;
    }
}
