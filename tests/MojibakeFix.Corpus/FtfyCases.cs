using System.Text.Json;

namespace MojibakeFix.Corpus;

/// <summary>One test case of ftfy 6.3.1 (Apache-2.0, Robyn Speer), read from ../shared/corpora/ftfy.</summary>
public sealed record FtfyCase(string File, string Label, string Original, string Fixed, string FixedEncoding, bool ExpectPass, string? Comment)
{
    /// <inheritdoc/>
    public override string ToString() => $"{File}: {Label}";
}

/// <summary>Locates and reads ftfy's test-case files.</summary>
public static class FtfyCases
{
    /// <summary>The folder, found by walking up from the working directory to a repository holding <c>../shared</c>; null when absent.</summary>
    public static string? Folder { get; } = Locate();

    private static string? Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "..", "shared", "corpora", "ftfy");
            if (File.Exists(Path.Combine(dir.FullName, "MojibakeFix.sln")) && Directory.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        return null;
    }

    /// <summary>The case files, in a fixed order.</summary>
    public static readonly string[] Files = ["in-the-wild.json", "synthetic.json", "negative.json", "language-names.json", "known-failures.json"];

    /// <summary>Reads every case of one file.</summary>
    public static IReadOnlyList<FtfyCase> Read(string file)
    {
        if (Folder is null)
        {
            return [];
        }

        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Folder, file)));
        var list = new List<FtfyCase>();
        foreach (var e in doc.RootElement.EnumerateArray())
        {
            string fixedText = e.GetProperty("fixed").GetString()!;
            string fixedEnc = e.TryGetProperty("fixed-encoding", out var fe) ? fe.GetString()! : fixedText;
            list.Add(new FtfyCase(file, e.GetProperty("label").GetString()!, e.GetProperty("original").GetString()!,
                fixedText, fixedEnc, e.GetProperty("expect").GetString() == "pass",
                e.TryGetProperty("comment", out var c) ? c.GetString() : null));
        }

        return list;
    }
}
