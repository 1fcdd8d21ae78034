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

    /// <summary>Whether any fixer that is on may change <paramref name="text"/> (the encoding repair aside).</summary>
    internal static bool MayApply(ReadOnlySpan<char> text, FixOptions o) =>
        (o.DecodeHtmlEntities != HtmlEntityDecoding.Off && HtmlEntities.MayApply(text))
        || (o.RemoveTerminalEscapes && TerminalEscapes.MayApply(text))
        || (o.ExpandLigatures && Ligatures.MayApply(text))
        || (o.NarrowFullWidth && CharacterWidth.MayApply(text))
        || (o.StraightenQuotes && Quotes.MayApply(text))
        || (o.NormalizeLineBreaks && LineBreaks.MayApply(text))
        || (o.ReplaceLoneSurrogates && LoneSurrogates.MayApply(text))
        || (o.RemoveControlCharacters && ControlCharacters.MayApply(text))
        || (o.Normalization is { } form && UnicodeNormalization.MayApply(text, form));

    /// <summary>The whole repair with the fixers on; the same instance when nothing changed.</summary>
    internal static string Run(string text, FixOptions o, List<FixStep>? steps)
    {
        string current = text;
        List<Edit>? edits = steps is null ? null : [];
        for (int pass = 0; pass < MaxPasses; pass++)
        {
            string before = current;
            if (o.DecodeHtmlEntities != HtmlEntityDecoding.Off)
            {
                current = Stage(text, current, HtmlEntities.Apply(current, o.DecodeHtmlEntities, edits), edits, steps);
            }

            if (o.RemoveTerminalEscapes)
            {
                current = Stage(text, current, TerminalEscapes.Apply(current, edits), edits, steps);
            }

            List<FixStep>? encodingSteps = steps is null ? null : [];
            string repaired = Engine.RepairEncoding(current, o, encodingSteps, null);
            if (!ReferenceEquals(repaired, current))
            {
                if (steps is not null)
                {
                    StepComposer.Compose(steps, encodingSteps!, text, current);
                }

                current = repaired;
            }

            if (o.ExpandLigatures)
            {
                current = Stage(text, current, Ligatures.Apply(current, edits), edits, steps);
            }

            if (o.NarrowFullWidth)
            {
                current = Stage(text, current, CharacterWidth.Apply(current, edits), edits, steps);
            }

            if (o.StraightenQuotes)
            {
                current = Stage(text, current, Quotes.Apply(current, edits), edits, steps);
            }

            if (o.NormalizeLineBreaks)
            {
                current = Stage(text, current, LineBreaks.Apply(current, edits), edits, steps);
            }

            if (o.ReplaceLoneSurrogates)
            {
                current = Stage(text, current, LoneSurrogates.Apply(current, edits), edits, steps);
            }

            if (o.RemoveControlCharacters)
            {
                current = Stage(text, current, ControlCharacters.Apply(current, edits), edits, steps);
            }

            if (o.Normalization is { } form)
            {
                current = Stage(text, current, UnicodeNormalization.Apply(current, form, edits), edits, steps);
            }

            if (ReferenceEquals(before, current))
            {
                break;
            }
        }

        return current;
    }

    /// <summary>Takes a fixer's output, folding its edits into the steps.</summary>
    private static string Stage(string input, string current, string next, List<Edit>? edits, List<FixStep>? steps)
    {
        if (edits is null || steps is null)
        {
            return next;
        }

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
        return next;
    }
}
