using System.Buffers;
using System.Text;
using MojibakeFix.Cli;

namespace MojibakeFix.Fuzz;

/// <summary>
/// What must hold for any input bytes: read as UTF-8 (invalid bytes included) and as UTF-16 code units, repaired
/// through every API, and fed to the tool's JSON Lines and CSV readers. A violation throws. Shared by the fuzz
/// target and the regression tests over its findings.
/// </summary>
internal static class Invariants
{
    private static readonly Options Jsonl = Parse("--jsonl");
    private static readonly Options JsonlCheck = Parse("--jsonl", "--check");
    private static readonly Options Csv = Parse("--csv");
    private static readonly Options CsvCheck = Parse("--csv", "--check");
    private static readonly Options Tsv = Parse("--tsv", "--column", "1");

    private static Options Parse(params string[] args) =>
        Options.TryParse(args, out Options o) is null ? o : throw new InvalidOperationException("bad options");

    internal static void Check(byte[] bytes)
    {
        CheckText(Encoding.UTF8.GetString(bytes));
        CheckText(new string(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, char>(bytes.AsSpan(0, bytes.Length & ~1))));

        // The UTF-8 path agrees with the string path on the valid part, and keeps invalid bytes.
        var writer = new ArrayBufferWriter<byte>();
        Mojibake.FixUtf8(bytes, writer);
        if (System.Text.Unicode.Utf8.IsValid(bytes) && Encoding.UTF8.GetString(writer.WrittenSpan) != Mojibake.Fix(Encoding.UTF8.GetString(bytes)))
        {
            throw new InvalidOperationException("UTF-8 path disagrees with the string path");
        }

        // The same with the other fixers on (the ftfy preset).
        CheckPreset(Encoding.UTF8.GetString(bytes));
        CheckPreset(new string(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, char>(bytes.AsSpan(0, bytes.Length & ~1))));
        if (System.Text.Unicode.Utf8.IsValid(bytes)
            && Encoding.UTF8.GetString(Mojibake.FixUtf8(bytes, FixOptions.Ftfy)) != Mojibake.Fix(Encoding.UTF8.GetString(bytes), FixOptions.Ftfy))
        {
            throw new InvalidOperationException("UTF-8 path disagrees with the string path (ftfy preset)");
        }

        CheckRecords(bytes, Jsonl, JsonlCheck, csvMode: false);
        CheckRecords(bytes, Csv, CsvCheck, csvMode: true);
        CheckRecords(bytes, Tsv, null, csvMode: true);
    }

    // The tool's record readers: one line out per line in, unchanged bytes when nothing was fixed, idempotent, and
    // the --check report agreeing with the fix.
    private static void CheckRecords(byte[] bytes, Options fix, Options? check, bool csvMode)
    {
        byte[] once = Process(bytes, fix, out bool changed, out int invalid);
        if (!changed && !once.AsSpan().SequenceEqual(bytes))
        {
            throw new InvalidOperationException("record reader changed bytes without a repair");
        }

        if (!csvMode && once.AsSpan().Count((byte)'\n') != bytes.AsSpan().Count((byte)'\n'))
        {
            throw new InvalidOperationException("JSON Lines output has a different number of lines");
        }

        byte[] twice = Process(once, fix, out bool changedAgain, out int invalidAgain);
        if (changedAgain || !twice.AsSpan().SequenceEqual(once) || invalidAgain != invalid)
        {
            throw new InvalidOperationException("record reader not idempotent");
        }

        if (check is not null)
        {
            var file = new InputFile("-", 0);
            if (csvMode)
            {
                file.Columns = MojibakeFix.Cli.Csv.Columns(bytes, check, out _);
            }

            using BlockResult report = Blocks.Process(bytes, true, file, check);
            if ((report.Sites > 0) != changed)
            {
                throw new InvalidOperationException($"--check found {report.Sites} sites but the fix changed: {changed}");
            }
        }
    }

    private static byte[] Process(byte[] bytes, Options o, out bool changed, out int invalid)
    {
        var file = new InputFile("-", 0);
        if (o.CsvMode)
        {
            file.Columns = MojibakeFix.Cli.Csv.Columns(bytes, o, out _);
        }

        using BlockResult result = Blocks.Process(bytes, true, file, o);
        changed = result.Changed;
        invalid = result.InvalidLines?.Count ?? 0;
        return result.Output!.WrittenSpan.ToArray();
    }

    private static void CheckText(string text)
    {
        string once = Mojibake.Fix(text);
        if (Mojibake.Fix(once) != once)
        {
            throw new InvalidOperationException("not idempotent");
        }

        if (once.Length > text.Length)
        {
            throw new InvalidOperationException("output longer than input");
        }

        if (!HasLoneSurrogate(text) && HasLoneSurrogate(once))
        {
            throw new InvalidOperationException("repair produced invalid UTF-16");
        }

        CheckSteps(text, Mojibake.FixAndExplain(text), once, "");

        if (Mojibake.Detect(text).HasMojibake != !ReferenceEquals(once, text))
        {
            throw new InvalidOperationException("Detect disagrees with Fix");
        }

        if (!ReferenceEquals(Mojibake.Fix(once), once))
        {
            throw new InvalidOperationException("clean output not returned as the same instance");
        }

        var destination = new char[text.Length];
        if (!Mojibake.TryFix(text, destination, out int written) || new string(destination, 0, written) != once)
        {
            throw new InvalidOperationException("span core disagrees with Fix");
        }
    }

    /// <summary>
    /// The explanation gives Fix's text; its steps are in order, each names the input it replaced, and applying them
    /// gives the output.
    /// </summary>
    private static void CheckSteps(string text, FixResult explained, string once, string what)
    {
        if (explained.Text != once)
        {
            throw new InvalidOperationException("FixAndExplain disagrees with Fix" + what);
        }

        var rebuilt = new StringBuilder();
        int at = 0;
        foreach (FixStep step in explained.Steps)
        {
            if (step.Index < at || step.Original != text.Substring(step.Index, step.Length))
            {
                throw new InvalidOperationException("explanation steps out of order or not in the input" + what);
            }

            rebuilt.Append(text, at, step.Index - at).Append(step.Replacement);
            at = step.Index + step.Length;
        }

        if (rebuilt.Append(text, at, text.Length - at).ToString() != once)
        {
            throw new InvalidOperationException("explanation steps do not rebuild the output" + what);
        }
    }

    /// <summary>
    /// With <see cref="FixOptions.Ftfy"/>: idempotent, no lone surrogate left, the explanation rebuilds the output
    /// from the input, the span core agrees given <see cref="Mojibake.GetMaxFixedLength(int, FixOptions?)"/> room.
    /// </summary>
    private static void CheckPreset(string text)
    {
        FixOptions o = FixOptions.Ftfy;
        string once = Mojibake.Fix(text, o);
        if (!ReferenceEquals(Mojibake.Fix(once, o), once))
        {
            throw new InvalidOperationException("not idempotent, or clean output not the same instance (ftfy preset)");
        }

        if (HasLoneSurrogate(once))
        {
            throw new InvalidOperationException("a lone surrogate survived the ftfy preset");
        }

        CheckSteps(text, Mojibake.FixAndExplain(text, o), once, " (ftfy preset)");

        var destination = new char[Mojibake.GetMaxFixedLength(text.Length, o)];
        if (!Mojibake.TryFix(text, destination, out int written, o) || new string(destination, 0, written) != once)
        {
            throw new InvalidOperationException("span core disagrees with Fix (ftfy preset)");
        }
    }

    private static bool HasLoneSurrogate(string s)
    {
        for (int i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(s[i]))
            {
                return true;
            }
        }

        return false;
    }
}
