using System.Text;
using System.Text.Unicode;

namespace MojibakeFix.Cli;

/// <summary>Guesses the encoding of raw bytes: a BOM, then UTF-8 validity, then the most letter-like code page.</summary>
internal static class EncodingGuess
{
    private static readonly int[] Candidates = [1252, 1251, 1250, 1253, 1254, 1257, 1255, 1256, 866, 20866];

    internal static Encoding Guess(ReadOnlySpan<byte> head)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) || Utf8.IsValid(TrimIncomplete(head)))
        {
            return new UTF8Encoding(false);
        }

        if (head.StartsWith([(byte)0xFF, (byte)0xFE]))
        {
            return Encoding.Unicode;
        }

        if (head.StartsWith([(byte)0xFE, (byte)0xFF]))
        {
            return Encoding.BigEndianUnicode;
        }

        Encoding best = Encoding.GetEncoding(1252);
        double bestScore = double.MinValue;
        foreach (int cp in Candidates)
        {
            Encoding e = Encoding.GetEncoding(cp);
            string text = e.GetString(head);
            double score = Score(text);
            if (score > bestScore)
            {
                bestScore = score;
                best = e;
            }
        }

        return best;
    }

    // Words score by their non-ASCII letters: a word of Latin letters that are all accented (Ïðèâåò, Cyrillic read
    // as Windows-1252) is no word of any language and costs; symbols and controls cost too.
    private static double Score(string text)
    {
        double score = 0;
        foreach (string word in text.Split([' ', '\n', '\r', '\t', ',', '.', '!', '?', ';', ':'], StringSplitOptions.RemoveEmptyEntries))
        {
            int ascii = 0, accentedLatin = 0, otherLetters = 0, symbols = 0;
            foreach (char c in word)
            {
                if (c < 0x80)
                {
                    ascii += char.IsLetter(c) ? 1 : 0;
                }
                else if (char.IsLetter(c))
                {
                    if (c < 0x250)
                    {
                        accentedLatin++;
                    }
                    else
                    {
                        otherLetters++;
                    }
                }
                else
                {
                    symbols++;
                }
            }

            score += otherLetters - (2 * symbols) + (ascii > 0 || accentedLatin <= 1 ? accentedLatin : -accentedLatin);
        }

        return score;
    }

    private static ReadOnlySpan<byte> TrimIncomplete(ReadOnlySpan<byte> head)
    {
        // A block may end in the middle of a UTF-8 sequence: ignore up to three trailing bytes of it.
        int end = head.Length;
        for (int k = 1; k <= 3 && end - k >= 0; k++)
        {
            if ((head[end - k] & 0xC0) == 0xC0)
            {
                return head[..(end - k)];
            }

            if ((head[end - k] & 0xC0) != 0x80)
            {
                break;
            }
        }

        return head;
    }
}

/// <summary>A read-only stream of some bytes already read, then the rest of another stream.</summary>
internal sealed class ConcatStream(ReadOnlyMemory<byte> head, Stream rest) : Stream
{
    private ReadOnlyMemory<byte> _head = head;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (!_head.IsEmpty)
        {
            int n = Math.Min(buffer.Length, _head.Length);
            _head.Span[..n].CopyTo(buffer);
            _head = _head[n..];
            return n;
        }

        return rest.Read(buffer);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
