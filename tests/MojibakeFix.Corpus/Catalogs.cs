using System.Buffers.Binary;
using System.Text;

namespace MojibakeFix.Corpus;

/// <summary>One translated message from a gettext catalog.</summary>
/// <param name="Language">The locale folder name, e.g. <c>pt_BR</c>.</param>
/// <param name="Domain">The catalog name, e.g. <c>coreutils</c>.</param>
/// <param name="Text">The translation (one plural form per entry).</param>
public readonly record struct CatalogMessage(string Language, string Domain, string Text);

/// <summary>
/// Reads the gettext catalogs under <c>/usr/share/locale/*/LC_MESSAGES/*.mo</c>: human translations in
/// 190+ languages, the clean text the accuracy corpora are made from.
/// </summary>
public static class Catalogs
{
    /// <summary>The catalog root; overridable with the MOJIBAKEFIX_LOCALE_DIR environment variable.</summary>
    public static string Root { get; } = Environment.GetEnvironmentVariable("MOJIBAKEFIX_LOCALE_DIR") ?? "/usr/share/locale";

    /// <summary>True when at least one catalog is present.</summary>
    public static bool Available => Files().Any();

    /// <summary>Every catalog file, sorted so corpora are reproducible.</summary>
    public static IEnumerable<string> Files()
    {
        if (!Directory.Exists(Root))
        {
            return [];
        }

        return Directory.EnumerateDirectories(Root)
            .Select(d => Path.Combine(d, "LC_MESSAGES"))
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.mo"))
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>Every translation in every catalog, in a fixed order; invalid UTF-8 and headers are skipped.</summary>
    public static IEnumerable<CatalogMessage> Messages()
    {
        foreach (string file in Files())
        {
            string language = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(file)))!;
            string domain = Path.GetFileNameWithoutExtension(file);
            foreach (string text in ReadMo(File.ReadAllBytes(file)))
            {
                yield return new CatalogMessage(language, domain, text);
            }
        }
    }

    /// <summary>
    /// The quarter of messages a model may be trained on (the CJK character frequencies of the library); the
    /// accuracy categories that use such a model are measured on the other three quarters only. A stable hash
    /// (FNV-1a over the UTF-16 code units), so the split is the same on every machine.
    /// </summary>
    public static bool IsTraining(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 16777619;
        }

        return hash % 4 == 0;
    }

    private static readonly UTF8Encoding s_strictUtf8 = new(false, true);

    /// <summary>Parses a GNU .mo file and returns its translations.</summary>
    public static List<string> ReadMo(byte[] data)
    {
        var result = new List<string>();
        if (data.Length < 28)
        {
            return result;
        }

        uint magic = BinaryPrimitives.ReadUInt32LittleEndian(data);
        bool little = magic == 0x950412de;
        if (!little && BinaryPrimitives.ReadUInt32BigEndian(data) != 0x950412de)
        {
            return result;
        }

        uint Read(int at) => little ? BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(at)) : BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(at));
        int count = (int)Read(8);
        int translations = (int)Read(16);
        for (int i = 0; i < count; i++)
        {
            int entry = translations + (8 * i);
            if (entry + 8 > data.Length)
            {
                break;
            }

            int length = (int)Read(entry), offset = (int)Read(entry + 4);
            if (length <= 0 || offset < 0 || offset + length > data.Length)
            {
                continue;
            }

            string text;
            try
            {
                text = s_strictUtf8.GetString(data, offset, length);
            }
            catch (DecoderFallbackException)
            {
                continue; // a catalog in a legacy charset: not clean UTF-8 text
            }

            if (text.Contains("Content-Type:", StringComparison.Ordinal) && text.Contains("charset", StringComparison.Ordinal))
            {
                continue; // the header entry
            }

            foreach (string form in text.Split('\0'))
            {
                if (form.Length > 0)
                {
                    result.Add(form);
                }
            }
        }

        return result;
    }
}
