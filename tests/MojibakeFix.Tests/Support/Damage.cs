using System.Text;

namespace MojibakeFix.Tests.Support;

/// <summary>
/// Forward damage done by the runtime's own encoders (the trusted reference): UTF-8 bytes decoded with
/// Windows-1252 (undefined bytes passed through as C1 controls, as real systems do) or Latin-1.
/// </summary>
internal static class Damage
{
    private static readonly Encoding s_cp1252 = GetCp1252();

    private static Encoding GetCp1252()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252, EncoderFallback.ExceptionFallback, new DecoderReplacementFallback("\uFFFF"));
    }

    /// <summary>UTF-8 bytes read as Windows-1252; the five undefined bytes become U+0081, U+008D, ….</summary>
    internal static string Cp1252(string s)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(s);
        var sb = new StringBuilder(bytes.Length);
        foreach (byte b in bytes)
        {
            string c = s_cp1252.GetString([b]);
            sb.Append(c == "\uFFFF" ? (char)b : c[0]);
        }

        return sb.ToString();
    }

    /// <summary>UTF-8 bytes read as Latin-1.</summary>
    internal static string Latin1(string s) => Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(s));

    /// <summary>Windows-1252 damage applied <paramref name="layers"/> times.</summary>
    internal static string Cp1252(string s, int layers)
    {
        for (int i = 0; i < layers; i++)
        {
            s = Cp1252(s);
        }

        return s;
    }
}
