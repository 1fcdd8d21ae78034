using System.Text;

namespace MojibakeFix.Cli;

/// <summary>
/// Fixes chosen cells of CSV or TSV records (RFC 4180 quoting: doubled quotes, delimiters and line breaks inside
/// quoted cells). Cells that stay the same are copied byte for byte, quotes and all; the header is kept.
/// </summary>
internal static class Csv
{
    /// <summary>Where a block may end: after a line break outside quotes (blocks always start outside quotes); 0: need more.</summary>
    internal static int Cut(ReadOnlySpan<byte> data)
    {
        bool quoted = false;
        int cut = 0, at = 0;
        while (true)
        {
            int i = data[at..].IndexOfAny((byte)'"', (byte)'\n');
            if (i < 0)
            {
                return cut;
            }

            at += i;
            if (data[at] == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted)
            {
                cut = at + 1;
            }

            at++;
        }
    }

    /// <summary>The columns to fix, from the header record at the start of <paramref name="first"/>; null: all. Names not found are returned in <paramref name="missing"/>.</summary>
    internal static HashSet<int>? Columns(ReadOnlySpan<byte> first, Options o, out List<string> missing)
    {
        missing = [];
        if (o.Columns.Count == 0)
        {
            return null;
        }

        byte delimiter = o.Tsv ? (byte)'\t' : (byte)',';
        var names = new List<string>();
        int pos = first.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        bool end = first.Length == 0;
        while (!end)
        {
            (int start, int stop, end) = NextCell(first, ref pos, delimiter);
            names.Add(Unquote(first[start..stop]));
        }

        var columns = new HashSet<int>();
        foreach (string c in o.Columns)
        {
            int k = names.IndexOf(c);
            if (k < 0 && int.TryParse(c, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n))
            {
                k = n;
            }

            if (k >= 0)
            {
                columns.Add(k);
            }
            else
            {
                missing.Add(c);
            }
        }

        return columns;
    }

    /// <summary>Fixes the records of a block that ends at a record boundary (or at the end of the input).</summary>
    internal static void FixBlock(ReadOnlySpan<byte> block, bool firstOfFile, HashSet<int>? columns, Options o, BlockResult result, List<Blocks.Found>? found)
    {
        byte delimiter = o.Tsv ? (byte)'\t' : (byte)',';
        using var unquoted = new PooledBuffer(256);
        using var repaired = new PooledBuffer(256);
        int pos = 0, copied = 0;
        bool header = firstOfFile;
        while (pos < block.Length)
        {
            int column = 0;
            bool end = false;
            while (!end)
            {
                (int start, int stop, end) = NextCell(block, ref pos, delimiter);
                if (!header && (columns is null || columns.Contains(column)))
                {
                    FixCell(block, start, stop, delimiter, ref copied, unquoted, repaired, o, result, found);
                }

                column++;
            }

            header = false; // the header record is kept as it is
        }

        result.Output?.Write(block[copied..]);
    }

    /// <summary>The cell at <paramref name="pos"/> (without a record's line break) and whether it ends its record; moves past it.</summary>
    private static (int Start, int Stop, bool RecordEnd) NextCell(ReadOnlySpan<byte> data, ref int pos, byte delimiter)
    {
        int start = pos;
        bool quoted = false;
        while (pos < data.Length)
        {
            byte b = data[pos];
            if (b == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && (b == delimiter || b == '\n'))
            {
                break;
            }

            pos++;
        }

        int stop = pos;
        bool recordEnd = pos >= data.Length || data[pos] == '\n';
        if (recordEnd && stop > start && data[stop - 1] == '\r')
        {
            stop--;
        }

        if (pos < data.Length)
        {
            pos++; // the delimiter or the line break
        }

        return (start, stop, recordEnd);
    }

    private static void FixCell(ReadOnlySpan<byte> block, int start, int stop, byte delimiter, ref int copied, PooledBuffer unquoted, PooledBuffer repaired,
        Options o, BlockResult result, List<Blocks.Found>? found)
    {
        ReadOnlySpan<byte> raw = block[start..stop];
        if (!o.Fixers && System.Text.Ascii.IsValid(raw))
        {
            return; // ASCII holds no damage (but may hold what the other fixers change)
        }

        bool quoted = raw.Length >= 2 && raw[0] == '"' && raw[^1] == '"';
        ReadOnlySpan<byte> content = quoted ? raw[1..^1] : raw;
        if (quoted && content.Contains((byte)'"'))
        {
            unquoted.Clear();
            for (int i = 0; i < content.Length; i++)
            {
                unquoted.Write(content[i]);
                if (content[i] == '"' && i + 1 < content.Length && content[i + 1] == '"')
                {
                    i++; // "" is one quote
                }
            }

            content = unquoted.WrittenSpan;
        }

        repaired.Clear();
        if (!Mojibake.FixUtf8(content, repaired, o.Fix))
        {
            return;
        }

        result.Changed = true;
        if (result.Output is { } output)
        {
            output.Write(block[copied..start]);
            ReadOnlySpan<byte> text = repaired.WrittenSpan;
            if (quoted || text.IndexOfAny(delimiter, (byte)'"', (byte)'\n') >= 0 || text.Contains((byte)'\r'))
            {
                output.Write((byte)'"');
                foreach (byte b in text)
                {
                    output.Write(b);
                    if (b == '"')
                    {
                        output.Write(b);
                    }
                }

                output.Write((byte)'"');
            }
            else
            {
                output.Write(text);
            }
        }

        copied = stop;
        if (found is not null)
        {
            byte[]? rawContent = quoted ? raw[1..^1].ToArray() : null;
            Blocks.ExplainRuns(content, start + (quoted ? 1 : 0), o, found, result, rawContent is null ? null : u => RawOffset(rawContent, u));
        }
    }

    /// <summary>Where in a quoted cell's content the <paramref name="unescaped"/>-th byte of its value begins ("" is one byte).</summary>
    private static int RawOffset(ReadOnlySpan<byte> raw, int unescaped)
    {
        int r = 0;
        for (int u = 0; u < unescaped && r < raw.Length; u++)
        {
            r += raw[r] == '"' && r + 1 < raw.Length && raw[r + 1] == '"' ? 2 : 1;
        }

        return r;
    }

    private static string Unquote(ReadOnlySpan<byte> raw)
    {
        string text = Encoding.UTF8.GetString(raw);
        return text.Length >= 2 && text[0] == '"' && text[^1] == '"' ? text[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : text;
    }
}
