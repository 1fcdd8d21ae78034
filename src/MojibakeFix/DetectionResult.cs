namespace MojibakeFix;

/// <summary>A damaged run found by <see cref="Mojibake.Detect(ReadOnlySpan{char}, FixOptions?)"/>.</summary>
/// <param name="Index">Position of the run, in UTF-16 code units.</param>
/// <param name="Length">Length of the run, in UTF-16 code units.</param>
/// <param name="Confidence">How sure the detector is, from 0 to 1.</param>
/// <param name="IsGuess">True when repairing it needs a guess (lost bytes).</param>
public readonly record struct DamageSite(int Index, int Length, double Confidence, bool IsGuess);

/// <summary>Whether a text holds mojibake, how sure the detector is, and where.</summary>
public sealed class DetectionResult
{
    internal DetectionResult(IReadOnlyList<DamageSite> sites)
    {
        Sites = sites;
        double c = 0;
        foreach (var s in sites)
        {
            c = Math.Max(c, s.Confidence);
        }

        Confidence = c;
    }

    /// <summary>True when at least one damaged run was found.</summary>
    public bool HasMojibake => Sites.Count > 0;

    /// <summary>The highest confidence among the sites; 0 when there are none.</summary>
    public double Confidence { get; }

    /// <summary>The damaged runs, in order.</summary>
    public IReadOnlyList<DamageSite> Sites { get; }
}
