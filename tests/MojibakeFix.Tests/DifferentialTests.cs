using System.Buffers;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using MojibakeFix.Corpus;
using MojibakeFix.Integration;
using MojibakeFix.Tests.Support;

namespace MojibakeFix.Tests;

/// <summary>
/// Differential testing: for random documents of many scripts, clean and damaged lines mixed, every way into the
/// library gives the string API's result: the span core in one call and streamed in random blocks, the UTF-8
/// path in one call and streamed, the text reader and the stream adapter over inputs cut in random pieces. Each
/// runs with the default options and with <see cref="FixOptions.Ftfy"/> (the other fixers on).
/// </summary>
public class DifferentialTests
{
    private static readonly Gen<string> s_line = Gen.Frequency(
        (6, TextGen.Sentence),
        (3, TextGen.Sentence.Select(Damage.Cp1252)),
        (1, TextGen.Sentence.Select(Damage.Latin1)),
        (1, TextGen.Sentence.Select(s => Damage.Cp1252(s, 2))),
        (1, TextGen.Sentence.Select(Damage.LostNoBreakSpace)),
        (1, TextGen.Sentence.Select(Damage.PdfWinAnsi)),
        (1, TextGen.Sentence.Select(s => Damage.CodePage(s, 1251))),
        (1, TextGen.Sentence.Select(s => Damage.CodePage(s, 1250))),
        (1, Gen.Elements(936, 932, 949, 950).SelectMany(cp => TextGen.Sentence.Select(s => Damage.DoubleByte(s, cp)))),
        (1, TextGen.AnyUtf16.Select(s => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(s)))), // valid UTF-16
        (2, TextGen.WithFixerBits)); // what the other fixers act on (the preset's runs)

    /// <summary>A document and the random piece sizes to cut it into.</summary>
    private static readonly Gen<(string Text, int[] Pieces)> s_document =
        Gen.Choose(1, 40).SelectMany(n => Gen.ArrayOf(s_line, n))
            .Zip(Gen.Elements("\n", " ", "\r\n", ""))
            .Select(t => string.Join(t.Item2, t.Item1))
            .Zip(Gen.ArrayOf(Gen.Frequency((3, Gen.Choose(1, 16)), (3, Gen.Choose(17, 300)), (1, Gen.Choose(301, 5000))), 8));

    private static void Check(Func<(string Text, int[] Pieces), bool> property, int count) =>
        Prop.ForAll(s_document.ToArbitrary(), property)
            .Check(Config.QuickThrowOnFailure.WithMaxTest(count).WithReplay(7_2026_11_25, 0x9E3779B97F4A7C15));

    private static FixOptions Options(bool ftfy) => ftfy ? FixOptions.Ftfy : FixOptions.Default;

    private static bool Same(string expected, string actual, string what, string input) =>
        expected == actual ? true : throw new Xunit.Sdk.XunitException($"{what} differs from Fix on {Escape(input)}\nexpected {Escape(expected)}\nactual   {Escape(actual)}");

    private static string Escape(string s) => string.Concat(s.Select(c => c is < ' ' or (>= '\u007f' and < '\u00a0') ? $"\\u{(int)c:X4}" : c.ToString()));

    /// <summary>The i-th piece size, cycling through the generated ones.</summary>
    private static int Piece(int[] pieces, int i) => pieces[i % pieces.Length];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Span_core_in_one_call_and_in_random_blocks(bool ftfy) =>
        Check(d =>
        {
            FixOptions options = Options(ftfy);
            string expected = Mojibake.Fix(d.Text, options);
            var destination = new char[Mojibake.GetMaxFixedLength(d.Text.Length, options)];
            Same(expected, Mojibake.TryFix(d.Text, destination, out int written, options) ? new string(destination, 0, written) : "<too small>", "TryFix", d.Text);
            return Same(expected, Feed.SpanCore(d.Text, i => Piece(d.Pieces, i), options), "the streamed span core", d.Text);
        }, 400);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Utf8_path_in_one_call_and_in_random_blocks(bool ftfy) =>
        Check(d =>
        {
            FixOptions options = Options(ftfy);
            string expected = Mojibake.Fix(d.Text, options);
            byte[] utf8 = Encoding.UTF8.GetBytes(d.Text);
            Same(expected, Encoding.UTF8.GetString(Mojibake.FixUtf8(utf8, options)), "FixUtf8", d.Text);

            return Same(expected, Feed.Utf8Core(utf8, i => Piece(d.Pieces, i), options), "the streamed UTF-8 core", d.Text);
        }, 400);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Text_reader_over_random_pieces(bool ftfy) =>
        Check(d =>
        {
            FixOptions options = Options(ftfy);
            using var reader = new MojibakeFixingTextReader(new Pieces(d.Text, d.Pieces), options, blockSize: 256 + (Piece(d.Pieces, 3) * 7 % 2000));
            var sb = new StringBuilder();
            var buffer = new char[1 + Piece(d.Pieces, 5)];
            for (int n; (n = reader.Read(buffer, 0, buffer.Length)) > 0;)
            {
                sb.Append(buffer, 0, n);
            }

            return Same(Mojibake.Fix(d.Text, options), sb.ToString(), "MojibakeFixingTextReader", d.Text);
        }, 300);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Stream_adapter_over_random_pieces(bool ftfy) =>
        Check(d =>
        {
            FixOptions options = Options(ftfy);
            byte[] utf8 = Encoding.UTF8.GetBytes(d.Text);
            using var stream = new MojibakeFixingStream(new PieceStream(utf8, d.Pieces), options);
            using var copy = new MemoryStream();
            var buffer = new byte[1 + Piece(d.Pieces, 6)];
            for (int n; (n = stream.Read(buffer, 0, buffer.Length)) > 0;)
            {
                copy.Write(buffer, 0, n);
            }

            return Same(Mojibake.Fix(d.Text, options), Encoding.UTF8.GetString(copy.ToArray()), "MojibakeFixingStream", d.Text);
        }, 300);

    /// <summary>A reader that hands out the text in the given piece sizes.</summary>
    private sealed class Pieces(string text, int[] pieces) : TextReader
    {
        private int _at, _i;

        public override int Read(Span<char> buffer)
        {
            int n = Math.Min(Math.Min(Piece(pieces, _i++), buffer.Length), text.Length - _at);
            text.AsSpan(_at, n).CopyTo(buffer);
            _at += n;
            return n;
        }

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));
    }

    /// <summary>A stream that returns the bytes in the given piece sizes.</summary>
    private sealed class PieceStream(byte[] bytes, int[] pieces) : Stream
    {
        private int _at, _i;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => bytes.Length;

        public override long Position { get => _at; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = Math.Min(Math.Min(Piece(pieces, _i++), count), bytes.Length - _at);
            bytes.AsSpan(_at, n).CopyTo(buffer.AsSpan(offset));
            _at += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
