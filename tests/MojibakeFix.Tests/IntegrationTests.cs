using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using MojibakeFix.Corpus;
using MojibakeFix.Integration;

namespace MojibakeFix.Tests;

/// <summary>The reader, the JSON converter and the line helpers give the string API's results.</summary>
public class IntegrationTests
{
    /// <summary>A reader that hands out at most a few characters per call, like a slow network stream.</summary>
    private sealed class Trickle(string text, int step) : TextReader
    {
        private int _at;

        public override int Read(Span<char> buffer)
        {
            int n = Math.Min(Math.Min(step, buffer.Length), text.Length - _at);
            text.AsSpan(_at, n).CopyTo(buffer);
            _at += n;
            return n;
        }

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));
    }

    private static string BigFeed()
    {
        var sb = new StringBuilder();
        for (int i = 0; i < 3000; i++)
        {
            sb.Append(i % 3 == 0 ? Damage.Cp1252($"Ligne {i}: l’été à Zürich — “ok” 😀 ") : $"Clean line {i}: più, été, Привет ")
                .Append(i % 5 == 0 ? "\n" : "");
        }

        return sb.ToString();
    }

    [Theory]
    [InlineData(1, 256)]
    [InlineData(7, 300)]
    [InlineData(4096, 1024)]
    public void The_reader_repairs_across_read_and_block_edges(int step, int blockSize)
    {
        string input = BigFeed();
        using var reader = new MojibakeFixingTextReader(new Trickle(input, step), blockSize: blockSize);
        Assert.Equal(Mojibake.Fix(input), reader.ReadToEnd());
    }

    [Fact]
    public void The_reader_reads_char_by_char_too()
    {
        const string input = "CafÃ© lâ€™analisi\nÃƒÂ©tÃƒÂ© più";
        using var reader = new MojibakeFixingTextReader(new StringReader(input));
        var sb = new StringBuilder();
        for (int c = reader.Read(); c >= 0; c = reader.Read())
        {
            sb.Append((char)c);
        }

        Assert.Equal("Café l’analisi\nété più", sb.ToString());
        Assert.Equal(-1, reader.Peek());
    }

    [Fact]
    public void The_stream_repairs_utf8_as_it_is_read()
    {
        string input = BigFeed();
        using var stream = new MojibakeFixingStream(new MemoryStream(Encoding.UTF8.GetBytes(input)));
        using var copy = new MemoryStream();
        stream.CopyTo(copy, 333);
        Assert.Equal(Mojibake.Fix(input), Encoding.UTF8.GetString(copy.ToArray()));
    }

    private sealed record Item(string Title, string[] Tags, [property: JsonConverter(typeof(MojibakeFixingJsonConverter))] string Body);

    [Fact]
    public void The_json_converter_repairs_strings_as_they_are_read()
    {
        const string json = """{"Title":"CafÃ©","Tags":["piÃ¹","ok"],"Body":"lâ€™analisi"}""";
        var options = new JsonSerializerOptions { Converters = { new MojibakeFixingJsonConverter() } };
        var item = JsonSerializer.Deserialize<Item>(json, options)!;
        Assert.Equal("Café", item.Title);
        Assert.Equal(["più", "ok"], item.Tags);
        Assert.Equal("l’analisi", item.Body);

        var attributeOnly = JsonSerializer.Deserialize<Item>(json)!;
        Assert.Equal("CafÃ©", attributeOnly.Title); // no options-wide converter
        Assert.Equal("l’analisi", attributeOnly.Body); // the attribute on the property
    }

    [Fact]
    public async Task Line_helpers_repair_each_line()
    {
        static async IAsyncEnumerable<string> Source()
        {
            yield return "CafÃ©";
            await Task.Yield();
            yield return "più";
        }

        var fixedLines = new List<string>();
        await foreach (string line in Source().FixAsync())
        {
            fixedLines.Add(line);
        }

        Assert.Equal(["Café", "più"], fixedLines);

        var read = new List<string>();
        await foreach (string line in new StringReader("lâ€™x\nok").ReadFixedLinesAsync())
        {
            read.Add(line);
        }

        Assert.Equal(["l’x", "ok"], read);
    }

    [Fact]
    public async Task Line_helpers_give_no_line_break_that_a_guess_restores_at_a_lines_end()
    {
        // An indented line whose GBK damage ends in a marker: Fix of the line as a whole text restores the line break
        // the marker took; a line read without its break must come back without it.
        string damaged = Damage.DoubleByte("  -a   显示所有文件", 936);
        Assert.EndsWith("\n", Mojibake.Fix(damaged));

        var read = new List<string>();
        await foreach (string line in new StringReader(damaged + "\nok").ReadFixedLinesAsync())
        {
            read.Add(line);
        }

        Assert.Equal(["  -a   显示所有文件", "ok"], read);
    }
}
