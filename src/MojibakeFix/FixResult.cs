namespace MojibakeFix;

/// <summary>The repaired text and the steps that produced it.</summary>
public sealed class FixResult
{
    internal FixResult(string text, IReadOnlyList<FixStep> steps)
    {
        Text = text;
        Steps = steps;
    }

    /// <summary>The repaired text (the input instance itself when nothing changed).</summary>
    public string Text { get; }

    /// <summary>Every repaired run, in input order.</summary>
    public IReadOnlyList<FixStep> Steps { get; }

    /// <summary>True when at least one run was repaired.</summary>
    public bool Changed => Steps.Count > 0;

    /// <inheritdoc/>
    public override string ToString() => Text;
}
