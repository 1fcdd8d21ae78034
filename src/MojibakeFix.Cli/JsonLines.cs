using System.Text;
using System.Text.Json;

namespace MojibakeFix.Cli;

/// <summary>
/// Fixes the string values of JSON Lines records in place: only the string tokens that change are rewritten, so
/// key order, numbers, spacing and the escapes of untouched strings stay byte for byte. A record that does not
/// parse is copied as it is and reported.
/// </summary>
internal static class JsonLines
{
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 1024 };

    private readonly record struct Edit(int Start, int Length, int ScratchStart, int ScratchLength);

    internal static void FixBlock(ReadOnlySpan<byte> block, bool firstOfFile, Options o, BlockResult result, List<Blocks.Found>? found)
    {
        using var scratch = new PooledBuffer(4096);
        using var work = new PooledBuffer(4096);
        var edits = new List<Edit>();
        var names = o.Fields.Count > 0 ? new List<string>() : null;
        int at = 0, index = 0;
        while (at < block.Length)
        {
            int nl = block[at..].IndexOf((byte)'\n');
            int length = nl < 0 ? block.Length - at : nl + 1;
            ReadOnlySpan<byte> line = block.Slice(at, length);
            int skip = firstOfFile && index == 0 && line.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
            edits.Clear();
            scratch.Clear();
            int before = found?.Count ?? 0, sites = result.Sites;
            if (!TryFixRecord(line[skip..].TrimEnd("\r\n"u8), at + skip, o, edits, scratch, work, names, result, found))
            {
                (result.InvalidLines ??= []).Add(index);
                found?.RemoveRange(before, found.Count - before); // an invalid record is copied, not repaired
                result.Sites = sites;
                edits.Clear();
            }

            if (result.Output is { } output)
            {
                int copied = 0;
                foreach (Edit e in edits)
                {
                    output.Write(line[copied..(e.Start - at)]);
                    output.Write(scratch.WrittenSpan.Slice(e.ScratchStart, e.ScratchLength));
                    copied = e.Start - at + e.Length;
                }

                output.Write(line[copied..]);
            }

            result.Changed |= edits.Count > 0;
            at += length;
            index++;
        }
    }

    /// <summary>Collects the edits of one record (<paramref name="offset"/>: where it starts in the block); false when it is not JSON.</summary>
    private static bool TryFixRecord(ReadOnlySpan<byte> body, int offset, Options o, List<Edit> edits, PooledBuffer scratch, PooledBuffer work,
        List<string>? names, BlockResult result, List<Blocks.Found>? found)
    {
        if (body.Trim(" \t"u8).IsEmpty)
        {
            return true; // a blank line stays as it is
        }

        names?.Clear();
        string? property = null;
        try
        {
            var reader = new Utf8JsonReader(body, ReaderOptions);
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        property = names is null ? null : reader.GetString();
                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        names?.Add(property ?? "");
                        property = null;
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        names?.RemoveAt(names.Count - 1);
                        property = null;
                        break;
                    case JsonTokenType.String:
                        if (names is null || Selected(o.Fields, names, property))
                        {
                            FixString(ref reader, offset, o, edits, scratch, work, result, found);
                        }

                        property = null;
                        break;
                    default:
                        property = null;
                        break;
                }
            }

            return reader.BytesConsumed == body.Length || body[(int)reader.BytesConsumed..].Trim(" \t\r"u8).IsEmpty;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Whether the string at this path is one of the --field names, or inside one.</summary>
    private static bool Selected(List<string> fields, List<string> names, string? property)
    {
        var path = new StringBuilder();
        foreach (string n in names)
        {
            if (n.Length > 0)
            {
                path.Append(path.Length > 0 ? "." : "").Append(n);
            }
        }

        if (!string.IsNullOrEmpty(property))
        {
            path.Append(path.Length > 0 ? "." : "").Append(property);
        }

        string p = path.ToString();
        foreach (string f in fields)
        {
            if (p == f || (p.Length > f.Length && p.StartsWith(f, StringComparison.Ordinal) && p[f.Length] == '.'))
            {
                return true;
            }
        }

        return false;
    }

    private static void FixString(ref Utf8JsonReader reader, int offset, Options o, List<Edit> edits, PooledBuffer scratch, PooledBuffer work,
        BlockResult result, List<Blocks.Found>? found)
    {
        ReadOnlySpan<byte> raw = reader.ValueSpan;
        int start = offset + (int)reader.TokenStartIndex + 1; // the value, inside the quotes
        if (!o.Fixers && System.Text.Ascii.IsValid(raw) && !reader.ValueIsEscaped)
        {
            return; // ASCII holds no damage (but may hold what the other fixers change)
        }

        int scratchStart = scratch.Length;
        if (!reader.ValueIsEscaped)
        {
            // The raw bytes are the text: repaired as UTF-8, so bytes that are not UTF-8 stay as they were.
            work.Clear();
            if (!Mojibake.FixUtf8(raw, work, o.Fix))
            {
                return;
            }

            WriteEscapedUtf8(work.WrittenSpan, scratch);
            edits.Add(new Edit(start, raw.Length, scratchStart, scratch.Length - scratchStart));
            if (found is not null)
            {
                Blocks.ExplainRuns(raw, start, o, found, result); // as repaired: run by run around bytes that are not UTF-8
            }

            return;
        }

        string value;
        try
        {
            value = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return; // a lone surrogate escape or bytes that are not UTF-8: left as they are
        }

        IReadOnlyList<FixStep>? steps = null;
        string repaired;
        if (found is not null)
        {
            FixResult r = Mojibake.FixAndExplain(value, o.Fix);
            repaired = r.Steps.Count == 0 ? value : r.Text;
            steps = r.Steps;
        }
        else
        {
            repaired = Mojibake.Fix(value, o.Fix);
        }

        if (ReferenceEquals(repaired, value) || repaired == value)
        {
            return;
        }

        WriteEscaped(repaired, scratch);
        edits.Add(new Edit(start, raw.Length, scratchStart, scratch.Length - scratchStart));
        if (steps is not null)
        {
            byte[] rawCopy = raw.ToArray();
            Blocks.AddSites(value, steps, start, found!, result, unescaped => RawOffset(rawCopy, unescaped));
        }
    }

    /// <summary>UTF-8 text as a JSON string body: quotes, backslashes and control characters escaped, the rest as it is.</summary>
    private static void WriteEscapedUtf8(ReadOnlySpan<byte> utf8, PooledBuffer to)
    {
        foreach (byte b in utf8)
        {
            if (b is (byte)'"' or (byte)'\\' || b < 0x20)
            {
                WriteEscape(b, to);
            }
            else
            {
                to.Write(b);
            }
        }
    }

    /// <summary>A string as a JSON string body: quotes, backslashes, control characters and lone surrogates escaped.</summary>
    private static void WriteEscaped(string s, PooledBuffer to)
    {
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c is '"' or '\\' || c < 0x20)
            {
                WriteEscape((byte)c, to);
            }
            else if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                to.Advance(Encoding.UTF8.GetBytes(s.AsSpan(i, 2), to.GetSpan(4)));
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                to.Write(Encoding.ASCII.GetBytes($"\\u{(int)c:x4}"));
            }
            else
            {
                to.Advance(Encoding.UTF8.GetBytes(s.AsSpan(i, 1), to.GetSpan(3)));
            }
        }
    }

    private static void WriteEscape(byte b, PooledBuffer to)
    {
        to.Write((byte)'\\');
        switch (b)
        {
            case (byte)'"' or (byte)'\\':
                to.Write(b);
                break;
            case (byte)'\n':
                to.Write((byte)'n');
                break;
            case (byte)'\r':
                to.Write((byte)'r');
                break;
            case (byte)'\t':
                to.Write((byte)'t');
                break;
            default:
                to.Write(Encoding.ASCII.GetBytes($"u{b:x4}"));
                break;
        }
    }

    /// <summary>Where in an escaped JSON string body the <paramref name="unescaped"/>-th byte of its UTF-8 value begins.</summary>
    internal static int RawOffset(ReadOnlySpan<byte> raw, int unescaped)
    {
        int r = 0, u = 0;
        while (r < raw.Length && u < unescaped)
        {
            if (raw[r] != '\\' || r + 1 >= raw.Length)
            {
                r++;
                u++;
            }
            else if (raw[r + 1] != 'u' || r + 6 > raw.Length)
            {
                r += 2;
                u++;
            }
            else
            {
                int unit = int.Parse(Encoding.ASCII.GetString(raw.Slice(r + 2, 4)), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
                if (char.IsHighSurrogate((char)unit) && r + 12 <= raw.Length && raw[r + 6] == '\\' && raw[r + 7] == 'u')
                {
                    r += 12;
                    u += 4;
                }
                else
                {
                    r += 6;
                    u += unit < 0x80 ? 1 : unit < 0x800 ? 2 : 3;
                }
            }
        }

        return r;
    }
}
