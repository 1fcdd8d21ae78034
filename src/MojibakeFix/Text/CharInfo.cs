using System.Globalization;
using System.Runtime.CompilerServices;

namespace MojibakeFix.Text;

/// <summary>Coarse writing systems, enough to tell whether a decoded letter fits its neighbours.</summary>
internal enum Script : byte
{
    None,
    Latin,
    Greek,
    Cyrillic,
    Armenian,
    Hebrew,
    Arabic,
    Other,
}

/// <summary>Character facts the detector needs: letters, case, script, and how common a letter is.</summary>
internal static class CharInfo
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsLetter(int c) => c >= 0 && (c < 0x80 ? (uint)((c | 0x20) - 'a') <= 'z' - 'a' : IsLetterSlow(c));

    private static bool IsLetterSlow(int c) => CharUnicodeInfo.GetUnicodeCategory(c) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => true,
        _ => false,
    };

    // Below U+0100 char's own tests read one flags table (the category lookup is two); they are defined as the category.
    internal static bool IsUpper(int c) =>
        (uint)c < 0x100 ? char.IsUpper((char)c) : c >= 0 && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.UppercaseLetter;

    internal static bool IsLower(int c) =>
        (uint)c < 0x100 ? char.IsLower((char)c) : c >= 0 && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.LowercaseLetter;

    internal static bool IsDigit(int c) => (uint)(c - '0') <= 9;

    internal static bool IsSpace(int c) => c is ' ' or '\t' or '\n' or '\r' or '\u00A0' or '\u2007' or '\u202F' or '\u3000';

    internal static Script ScriptOf(int cp) => cp switch
    {
        < 0 => Script.None,
        < 0x80 => IsLetter(cp) ? Script.Latin : Script.None,
        < 0x250 => IsLetter(cp) ? Script.Latin : Script.None,
        < 0x300 => Script.Latin, // IPA and spacing modifiers
        < 0x370 => Script.None, // combining marks attach to anything
        < 0x400 => Script.Greek,
        < 0x530 => Script.Cyrillic,
        < 0x590 => Script.Armenian,
        < 0x600 => Script.Hebrew,
        < 0x700 => Script.Arabic,
        >= 0x1E00 and < 0x1F00 or >= 0xFB00 and <= 0xFB06 => Script.Latin, // Latin Extended Additional, ligatures ﬁ ﬂ
        >= 0x1F00 and < 0x2000 => Script.Greek,
        _ => IsLetter(cp) ? Script.Other : Script.None,
    };

    /// <summary>
    /// A decoded code point that real text plausibly holds: assigned, not a control, surrogate, private-use
    /// character or noncharacter.
    /// </summary>
    internal static bool IsPlausible(int cp)
    {
        if ((cp & 0xFFFE) == 0xFFFE || cp is >= 0xFDD0 and <= 0xFDEF)
        {
            return false;
        }

        return CharUnicodeInfo.GetUnicodeCategory(cp) switch
        {
            UnicodeCategory.OtherNotAssigned or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate
                or UnicodeCategory.Control => false,
            _ => true,
        };
    }

    /// <summary>
    /// Latin letters that real text uses often enough that a decoding producing one is believable on weak
    /// evidence: Latin-1, most of Latin Extended-A, Romanian, Vietnamese, pinyin, Azerbaijani schwa.
    /// Maltese, Esperanto, Sami, breve and IPA letters need strong evidence.
    /// </summary>
    internal static bool IsCommonLatinLetter(int cp) => cp switch
    {
        0xD7 or 0xF7 => false,
        >= 0xC0 and <= 0xFF => true,
        0x10A or 0x10B or 0x120 or 0x121 or 0x126 or 0x15C or 0x15D
            or 0x127 or 0x132 or 0x133 or 0x138 or 0x13F or 0x140 or 0x149 or 0x14A
            or 0x14B or 0x156 or 0x157 or 0x166 or 0x167 or 0x17F
            or 0x114 or 0x115 or 0x12C or 0x12D or 0x14E or 0x14F => false,
        >= 0x100 and <= 0x17F => true,
        >= 0x218 and <= 0x21B => true,
        0x1A0 or 0x1A1 or 0x1AF or 0x1B0 or 0x18F or 0x259 => true,
        >= 0x1CD and <= 0x1DC => true,
        >= 0x1E00 and <= 0x1EFF => true,
        _ => false,
    };
}
