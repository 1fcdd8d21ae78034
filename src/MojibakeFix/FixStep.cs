namespace MojibakeFix;

/// <summary>The kind of repair a <see cref="FixStep"/> made.</summary>
public enum FixKind
{
    /// <summary>UTF-8 bytes that had been decoded with a single-byte code page, decoded again as UTF-8.</summary>
    Mojibake,

    /// <summary>A UTF-8 sequence with lost bytes, restored from context (see <see cref="FixStep.IsGuess"/>).</summary>
    LossySequence,

    /// <summary>
    /// A C1 control character mapped to the Windows-1252 character it stood for, or to the letter it stood for in
    /// MacRoman, cp850 or cp437 when the line proves such text (see <see cref="FixStep.Encodings"/>).
    /// </summary>
    C1Control,

    /// <summary>
    /// Text stored in a single-byte code page of another script (<see cref="FixStep.Encodings"/>: Windows-1251,
    /// KOI8-R, Windows-1253) and read as Windows-1252 or Latin-1, no UTF-8 involved: <c>Ïðèâåò</c> for Привет.
    /// </summary>
    LegacyCodePage,

    /// <summary>An HTML character reference decoded (<see cref="FixOptions.DecodeHtmlEntities"/>).</summary>
    HtmlEntity,

    /// <summary>A terminal escape sequence removed (<see cref="FixOptions.RemoveTerminalEscapes"/>).</summary>
    TerminalEscape,

    /// <summary>A run of control or format characters removed (<see cref="FixOptions.RemoveControlCharacters"/>).</summary>
    ControlCharacter,

    /// <summary>A lone surrogate replaced with U+FFFD (<see cref="FixOptions.ReplaceLoneSurrogates"/>).</summary>
    LoneSurrogate,

    /// <summary>A line break written as <c>\n</c> (<see cref="FixOptions.NormalizeLineBreaks"/>).</summary>
    LineBreak,

    /// <summary>A ligature expanded into its letters (<see cref="FixOptions.ExpandLigatures"/>).</summary>
    Ligature,

    /// <summary>A full-width or half-width form replaced (<see cref="FixOptions.NarrowFullWidth"/>).</summary>
    CharacterWidth,

    /// <summary>A curly quote straightened (<see cref="FixOptions.StraightenQuotes"/>).</summary>
    CurlyQuote,

    /// <summary>A stretch brought to the normalization form of <see cref="FixOptions.Normalization"/>.</summary>
    Normalization,
}

/// <summary>One repaired run of text, as reported by <see cref="Mojibake.FixAndExplain(string, FixOptions?)"/>.</summary>
/// <remarks>
/// Positions are always in the original input, whichever stage acted: a site that several stages changed (an HTML
/// reference decoded to mojibake that was then repaired) is one step, of the kind of the first stage that acted on it.
/// Steps are in input order and do not overlap, so replacing each run of the input with its replacement gives the
/// output.
/// </remarks>
/// <param name="Index">Position of the run in the input, in UTF-16 code units.</param>
/// <param name="Length">Length of the run in the input, in UTF-16 code units.</param>
/// <param name="Original">The damaged text as it was in the input.</param>
/// <param name="Replacement">The text written in its place.</param>
/// <param name="Encodings">
/// The wrong decodings undone, outermost first: each entry names the code page the UTF-8 bytes had been
/// read as (for example <c>windows-1252</c>, <c>latin-1</c>). For <see cref="FixKind.C1Control"/>, empty when the
/// controls stood for Windows-1252 characters, else the code page whose letters they stood for (<c>macintosh</c>);
/// for <see cref="FixKind.LegacyCodePage"/>, the code page the text was stored in; empty for the other fixers'
/// kinds (<see cref="FixKind.HtmlEntity"/> and after).
/// </param>
/// <param name="Confidence">How sure the detector is that this was damage, from 0 to 1.</param>
/// <param name="IsGuess">True when lost bytes were restored from context rather than proven.</param>
/// <param name="Kind">What kind of repair this is.</param>
public sealed record FixStep(
    int Index,
    int Length,
    string Original,
    string Replacement,
    IReadOnlyList<string> Encodings,
    double Confidence,
    bool IsGuess,
    FixKind Kind)
{
    /// <summary>
    /// The encoding chain in words, such as <c>utf-8 → windows-1252 ×2</c>; for the other fixers' kinds, what was
    /// done (<c>HTML entity</c>, <c>curly quote</c>, ...).
    /// </summary>
    public string Chain => Kind switch
    {
        FixKind.C1Control => (Encodings.Count == 0 ? "windows-1252" : Encodings[0]) + " (C1 controls)",
        FixKind.LegacyCodePage => $"{Encodings[0]} → windows-1252",
        >= FixKind.HtmlEntity when Encodings.Count == 0 => Describe(Kind),
        _ => Mojibake.DescribeChain(Encodings),
    };

    private static string Describe(FixKind kind) => kind switch
    {
        FixKind.HtmlEntity => "HTML entity",
        FixKind.TerminalEscape => "terminal escape",
        FixKind.ControlCharacter => "control character",
        FixKind.LoneSurrogate => "lone surrogate",
        FixKind.LineBreak => "line break",
        FixKind.Ligature => "ligature",
        FixKind.CharacterWidth => "character width",
        FixKind.CurlyQuote => "curly quote",
        _ => "normalization",
    };
}
