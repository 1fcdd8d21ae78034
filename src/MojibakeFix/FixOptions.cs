using System.Text;

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

/// <summary>When HTML character references (<c>&amp;amp;</c>, <c>&amp;eacute;</c>, <c>&amp;#233;</c>) are decoded.</summary>
public enum HtmlEntityDecoding
{
    /// <summary>Never (the default).</summary>
    Off,

    /// <summary>Only in a line that holds no <c>&lt;</c>, that is, text that is not HTML itself (ftfy's default).</summary>
    Auto,

    /// <summary>Everywhere, even in lines that look like HTML.</summary>
    Always,
}

/// <summary>
/// Immutable options for <see cref="Mojibake"/>. Change them with <c>with</c>:
/// <c>FixOptions.Default with { Lossy = LossyRepair.Replace }</c>.
/// </summary>
/// <remarks>
/// The defaults change nothing but damage: no quote straightening, no Unicode normalization,
/// no width folding. The other fixers (<see cref="DecodeHtmlEntities"/> to <see cref="Normalization"/>) are all off
/// unless set; <see cref="Ftfy"/> turns on the ones ftfy's <c>fix_text</c> applies by default. They run in ftfy's
/// order: HTML character references, then terminal escapes, then the encoding repair, then ligatures, width,
/// quotes, line breaks, lone surrogates, control characters and normalization, again until the text is stable.
/// Each is a <see cref="FixStep"/> of its own kind in <see cref="Mojibake.FixAndExplain"/>.
/// </remarks>
public sealed record FixOptions
{
    /// <summary>The defaults: repair every kind of damage, guess lossy punctuation from context.</summary>
    public static FixOptions Default { get; } = new();

    /// <summary>
    /// ftfy 6.3.1's <c>fix_text</c> defaults: every encoding repair, lossy sequences replaced with U+FFFD, HTML
    /// character references decoded outside HTML, terminal escapes, control characters (the byte order mark too)
    /// and lone surrogates removed or replaced, ligatures expanded, full-width characters narrowed, curly quotes
    /// straightened, line breaks made <c>\n</c>, NFC normalization.
    /// </summary>
    public static FixOptions Ftfy { get; } = new()
    {
        Lossy = LossyRepair.Replace,
        DecodeHtmlEntities = HtmlEntityDecoding.Auto,
        RemoveTerminalEscapes = true,
        RemoveControlCharacters = true,
        ReplaceLoneSurrogates = true,
        NormalizeLineBreaks = true,
        ExpandLigatures = true,
        NarrowFullWidth = true,
        StraightenQuotes = true,
        Normalization = NormalizationForm.FormC,
    };

    // One bit per fixer that is on, so the default path pays a single test for all of them.
    private int _fixers;

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

    /// <summary>
    /// Decode HTML character references: the named ones of HTML5 that end in <c>;</c> (and the all-capitals
    /// spelling of a lowercase name, <c>&amp;EACUTE;</c>), and numeric ones (<c>&amp;#233;</c>,
    /// <c>&amp;#xE9;</c>; a C1 number means its Windows-1252 character, an impossible one U+FFFD). A decoded
    /// <c>&amp;</c> joins what follows, so <c>&amp;amp;amp;</c> becomes <c>&amp;</c>. Off by default.
    /// </summary>
    /// <remarks>
    /// <see cref="HtmlEntityDecoding.Auto"/> decides line by line, so streamed text gets the whole-string result;
    /// ftfy decides for the rest of the text once a line holds <c>&lt;</c>, so an HTML document whose text lines hold
    /// no tag is decoded there but not by ftfy.
    /// </remarks>
    public HtmlEntityDecoding DecodeHtmlEntities { get => _html; init => Set(ref _html, value, value != HtmlEntityDecoding.Off, 1); }

    private HtmlEntityDecoding _html;

    /// <summary>Remove ANSI terminal escape sequences (ESC <c>[</c>, digits and <c>;</c>, a letter), such as colour codes. Off by default.</summary>
    public bool RemoveTerminalEscapes { get => _escapes; init => Set(ref _escapes, value, value, 2); }

    private bool _escapes;

    /// <summary>
    /// Remove control and format characters that text does not mean to hold: U+0000–U+0008, U+000B,
    /// U+000E–U+001F, U+007F, the deprecated format controls U+206A–U+206F, the byte order mark U+FEFF and the
    /// interlinear annotation and object replacement characters U+FFF9–U+FFFC. Tab, line feed, form feed,
    /// carriage return, C1 controls (evidence of damage), joiners and directional marks are kept. Off by default.
    /// </summary>
    public bool RemoveControlCharacters { get => _controls; init => Set(ref _controls, value, value, 4); }

    private bool _controls;

    /// <summary>Replace a surrogate code unit that is not half of a pair with U+FFFD REPLACEMENT CHARACTER. Off by default.</summary>
    public bool ReplaceLoneSurrogates { get => _surrogates; init => Set(ref _surrogates, value, value, 8); }

    private bool _surrogates;

    /// <summary>Write every line break (<c>\r\n</c>, <c>\r</c>, U+2028, U+2029, U+0085) as <c>\n</c>. Off by default.</summary>
    /// <remarks>With <see cref="FixC1Controls"/> on, U+0085 is first read as the Windows-1252 <c>…</c> it stood for.</remarks>
    public bool NormalizeLineBreaks { get => _lineBreaks; init => Set(ref _lineBreaks, value, value, 16); }

    private bool _lineBreaks;

    /// <summary>
    /// Expand Latin ligatures and digraph characters into their letters: ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ, Ĳ ĳ, Ǳ ǲ ǳ Ǆ ǅ ǆ Ǉ ǈ ǉ Ǌ ǋ ǌ,
    /// and ŉ as <c>ʼn</c>. Other scripts' presentation forms are left alone. Lengthens text. Off by default.
    /// </summary>
    public bool ExpandLigatures { get => _ligatures; init => Set(ref _ligatures, value, value, 32); }

    private bool _ligatures;

    /// <summary>
    /// Replace full-width and half-width forms (U+FF01–U+FFEF) with their usual characters, as compatibility
    /// normalization maps them: full-width ASCII and the ideographic space U+3000 become ASCII, half-width
    /// katakana and Hangul become the full-width ones. Off by default.
    /// </summary>
    public bool NarrowFullWidth { get => _width; init => Set(ref _width, value, value, 64); }

    private bool _width;

    /// <summary>
    /// Straighten curly quotes: U+2018–U+201B and the modifier letter apostrophe U+02BC become <c>'</c>,
    /// U+201C–U+201F become <c>"</c>. Primes and guillemets are left alone. Off by default.
    /// </summary>
    public bool StraightenQuotes { get => _quotes; init => Set(ref _quotes, value, value, 128); }

    private bool _quotes;

    /// <summary>
    /// Bring the text to this Unicode normalization form after the other repairs; null (the default) leaves it as
    /// it is. NFKC and NFKD lengthen some text.
    /// </summary>
    /// <remarks>
    /// Uses the runtime's normalization (ICU on Linux and macOS). An application in globalization-invariant mode
    /// only normalizes ASCII there, so this option then changes nothing. Lone surrogates are kept, and the text
    /// between them is normalized.
    /// </remarks>
    public NormalizationForm? Normalization { get => _normalization; init => Set(ref _normalization, value, value is not null, 256); }

    private NormalizationForm? _normalization;

    /// <summary>Whether any of the other fixers is on.</summary>
    internal bool HasFixers => _fixers != 0;

    private void Set<T>(ref T field, T value, bool on, int bit)
    {
        field = value;
        _fixers = on ? _fixers | bit : _fixers & ~bit;
    }
}
