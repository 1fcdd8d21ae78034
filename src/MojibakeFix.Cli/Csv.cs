using System.Text;

namespace MojibakeFix.Cli;

/// <summary>
/// Fixes chosen cells of CSV or TSV records (RFC 4180 quoting: doubled quotes, delimiters and line breaks inside
/// quoted cells). Cells that stay the same are copied byte for byte, quotes and all; the header is kept.
/// </summary>
internal sealed class Csv(Options o)
{
    private readonly byte _delimiter = o.Tsv ? (byte)'\t' : (byte)',';
    private HashSet<int>? _columns;

    /// <summary>Where a block may end: after a line break outside quotes (blocks always start outside quotes).</summary>
    internal static int CutPoint(ReadOnlySpan<byte> data)
    {
        bool quoted = false;
        int cut = 0;
        for (int i = 0; i < data.Length; i++)
        {
            if (data[i] == '"')
            {
                quoted = !quoted;
            }
            else if (data[i] == '\n' && !quoted)
            {
                cut = i + 1;
            }
        }

        return cut;
    }

    /// <summary>Fixes the records of a block that ends at a record boundary (or at the end of the input).</summary>
    internal byte[] FixBlock(ReadOnlySpan<byte> block, ref int sites)
    {
        var output = new List<byte>(block.Length + 16);
        int at = 0;
        while (at < block.Length)
        {
            int end = RecordEnd(block, at);
            FixRecord(block[at..end], output, ref sites);
            at = end;
        }

        return [.. output];
    }

    private static int RecordEnd(ReadOnlySpan<byte> data, int from)
    {
        bool quoted = false;
        for (int i = from; i < data.Length; i++)
        {
            if (data[i] == '"')
            {
                quoted = !quoted;
            }
            else if (data[i] == '\n' && !quoted)
            {
                return i + 1;
            }
        }

        return data.Length;
    }

    private void FixRecord(ReadOnlySpan<byte> record, List<byte> output, ref int sites)
    {
        var cells = new List<(int Start, int End)>();
        int at = 0, content = record.Length;
        while (content > 0 && record[content - 1] is (byte)'\n' or (byte)'\r')
        {
            content--;
        }

        while (at <= content)
        {
            int end = at;
            bool quoted = false;
            while (end < content && (quoted || record[end] != _delimiter))
            {
                if (record[end] == '"')
                {
                    quoted = !quoted;
                }

                end++;
            }

            cells.Add((at, end));
            at = end + 1;
        }

        if (_columns is null)
        {
            // The first record is the header: it names the columns and is kept as it is.
            _columns = [];
            for (int k = 0; k < cells.Count; k++)
            {
                string name = Unquote(record[cells[k].Start..cells[k].End]);
                if (o.Columns.Count == 0 || o.Columns.Contains(name) || o.Columns.Contains(k.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                {
                    _columns.Add(k);
                }
            }

            output.AddRange(record);
            return;
        }

        int copied = 0;
        for (int k = 0; k < cells.Count; k++)
        {
            if (!_columns.Contains(k))
            {
                continue;
            }

            ReadOnlySpan<byte> raw = record[cells[k].Start..cells[k].End];
            string value = Unquote(raw);
            string repaired = Mojibake.Fix(value, o.Fix);
            if (ReferenceEquals(value, repaired))
            {
                continue;
            }

            sites += Mojibake.FixAndExplain(value, o.Fix).Steps.Count;
            output.AddRange(record[copied..cells[k].Start]);
            bool quote = raw.Length > 0 && raw[0] == '"' || repaired.AsSpan().IndexOfAny((char)_delimiter, '"', '\n') >= 0 || repaired.Contains('\r');
            output.AddRange(Encoding.UTF8.GetBytes(quote ? "\"" + repaired.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : repaired));
            copied = cells[k].End;
        }

        output.AddRange(record[copied..]);
    }

    private static string Unquote(ReadOnlySpan<byte> raw)
    {
        string text = Encoding.UTF8.GetString(raw);
        return text.Length >= 2 && text[0] == '"' && text[^1] == '"' ? text[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : text;
    }
}
