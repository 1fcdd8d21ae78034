using System.Buffers;
using MojibakeFix.Internals;

namespace MojibakeFix.Tests;

/// <summary>
/// The copy of unchanged stretches: its vector loop, which takes the layouts memmove is slow at, copies exactly what
/// memmove would, at every length and in every such layout, and the repair through it writes the same text there.
/// </summary>
public class BlockCopyTests
{
    private static byte[] Pattern(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        return bytes;
    }

    [Fact]
    public void The_vector_loop_copies_every_length_exactly_and_nothing_past_it()
    {
        // (Vector256 runs in software where the CPU lacks it, so the loop is checked on every machine.)
        for (int length = 32; length <= 700; length++)
        {
            byte[] source = Pattern(length);
            byte[] destination = new byte[length + 64];
            Array.Fill(destination, (byte)0xEE);
            BlockCopy.CopyVector256(ref source[0], ref destination[0], (nuint)length);
            Assert.True(source.AsSpan().SequenceEqual(destination.AsSpan(0, length)), $"length {length}");
            Assert.All(destination[length..], b => Assert.Equal(0xEE, b));
        }
    }

    /// <summary>
    /// Source and destination in one array, the destination 1 to 63 bytes past the source modulo 4 KB and beyond its
    /// end (so they never overlap): the layout the loop takes, wherever the collector puts the array.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(31)]
    [InlineData(63)]
    public void The_slow_layout_takes_the_loop_and_copies_exactly(int gap)
    {
        const int length = 3000;
        byte[] memory = new byte[3 * 4096 + gap + length];
        Pattern(length).CopyTo(memory, 0);
        ReadOnlySpan<byte> source = memory.AsSpan(0, length);
        Span<byte> destination = memory.AsSpan(2 * 4096 + gap, length);
        Assert.True(BlockCopy.IsSlowForMemmove(source, destination));

        BlockCopy.Copy(source, destination, 256);

        Assert.True(source.SequenceEqual(destination));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(64)]
    [InlineData(4092)]
    public void Other_layouts_keep_memmove(int gap)
    {
        byte[] memory = new byte[3 * 4096 + gap + 2000];
        Assert.False(BlockCopy.IsSlowForMemmove(memory.AsSpan(0, 2000), memory.AsSpan(2 * 4096 + gap, 2000)));
    }

    [Fact]
    public void Overlapping_spans_keep_memmove_and_copy_as_it_does()
    {
        byte[] memory = Pattern(5000);
        byte[] expected = (byte[])memory.Clone();
        expected.AsSpan(0, 4000).CopyTo(expected.AsSpan(4));

        // 4 bytes past the source and overlapping it: a forward loop would smear the first bytes along.
        Assert.False(BlockCopy.IsSlowForMemmove(memory.AsSpan(0, 4000), memory.AsSpan(4, 4000)));
        BlockCopy.Copy(memory.AsSpan(0, 4000), memory.AsSpan(4, 4000), 256);

        Assert.Equal(expected, memory);
    }

    [Fact]
    public void A_destination_too_short_throws_before_writing_on_either_path()
    {
        byte[] memory = new byte[3 * 4096 + 4 + 3000];
        Assert.Throws<ArgumentException>(() => BlockCopy.Copy(memory.AsSpan(0, 3000), memory.AsSpan(2 * 4096 + 4, 2999), 256));
        Assert.Throws<ArgumentException>(() => BlockCopy.Copy(memory.AsSpan(0, 3000), memory.AsSpan(2 * 4096 + 4, 2999), 0));
    }

    /// <summary>
    /// The span repair with its output 4 bytes past its input modulo 4 KB, as a large string repaired into a large
    /// array lands: the same text as the string repair, clean and damaged lines alike, and through the UTF-8 path.
    /// </summary>
    [Fact]
    public void The_repair_writes_the_same_text_in_the_slow_layout()
    {
        string line = "Il più bello dei giorni: l’analisi è pubblicata, Zürich, Straße.\n";
        string damaged = "lâ€™analisi Ã¨ pubblicata, piÃ¹ bello\n";
        var builder = new System.Text.StringBuilder();
        for (int i = 0; builder.Length < 20_000; i++)
        {
            builder.Append(i % 40 == 17 ? damaged : line);
        }

        string text = builder.ToString();
        string expected = Mojibake.Fix(text);
        Assert.NotEqual(text, expected);

        // One char array holds the input and, 4 bytes past it modulo 4 KB, the output.
        int inputChars = text.Length;
        int outputAt = (inputChars * 2 / 4096 + 2) * 4096 / 2 + 2;
        char[] memory = new char[outputAt + inputChars];
        text.CopyTo(memory);
        Assert.True(BlockCopy.IsSlowForMemmove(
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(memory.AsSpan(0, inputChars)),
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(memory.AsSpan(outputAt))));

        Assert.True(Mojibake.TryFix(memory.AsSpan(0, inputChars), memory.AsSpan(outputAt), out int written));
        Assert.Equal(expected, new string(memory, outputAt, written));

        // The UTF-8 path likewise: input and writer in one byte array, the writer's memory 4 bytes past the input.
        byte[] utf8 = System.Text.Encoding.UTF8.GetBytes(text);
        int writerAt = (utf8.Length / 4096 + 2) * 4096 + 4;
        byte[] bytes = new byte[writerAt + 3 * utf8.Length + 64]; // room for any size hint the writer is asked for
        utf8.CopyTo(bytes, 0);
        Assert.True(BlockCopy.IsSlowForMemmove(bytes.AsSpan(0, utf8.Length), bytes.AsSpan(writerAt)));
        var writer = new SliceWriter(bytes, writerAt);
        Mojibake.FixUtf8(bytes.AsSpan(0, utf8.Length), writer);
        Assert.Equal(expected, System.Text.Encoding.UTF8.GetString(bytes, writerAt, writer.Written));
    }

    /// <summary>A writer into a fixed stretch of an array, from <c>at</c> to its end.</summary>
    private sealed class SliceWriter(byte[] memory, int at) : IBufferWriter<byte>
    {
        internal int Written { get; private set; }

        public void Advance(int count) => Written += count;

        public Memory<byte> GetMemory(int sizeHint = 0) => memory.AsMemory(at + Written);

        public Span<byte> GetSpan(int sizeHint = 0) => memory.AsSpan(at + Written);
    }
}
