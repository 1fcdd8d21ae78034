namespace MojibakeFix.Lossy;

/// <summary>
/// The two written forms of Chinese: ideographs seen in one form's text only, learned from the catalogs
/// (<c>CjkVariants.g.cs</c>). A character guessed for lost bytes keeps to the form of its line (装 in simplified text,
/// 裝 in traditional), as a writer keeps to one.
/// </summary>
internal static partial class CjkVariants
{
    /// <summary>No form, or a line of neither (Japanese, Korean, no ideograph of one form).</summary>
    internal const int None = 0;

    /// <summary>Simplified Chinese.</summary>
    internal const int Simplified = 1;

    /// <summary>Traditional Chinese.</summary>
    internal const int Traditional = 2;

    // Two bits per BMP code unit would waste 16 KB on a few hundred characters; the lookup is per guess, not per scan.
    private static readonly Lazy<Dictionary<char, int>> s_forms = new(() =>
    {
        var forms = new Dictionary<char, int>(SimplifiedOnly.Length + TraditionalOnly.Length);
        foreach (char c in SimplifiedOnly)
        {
            forms[c] = Simplified;
        }

        foreach (char c in TraditionalOnly)
        {
            forms[c] = Traditional;
        }

        return forms;
    });

    /// <summary>The form <paramref name="c"/> is written in only, or <see cref="None"/>.</summary>
    internal static int FormOf(int c) => c is >= 0x3400 and <= 0xFFFF && s_forms.Value.TryGetValue((char)c, out int form) ? form : None;

    /// <summary>Whether <paramref name="c"/> belongs to the other form than <paramref name="form"/>.</summary>
    internal static bool IsOtherForm(int c, int form) => form != None && FormOf(c) is int own && own != None && own != form;

    /// <summary>
    /// Adds a character of a line to the tally of its forms; kana or hangul make it a line of neither (Japanese
    /// writes 個 and 写 alike, Korean hanja are traditional).
    /// </summary>
    internal static void Tally(int c, ref int simplified, ref int traditional, ref bool otherScript)
    {
        otherScript |= c is >= 0x3041 and <= 0x30FA or >= 0x30FC and <= 0x30FF or >= 0xAC00 and <= 0xD7A3; // (not ・, Shift_JIS's marker)
        int form = FormOf(c);
        simplified += form == Simplified ? 1 : 0;
        traditional += form == Traditional ? 1 : 0;
    }

    /// <summary>The form a line's tally shows: the one with more characters, none on a tie or beside kana or hangul.</summary>
    internal static int FormOf(int simplified, int traditional, bool otherScript) =>
        otherScript || simplified == traditional ? None : simplified > traditional ? Simplified : Traditional;
}
