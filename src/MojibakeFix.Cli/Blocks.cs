using System.Text;
using System.Text.Unicode;

namespace MojibakeFix.Cli;

/// <summary>One input file (or standard input) as the pipeline sees it.</summary>
internal sealed class InputFile(string path, int index)
{
    /// <summary>The path as given; "-" for standard input.</summary>
    internal string Path { get; } = path;

    /// <summary>The name messages and reports use.</summary>
    internal string Name { get; } = path == "-" ? "<stdin>" : path;

    internal int Index { get; } = index;

    /// <summary>Lines for standard error before the file's output (the guessed encoding).</summary>
    internal List<string> Notes { get; } = [];

    /// <summary>A problem that fails the file while its bytes still pass through unchanged (an unknown column).</summary>
    internal string? Problem { get; set; }

    /// <summary>With --csv/--tsv: the columns to fix, known from the header; null: all.</summary>
    internal HashSet<int>? Columns { get; set; }
}

/// <summary>A damaged site: its line (0-based within the block), its column and its report text.</summary>
/// <remarks>On the block's first line the column counts from the block's start (1 = its first character).</remarks>
internal readonly record struct Site(int Line, long Column, string Text);

/// <summary>What repairing one block produced.</summary>
internal sealed class BlockResult : IDisposable
{
    /// <summary>The repaired bytes; null with --check (nothing is written).</summary>
    internal PooledBuffer? Output { get; init; }

    internal bool Changed { get; set; }

    /// <summary>Damaged sites (counted only when reporting).</summary>
    internal int Sites { get; set; }

    internal List<Site>? Reports { get; set; }

    /// <summary>JSON Lines records that did not parse: 0-based lines within the block.</summary>
    internal List<int>? InvalidLines { get; set; }

    /// <summary>Line breaks in the block (counted when reporting or with --jsonl).</summary>
    internal int Newlines { get; set; }

    /// <summary>Characters after the block's last line break, or in all of it when it has none (when reporting).</summary>
    internal long TailColumns { get; set; }

    internal long InputBytes { get; init; }

    public void Dispose() => Output?.Dispose();
}

/// <summary>
/// Repairs one block of UTF-8 input. Blocks end where no damaged run can be cut in two (a line break; inside a
/// very long line, between plain ASCII characters), and whole records with --jsonl/--csv, so each block can be
/// repaired on any thread and the outputs joined in order.
/// </summary>
internal static class Blocks
{
    /// <summary>A damaged site found at a byte offset of the block, before positions are worked out.</summary>
    internal readonly record struct Found(int Offset, string Text);

    internal static BlockResult Process(ReadOnlySpan<byte> block, bool firstOfFile, InputFile file, Options o)
    {
        var result = new BlockResult { Output = o.Check ? null : new PooledBuffer(block.Length + (block.Length >> 4) + 64), InputBytes = block.Length };
        List<Found>? found = o.Reporting ? [] : null;
        if (o.JsonLines)
        {
            JsonLines.FixBlock(block, firstOfFile, o, result, found);
        }
        else if (o.CsvMode)
        {
            Csv.FixBlock(block, firstOfFile, file.Columns, o, result, found);
        }
        else if (found is null)
        {
            result.Changed = Mojibake.FixUtf8(block, result.Output!, o.Fix);
        }
        else if (!o.Fixers && Mojibake.IsCertainlyCleanUtf8(block) && !(o.Fix.DecodeModifiedUtf8 && block.IndexOfAny((byte)0xC0, (byte)0xED) >= 0))
        {
            result.Output?.Write(block);
        }
        else
        {
            Explain(block, o, result, found);
        }

        if (found is not null)
        {
            Locate(block, found, result);
        }
        else if (o.JsonLines)
        {
            result.Newlines = block.Count((byte)'\n');
        }

        return result;
    }

    /// <summary>Plain text, one site at a time: the repair of each valid UTF-8 run with its explanation.</summary>
    private static void Explain(ReadOnlySpan<byte> block, Options o, BlockResult result, List<Found> found)
    {
        int at = 0;
        while (at < block.Length)
        {
            ReadOnlySpan<byte> rest = block[at..];
            int valid = ValidPrefix(rest);
            if (valid > 0)
            {
                ReadOnlySpan<byte> run = rest[..valid];
                string text = Encoding.UTF8.GetString(run);
                FixResult fixedRun = Mojibake.FixAndExplain(text, o.Fix);
                AddSites(text, fixedRun.Steps, at, found, result);
                if (fixedRun.Steps.Count == 0)
                {
                    result.Output?.Write(run);
                }
                else
                {
                    result.Changed = true;
                    if (result.Output is { } output)
                    {
                        output.Advance(Encoding.UTF8.GetBytes(fixedRun.Text, output.GetSpan(Encoding.UTF8.GetMaxByteCount(fixedRun.Text.Length))));
                    }
                }

                at += valid;
            }

            if (at < block.Length && o.Fix.DecodeModifiedUtf8 && ModifiedUtf8Site(block[at..]) is (int used, string site))
            {
                found.Add(new Found(at, site));
                result.Sites++;
                result.Changed = true;
                result.Output?.Write(Mojibake.FixUtf8(block.Slice(at, used), o.Fix));
                at += used;
            }
            else if (at < block.Length)
            {
                System.Text.Rune.DecodeFromUtf8(block[at..], out _, out int invalid);
                result.Output?.Write(block.Slice(at, invalid)); // not UTF-8: byte for byte
                at += invalid;
            }
        }
    }

    /// <summary>A CESU-8 surrogate pair or C0 80 at the start of <paramref name="rest"/>: its length and report, or null.</summary>
    private static (int Used, string Site)? ModifiedUtf8Site(ReadOnlySpan<byte> rest)
    {
        int used = rest.Length >= 2 && rest[0] == 0xC0 && rest[1] == 0x80 ? 2 : rest.Length >= 6 && rest[0] == 0xED && rest[3] == 0xED ? 6 : 0;
        if (used == 0)
        {
            return null;
        }

        byte[] rewritten = Mojibake.FixUtf8(rest[..used]);
        if (rewritten.AsSpan().SequenceEqual(rest[..used]))
        {
            return null; // a lone surrogate's bytes, or others: not modified UTF-8
        }

        string shown = used == 2 ? "U+0000" : Encoding.UTF8.GetString(rewritten);
        return (used, $"modified utf-8 '{Convert.ToHexString(rest[..used])}' -> '{shown}'");
    }

    /// <summary>
    /// Reports the sites in <paramref name="content"/> (at byte <paramref name="start"/>) as the repair sees them:
    /// each valid UTF-8 run on its own, invalid bytes skipped, offsets through <paramref name="rawOffset"/> when the
    /// content was unescaped from the block.
    /// </summary>
    internal static void ExplainRuns(ReadOnlySpan<byte> content, int start, Options o, List<Found> found, BlockResult result, Func<int, int>? rawOffset = null)
    {
        int at = 0;
        while (at < content.Length)
        {
            int valid = ValidPrefix(content[at..]);
            if (valid > 0)
            {
                string text = Encoding.UTF8.GetString(content.Slice(at, valid));
                int runAt = at;
                AddSites(text, Mojibake.FixAndExplain(text, o.Fix).Steps, start, found, result,
                    u => rawOffset is null ? runAt + u : rawOffset(runAt + u));
                at += valid;
            }

            if (at < content.Length)
            {
                System.Text.Rune.DecodeFromUtf8(content[at..], out _, out int invalid);
                at += invalid;
            }
        }
    }

    /// <summary>Adds the steps of a repaired text that starts at byte <paramref name="start"/> and was UTF-8 byte for byte.</summary>
    internal static void AddSites(string text, IReadOnlyList<FixStep> steps, int start, List<Found> found, BlockResult result, Func<int, int>? rawOffset = null)
    {
        int chars = 0, bytes = 0;
        foreach (FixStep step in steps)
        {
            bytes += Encoding.UTF8.GetByteCount(text.AsSpan(chars, step.Index - chars));
            chars = step.Index;
            found.Add(new Found(start + (rawOffset is null ? bytes : rawOffset(bytes)), Describe(step)));
        }

        result.Sites += steps.Count;
    }

    internal static string Describe(FixStep step) =>
        $"{step.Chain} '{Show(step.Original)}' -> '{Show(step.Replacement)}'{(step.IsGuess ? " (guess)" : "")}";

    /// <summary>Text as it can be shown on one line of a terminal: control characters escaped.</summary>
    private static string Show(string s)
    {
        if (!s.AsSpan().ContainsAnyInRange('\0', '\u001F') && !s.AsSpan().ContainsAnyInRange('\u007F', '\u009F'))
        {
            return s;
        }

        var sb = new StringBuilder(s.Length + 8);
        foreach (char c in s)
        {
            _ = c switch
            {
                '\n' => sb.Append("\\n"),
                '\r' => sb.Append("\\r"),
                '\t' => sb.Append("\\t"),
                < '\u0020' or (>= '\u007F' and <= '\u009F') => sb.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture)),
                _ => sb.Append(c),
            };
        }

        return sb.ToString();
    }

    /// <summary>Turns byte offsets into lines and columns (characters, 1-based) and measures the block's tail.</summary>
    private static void Locate(ReadOnlySpan<byte> block, List<Found> found, BlockResult result)
    {
        found.Sort(static (a, b) => a.Offset.CompareTo(b.Offset));
        var reports = new List<Site>(found.Count);
        int line = 0, pos = 0;
        long column = 1;
        foreach (Found f in found)
        {
            Move(block[pos..f.Offset], ref line, ref column);
            pos = f.Offset;
            reports.Add(new Site(line, column, f.Text));
        }

        Move(block[pos..], ref line, ref column);
        result.Reports = reports;
        result.Newlines = line;
        result.TailColumns = column - 1;

        static void Move(ReadOnlySpan<byte> span, ref int line, ref long column)
        {
            int nl = span.LastIndexOf((byte)'\n');
            if (nl >= 0)
            {
                line += span[..nl].Count((byte)'\n') + 1;
                column = 1;
                span = span[(nl + 1)..];
            }

            column += Characters(span);
        }
    }

    /// <summary>Characters in UTF-8: every byte that is not a continuation byte (an invalid byte counts as one).</summary>
    internal static int Characters(ReadOnlySpan<byte> utf8)
    {
        if (System.Text.Ascii.IsValid(utf8))
        {
            return utf8.Length;
        }

        int continuation = 0;
        foreach (byte b in utf8)
        {
            continuation += (b & 0xC0) == 0x80 ? 1 : 0;
        }

        return utf8.Length - continuation;
    }

    internal static int ValidPrefix(ReadOnlySpan<byte> data)
    {
        if (Utf8.IsValid(data))
        {
            return data.Length;
        }

        int i = 0;
        while (i < data.Length && System.Text.Rune.DecodeFromUtf8(data[i..], out _, out int n) == System.Buffers.OperationStatus.Done)
        {
            i += n;
        }

        return i;
    }

    /// <summary>
    /// Where a block of plain text may end: after the last line break; in a full buffer without one, between
    /// ASCII characters that cannot belong to a damaged run (not '?', which may stand for a lost byte, nor ' ', a
    /// lost no-break space); 0 when more input is needed.
    /// </summary>
    internal static int TextCut(ReadOnlySpan<byte> data, bool full)
    {
        int nl = data.LastIndexOf((byte)'\n');
        if (nl >= 0)
        {
            return nl + 1;
        }

        if (!full)
        {
            return 0;
        }

        for (int p = data.Length - 2; p > 0 && p > data.Length - 4096; p--)
        {
            if (Inert(data[p - 1]) && Inert(data[p]) && Inert(data[p + 1]))
            {
                return p;
            }
        }

        // One huge run without a quiet spot: hold back a tail longer than any damaged sequence, cut at a character.
        int cut = data.Length - Math.Min(64, data.Length / 2);
        while (cut > 0 && (data[cut] & 0xC0) == 0x80)
        {
            cut--;
        }

        return cut;

        static bool Inert(byte b) => b < 0x80 && b is not (byte)' ' and not (byte)'?';
    }
}
