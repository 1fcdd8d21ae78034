using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace MojibakeFix.Cli;

/// <summary>
/// Streams one input through the library with bounded memory: blocks end at a line break, or inside a very
/// long line at a spot no damaged sequence can straddle; bytes that are not UTF-8 are copied as they are.
/// </summary>
internal sealed class Fixer
{
    private readonly Options _o;
    private readonly Stream? _output;
    private readonly string _name;
    private readonly TextWriter _report;
    private readonly ArrayBufferWriter<byte> _out = new(1 << 16);
    private long _line = 1;
    private long _column = 1;
    private int _sites;

    private static readonly int SlowBlocksForTests =
        int.TryParse(Environment.GetEnvironmentVariable("MOJIFIX_TEST_SLOW_BLOCKS_MS"), out int ms) ? ms : 0;

    /// <summary>JSON Lines records that did not parse (copied through, reported).</summary>
    internal int InvalidLines { get; private set; }

    private readonly Csv? _csv;
    private readonly TextWriter _checkOut;

    private Fixer(Options o, Stream? output, string name, TextWriter report, TextWriter checkOut)
    {
        _checkOut = checkOut;
        _csv = o.CsvMode ? new Csv(o) : null;
        _o = o;
        _output = output;
        _name = name;
        _report = report;
    }

    /// <summary>Fixes <paramref name="source"/> into <paramref name="output"/> (null: check only); returns the damaged sites found.</summary>
    internal static int Run(Stream source, Stream? output, string name, Options o, TextWriter report, TextWriter? checkOut = null)
    {
        var fixer = new Fixer(o, output, name, report, checkOut ?? Console.Out);
        fixer.Pump(Decoded(source, o, name, report));
        if (fixer.InvalidLines > 0)
        {
            throw new InvalidLinesException(fixer.InvalidLines, fixer._sites);
        }

        return fixer._sites;
    }

    /// <summary>The input as UTF-8: as it is, or transcoded from --encoding or a guessed encoding.</summary>
    private static Stream Decoded(Stream source, Options o, string name, TextWriter report)
    {
        Encoding? encoding = null;
        if (o.Encoding is not null)
        {
            encoding = Encoding.GetEncoding(o.Encoding);
        }
        else if (o.Guess)
        {
            var buffered = new BufferedStream(source, 1 << 16);
            byte[] head = new byte[1 << 16];
            int n = buffered.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            encoding = EncodingGuess.Guess(head.AsSpan(0, n));
            report.WriteLine($"mojifix: {name}: guessed {encoding.WebName}");
            source = new ConcatStream(head.AsMemory(0, n), buffered);
        }

        return encoding is null || encoding.CodePage == 65001 ? source : Encoding.CreateTranscodingStream(source, encoding, new UTF8Encoding(false), leaveOpen: true);
    }

    private void Pump(Stream source)
    {
        byte[] buffer = new byte[Math.Max(_o.ChunkBytes, 256)];
        int filled = 0;
        var progress = Progress.Start(_o, _name, _report);
        while (true)
        {
            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2); // a JSON line longer than the block
            }

            int read = source.Read(buffer, filled, buffer.Length - filled);
            filled += read;
            bool final = read == 0;
            int cut = final ? filled : _csv is not null ? Csv.CutPoint(buffer.AsSpan(0, filled)) : CutPoint(buffer.AsSpan(0, filled), full: filled == buffer.Length);
            if (cut > 0)
            {
                ProcessBlock(buffer.AsSpan(0, cut));
                progress?.Advance(cut, _sites);
                if (SlowBlocksForTests > 0)
                {
                    Thread.Sleep(SlowBlocksForTests); // lets end-to-end tests interrupt a run in the middle
                }
                buffer.AsSpan(cut, filled - cut).CopyTo(buffer);
                filled -= cut;
            }

            if (final)
            {
                break;
            }
        }

        _output?.Flush();
        progress?.Finish();
    }

    /// <summary>Where a block may end: after the last line break; in a full buffer without one, between two ASCII bytes that cannot stand for lost bytes.</summary>
    private int CutPoint(ReadOnlySpan<byte> data, bool full)
    {
        int nl = data.LastIndexOf((byte)'\n');
        if (nl >= 0)
        {
            return nl + 1;
        }

        if (!full || _o.JsonLines)
        {
            return 0;
        }

        for (int p = data.Length - 1; p > 0 && p > data.Length - 4096; p--)
        {
            if (Plain(data[p]) && Plain(data[p - 1]))
            {
                return p;
            }
        }

        int cut = data.Length - 64; // one huge run of non-ASCII: any character boundary
        while (cut > 0 && (data[cut] & 0xC0) == 0x80)
        {
            cut--;
        }

        return cut;

        static bool Plain(byte b) => b < 0x80 && b is not (byte)' ' and not (byte)'?';
    }

    private void ProcessBlock(ReadOnlySpan<byte> block)
    {
        if (_csv is not null)
        {
            Emit(_csv.FixBlock(block, ref _sites));
        }
        else if (_o.JsonLines)
        {
            while (!block.IsEmpty)
            {
                int nl = block.IndexOf((byte)'\n');
                ReadOnlySpan<byte> line = nl < 0 ? block : block[..(nl + 1)];
                Emit(JsonLines.FixLine(line, _o, out bool invalid, out int sites));
                _sites += sites;
                if (invalid)
                {
                    _report.WriteLine($"mojifix: {_name}:{_line}: not valid JSON, copied unchanged");
                    InvalidLines++;
                }

                _line++;
                block = block[line.Length..];
            }
        }
        else if (_o.Check || _o.Explain || _o.Verbose)
        {
            Explain(block);
        }
        else
        {
            _out.ResetWrittenCount();
            Mojibake.FixUtf8(block, _out, _o.Fix);
            Emit(_out.WrittenSpan);
        }
    }

    /// <summary>Fixes with explanations, reporting each site as path:line:column.</summary>
    private void Explain(ReadOnlySpan<byte> block)
    {
        while (!block.IsEmpty)
        {
            int valid = ValidPrefix(block);
            if (valid > 0)
            {
                string text = Encoding.UTF8.GetString(block[..valid]);
                FixResult result = Mojibake.FixAndExplain(text, _o.Fix);
                int at = 0;
                foreach (FixStep step in result.Steps)
                {
                    Advance(text.AsSpan(at, step.Index - at));
                    at = step.Index;
                    _sites++;
                    if ((!_o.Quiet && (_o.Explain || _o.Check)) || _o.Check)
                    {
                        TextWriter to = _o.Check ? _checkOut : _report;
                        to.WriteLine($"{_name}:{_line}:{_column}: {step.Chain} '{Show(step.Original)}' -> '{Show(step.Replacement)}'{(step.IsGuess ? " (guess)" : "")}");
                    }
                }

                Advance(text.AsSpan(at));
                Emit(Encoding.UTF8.GetBytes(result.Text));
                block = block[valid..];
            }

            if (!block.IsEmpty)
            {
                System.Text.Rune.DecodeFromUtf8(block, out _, out int invalid);
                Emit(block[..invalid]); // not UTF-8: byte for byte
                _column++;
                block = block[invalid..];
            }
        }
    }

    private void Advance(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (c == '\n')
            {
                _line++;
                _column = 1;
            }
            else if (!char.IsLowSurrogate(c))
            {
                _column++;
            }
        }
    }

    private static string Show(string s) => s.Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);

    private static int ValidPrefix(ReadOnlySpan<byte> data)
    {
        if (Utf8.IsValid(data))
        {
            return data.Length;
        }

        int i = 0;
        while (i < data.Length && System.Text.Rune.DecodeFromUtf8(data[i..], out _, out int n) == OperationStatus.Done)
        {
            i += n;
        }

        return i;
    }

    private void Emit(ReadOnlySpan<byte> bytes)
    {
        if (_output is not null && !_o.Check)
        {
            _output.Write(bytes);
        }
    }
}

/// <summary>Raised after a whole input was processed when some JSON Lines records did not parse.</summary>
internal sealed class InvalidLinesException(int count, int sites) : Exception($"{count} line(s) not valid JSON")
{
    internal int Count { get; } = count;

    internal int Sites { get; } = sites;
}
