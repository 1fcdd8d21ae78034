namespace MojibakeFix;

/// <summary>What to do with damage whose lost bytes can only be inferred from context.</summary>
public enum LossyRepair
{
    /// <summary>Restore the most likely character from context and mark the step as a guess.</summary>
    Guess,

    /// <summary>Replace the damaged sequence with U+FFFD REPLACEMENT CHARACTER, as ftfy does.</summary>
    Replace,

    /// <summary>Leave lossy sequences exactly as they are.</summary>
    Leave,
}

/// <summary>How a dash restored from a lossy sequence is written.</summary>
public enum DashStyle
{
    /// <summary>Follow the document: an em dash when the text already uses em dashes, else an en dash.</summary>
    Auto,

    /// <summary>Always U+2013 EN DASH.</summary>
    EnDash,

    /// <summary>Always U+2014 EM DASH.</summary>
    EmDash,
}

/// <summary>
/// Immutable options for <see cref="Mojibake"/>. Change them with <c>with</c>:
/// <c>FixOptions.Default with { Lossy = LossyRepair.Replace }</c>.
/// </summary>
/// <remarks>
/// The defaults change nothing but damage: no quote straightening, no Unicode normalization,
/// no width folding.
/// </remarks>
public sealed record FixOptions
{
    /// <summary>The defaults: repair every kind of damage, guess lossy punctuation from context.</summary>
    public static FixOptions Default { get; } = new();

    /// <summary>How lossy sequences (bytes that became <c>?</c>, U+FFFD or a stray character) are handled.</summary>
    public LossyRepair Lossy { get; init; } = LossyRepair.Guess;

    /// <summary>
    /// Repair a UTF-8 sequence whose 0xA0 byte (a no-break space in Windows-1252) was turned into a plain
    /// space on the way, as in <c>quantitÃ di</c>. On by default.
    /// </summary>
    public bool RestoreLostNoBreakSpace { get; init; } = true;

    /// <summary>
    /// Map C1 control characters (U+0080–U+009F) that are left over from a Latin-1 decoding of
    /// Windows-1252 text to the characters Windows-1252 gives them. On by default; real text never holds them.
    /// </summary>
    public bool FixC1Controls { get; init; } = true;

    /// <summary>
    /// Also undo UTF-8 misread as other single-byte code pages (Windows-1250/1251/1253/1254/1257, ISO-8859-2/5/7/13,
    /// KOI8-R/U, MacRoman, cp437, cp850, cp866), word by word where the evidence is strong. On by default.
    /// </summary>
    public bool OtherCodePages { get; init; } = true;

    /// <summary>
    /// Also undo UTF-8 misread as a double-byte code page (GBK, Shift_JIS, EUC-KR, Big5): runs of rare characters
    /// whose bytes decode as UTF-8 into common text. A byte the decoder lost (shown as <c>?</c> or <c>・</c>) is
    /// handled as <see cref="Lossy"/> says. On by default.
    /// </summary>
    public bool DoubleByteCodePages { get; init; } = true;

    /// <summary>
    /// In UTF-8 bytes (<see cref="Mojibake.FixUtf8(ReadOnlySpan{byte}, FixOptions?)"/> and its overloads), rewrite
    /// CESU-8 and Java "modified UTF-8": a character above U+FFFF written as two three-byte surrogates
    /// (<c>ED A0 BD ED B8 80</c> for 😀) and NUL written as <c>C0 80</c>. Both are invalid UTF-8 that Java and
    /// some databases write; other invalid bytes, a lone surrogate's included, are kept as they are. In text, the
    /// same forms misread as Windows-1252 (<c>í ½í¸€</c>) are repaired as mojibake. On by default.
    /// </summary>
    public bool DecodeModifiedUtf8 { get; init; } = true;

    /// <summary>The dash written where a lossy sequence was a dash.</summary>
    public DashStyle Dash { get; init; } = DashStyle.Auto;

    /// <summary>
    /// The most layers of UTF-8 → Windows-1252 damage undone at one site (1–16, default 10).
    /// Values outside the range are clamped.
    /// </summary>
    public int MaxLayers { get; init; } = 10;

    internal int EffectiveMaxLayers => Math.Clamp(MaxLayers, 1, 16);
}
