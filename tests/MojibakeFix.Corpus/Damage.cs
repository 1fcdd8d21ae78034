using System.Text;

namespace MojibakeFix.Corpus;

/// <summary>
/// Forward damage done by the runtime's own encoders (the trusted reference), plus the lossy renderings
/// seen in real feeds.
/// </summary>
public static class Damage
{
    private static readonly char[] s_cp1252;

    // A static constructor, not a field initializer, registers the code pages: it runs before any member is used,
    // while a field initializer may wait for its field, so that DoubleByte on Big5 found no provider whenever no test
    // had read the Windows-1252 table (or called the library, which registers it too) before.
    static Damage()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        s_cp1252 = BuildCp1252();
    }

    private static char[] BuildCp1252()
    {
        var cp = Encoding.GetEncoding(1252, EncoderFallback.ExceptionFallback, new DecoderReplacementFallback("\uFFFF"));
        var table = new char[256];
        for (int b = 0; b < 256; b++)
        {
            string c = cp.GetString([(byte)b]);
            table[b] = c == "\uFFFF" ? (char)b : c[0]; // undefined bytes pass through as C1 controls
        }

        return table;
    }

    /// <summary>
    /// Text stored in a legacy single-byte code page (MacRoman, cp850, Windows-1252) and read as Latin-1, the
    /// 8-bit confusion of ftfy #18: null when the code page cannot hold the text, or when a character lands
    /// outside ASCII and 80–9F (only the C1 controls tell such damage; the rest reads as other letters).
    /// Windows-1252 text may use any byte: its A0–FF read the same in Latin-1.
    /// </summary>
    public static string? LegacyAsLatin1(string s, int codePage) =>
        SingleBytes(s, codePage) is { } bytes && bytes.Any(b => b is >= 0x80 and < 0xA0) && (codePage == 1252 || bytes.All(b => b < 0xA0))
            ? Encoding.Latin1.GetString(bytes)
            : null;

    /// <summary>
    /// Text stored in a single-byte code page of another script (Windows-1251, KOI8-R, Windows-1253) and read as
    /// Windows-1252, undefined bytes as C1 controls (ftfy #28): null when the code page cannot hold the text.
    /// </summary>
    public static string? LegacyAsCp1252(string s, int codePage) =>
        SingleBytes(s, codePage) is { } bytes ? string.Concat(bytes.Select(b => s_cp1252[b])) : null;

    /// <summary>The text in a single-byte code page, one byte per character; null when the code page cannot hold it.</summary>
    private static byte[]? SingleBytes(string s, int codePage)
    {
        var page = Encoding.GetEncoding(codePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        try
        {
            byte[] bytes = page.GetBytes(s);
            return bytes.Length == s.Length ? bytes : null;
        }
        catch (EncoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>UTF-8 bytes read as Windows-1252; the five undefined bytes become U+0081, U+008D, ….</summary>
    public static string Cp1252(string s)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(s);
        return string.Create(bytes.Length, bytes, static (dst, src) =>
        {
            for (int i = 0; i < src.Length; i++)
            {
                dst[i] = s_cp1252[src[i]];
            }
        });
    }

    /// <summary>Each character's Windows-1252 byte read as Latin-1 (a C1 control): how "€" becomes U+0080.</summary>
    public static string Latin1ByteOf(string s) =>
        string.Concat(s.Select(c => Array.IndexOf(s_cp1252, c) is int b and >= 0 ? ((char)b).ToString() : c.ToString()));

    /// <summary>C1 controls replaced by the Windows-1252 characters of the same bytes (€ for U+0080, …).</summary>
    public static string C1AsCp1252(string s) =>
        string.Concat(s.Select(c => c is >= '\u0080' and < '\u00A0' ? s_cp1252[c] : c));

    /// <summary>Windows-1252 damage applied <paramref name="layers"/> times.</summary>
    public static string Cp1252(string s, int layers)
    {
        for (int i = 0; i < layers; i++)
        {
            s = Cp1252(s);
        }

        return s;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, char[]> s_tables = new();

    /// <summary>UTF-8 bytes read as a single-byte code page; undefined bytes pass through as Latin-1 characters.</summary>
    public static string CodePage(string s, int codePage)
    {
        char[] table = Table(codePage);
        byte[] bytes = Encoding.UTF8.GetBytes(s);
        return string.Create(bytes.Length, (bytes, table), static (dst, st) =>
        {
            for (int i = 0; i < st.bytes.Length; i++)
            {
                dst[i] = st.table[st.bytes[i]];
            }
        });
    }

    /// <summary>The character a single-byte code page shows for a byte (1252: undefined bytes as C1 controls; 28591: Latin-1).</summary>
    public static char ShownAs(byte b, int codePage) => codePage switch
    {
        1252 => s_cp1252[b],
        28591 => (char)b,
        _ => Table(codePage)[b],
    };

    private static char[] Table(int codePage)
    {
        return s_tables.GetOrAdd(codePage, static cp =>
        {
            var encoding = Encoding.GetEncoding(cp, EncoderFallback.ExceptionFallback, new DecoderReplacementFallback("\uFFFF"));
            var t = new char[256];
            for (int b = 0; b < 256; b++)
            {
                string c = encoding.GetString([(byte)b]);
                t[b] = c.Length == 1 && c != "\uFFFF" ? c[0] : (char)b;
            }

            return t;
        });
    }

    /// <summary>
    /// UTF-8 bytes read as a double-byte code page (936 GBK, 932 Shift_JIS, 949 EUC-KR, 950 Big5) by .NET's own
    /// decoder, with its default fallback: a byte it cannot read becomes <c>?</c> (<c>・</c> for Shift_JIS).
    /// </summary>
    public static string DoubleByte(string s, int codePage) => Encoding.GetEncoding(codePage).GetString(Encoding.UTF8.GetBytes(s));

    /// <summary>Whether the double-byte damage of <paramref name="s"/> kept every byte (reads back exactly).</summary>
    public static bool DoubleByteIsLossless(string s, int codePage)
    {
        var strict = Encoding.GetEncoding(codePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        try
        {
            return Encoding.UTF8.GetString(strict.GetBytes(strict.GetString(Encoding.UTF8.GetBytes(s)))) == s;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>
    /// Windows-1252 damage where the second byte (80–9F) of each two-byte letter became <c>?</c> on the way
    /// (<c>PrzykÅ?ad</c>): the lost letters of issue 5. Other bytes keep their Windows-1252 characters.
    /// </summary>
    public static string LostLetters(string s)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(s);
        var sb = new StringBuilder(bytes.Length);
        for (int i = 0; i < bytes.Length; i++)
        {
            bool lost = i > 0 && bytes[i] is >= 0x80 and < 0xA0 && bytes[i - 1] is >= 0xC2 and <= 0xDF;
            sb.Append(lost ? '?' : s_cp1252[bytes[i]]);
        }

        return sb.ToString();
    }

    /// <summary>UTF-8 bytes read as Latin-1.</summary>
    public static string Latin1(string s) => Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(s));

    /// <summary>Windows-1252 damage, then every no-break space turned into a plain space (an HTML or PDF round trip).</summary>
    public static string LostNoBreakSpace(string s) => Cp1252(s).Replace('\u00A0', ' ');

    /// <summary>
    /// Windows-1252 damage rendered through a PDF with a WinAnsi font that lacks € … “ ™ œ (they become '?')
    /// and prints '•' for the bytes WinAnsi leaves undefined (0x81 0x8D 0x8F 0x90 0x9D): the news feed's shape,
    /// <c>lâ??analisi</c>, <c>cooperazioneâ?•</c>.
    /// </summary>
    public static string PdfWinAnsi(string s)
    {
        var chars = Cp1252(s).ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            chars[i] = chars[i] switch
            {
                '\u20AC' or '\u2026' or '\u201C' or '\u2122' or '\u0153' => '?',
                '\u0081' or '\u008D' or '\u008F' or '\u0090' or '\u009D' => '\u2022',
                var c => c,
            };
        }

        return new string(chars);
    }

    /// <summary>
    /// True when a source string is itself mojibake: wholly the Windows-1252 image of other UTF-8 text, or holding
    /// Ã/Â followed by a character of bytes 0x80–0xBF other than closing punctuation (vÃ¦re, Â«%sÂ»), a pair
    /// that correct text does not contain.
    /// </summary>
    public static bool LooksAlreadyDamaged(string s)
    {
        for (int i = 0; i + 1 < s.Length; i++)
        {
            if (s[i] is '\u00C3' or '\u00C2' && s[i + 1] is not ('\u00A0' or '\u2026' or '\u2019' or '\u201D' or '\u201C')
                && Array.IndexOf(s_cp1252, s[i + 1]) is >= 0x80 and <= 0xBF)
            {
                return true;
            }
        }

        var bytes = new byte[s.Length];
        for (int i = 0; i < s.Length; i++)
        {
            int b = Array.IndexOf(s_cp1252, s[i]);
            if (b < 0)
            {
                return false;
            }

            bytes[i] = (byte)b;
        }

        try
        {
            string decoded = new UTF8Encoding(false, true).GetString(bytes);
            return decoded != s;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
