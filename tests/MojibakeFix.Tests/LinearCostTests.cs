using System.Text;
using MojibakeFix.Corpus;
using MojibakeFix.Integration;
using MojibakeFix.Internals;

namespace MojibakeFix.Tests;

/// <summary>
/// Hostile input costs linear work and bounded memory, shown by counting work (characters examined, candidates
/// scored: <see cref="WorkMeter"/>) at n and 8n characters rather than by timing, so the result is the same on
/// any machine. The timed counterpart is benchmarks/ScalingBenchmarks.
/// </summary>
public class LinearCostTests
{
    private const int N = 8 * 1024;

    public static TheoryData<string> Shapes() => [.. Adversarial.Shapes];

    /// <summary>Units of work for every entry point on one input.</summary>
    private static long Work(string text)
    {
        long before = WorkMeter.Units;
        string fixedText = Mojibake.Fix(text);
        FixResult explained = Mojibake.FixAndExplain(text);
        Mojibake.Detect(text);
        Mojibake.FixUtf8(Encoding.UTF8.GetBytes(text));
        Assert.Equal(fixedText, explained.Text);
        Assert.Equal(fixedText, Mojibake.Fix(fixedText)); // and it is stable
        return WorkMeter.Units - before;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Work_grows_linearly(string shape)
    {
        long small = Work(Adversarial.Make(shape, N));
        long large = Work(Adversarial.Make(shape, 8 * N));

        // Linear: 8 times the text, 8 times the work, within 10% (where the text is cut can add one more
        // layer pass over it: a constant number of whole passes, never one per candidate).
        Assert.True(large <= 8.8 * small + 1000, $"{shape}: {small:N0} units at {N:N0} chars, {large:N0} at {8 * N:N0}");

        // And a small constant per character: a few passes and scans, not one per candidate; a guess of a lost
        // double-byte character looks at fixed windows of 256 characters around its marker, on each page tried.
        int perCharacter = shape == "GBK lost bytes" ? 1000 : 200;
        Assert.True(large <= (long)perCharacter * 8 * N, $"{shape}: {large / (8.0 * N):F1} units per character");
    }

    [Fact]
    public void A_quadratic_scan_would_be_caught()
    {
        // The meter itself: a per-candidate scan of the whole text (what the caching of document evidence
        // prevents) shows up as work growing with the square of the size.
        static long Quadratic(int n)
        {
            long before = WorkMeter.Units;
            for (int i = 0; i < n / 64; i++)
            {
                WorkMeter.Add(n);
            }

            return WorkMeter.Units - before;
        }

        long small = Quadratic(N), large = Quadratic(8 * N);
        Assert.False(large <= 8.8 * small + 1000);
    }

    /// <summary>A reader that makes one line of the given length on the fly, never holding it whole.</summary>
    private sealed class EndlessLine(string unit, long length) : TextReader
    {
        private long _at;

        public override int Read(Span<char> buffer)
        {
            int n = (int)Math.Min(buffer.Length, length - _at);
            for (int k = 0; k < n; k++)
            {
                buffer[k] = unit[(int)((_at + k) % unit.Length)];
            }

            _at += n;
            return n;
        }

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));
    }

    [Fact]
    public void One_line_of_100_million_characters_streams_in_bounded_memory()
    {
        const string unit = "CafÃ© lâ€™analisi piÃ¹ ÃƒÂ©tÃƒÂ© ";
        const string repaired = "Café l’analisi più été ";
        long length = 100_000_000 / unit.Length * unit.Length;
        using var reader = new MojibakeFixingTextReader(new EndlessLine(unit, length));
        var buffer = new char[1 << 16];
        long total = 0, position = 0;
        for (int n; (n = reader.Read(buffer, 0, buffer.Length)) > 0;)
        {
            for (int k = 0; k < n; k++)
            {
                if (buffer[k] != repaired[(int)((position + k) % repaired.Length)])
                {
                    Assert.Fail($"wrong character at {position + k:N0}");
                }
            }

            position += n;
            total += n;
        }

        Assert.Equal(length / unit.Length * repaired.Length, total);
        Assert.True(reader.BufferLength <= 256 * 1024, $"the reader grew to {reader.BufferLength:N0} characters");
    }
}
