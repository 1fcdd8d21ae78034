using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;

namespace MojibakeFix.Tests;

/// <summary>
/// Every input the fuzzer (tests/MojibakeFix.Fuzz) found to break an invariant, kept in tests/data/fuzz-regressions:
/// read as UTF-8 and as UTF-16 code units, each must repair without exception, idempotently, never longer, with
/// valid UTF-16, and with the explanation, span and UTF-8 paths agreeing.
/// </summary>
public class FuzzRegressionTests
{
    private static readonly string? s_folder = Locate();

    private static string? Locate()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            string folder = Path.Combine(d.FullName, "tests", "data", "fuzz-regressions");
            if (Directory.Exists(folder))
            {
                return folder;
            }
        }

        return null;
    }

    public static TheoryData<string> Inputs()
    {
        var data = new TheoryData<string>();
        foreach (string file in s_folder is null ? Enumerable.Empty<string>() : Directory.GetFiles(s_folder).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Invariants_hold(string name)
    {
        byte[] bytes = File.ReadAllBytes(Path.Combine(s_folder!, name));
        Check(Encoding.UTF8.GetString(bytes));
        Check(new string(MemoryMarshal.Cast<byte, char>(bytes.AsSpan(0, bytes.Length & ~1))));

        var writer = new ArrayBufferWriter<byte>();
        Mojibake.FixUtf8(bytes, writer);
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            Assert.Equal(Mojibake.Fix(Encoding.UTF8.GetString(bytes)), Encoding.UTF8.GetString(writer.WrittenSpan));
        }
    }

    private static void Check(string text)
    {
        string once = Mojibake.Fix(text);
        Assert.Equal(once, Mojibake.Fix(once));
        Assert.True(once.Length <= text.Length);
        Assert.Equal(once, Mojibake.FixAndExplain(text).Text);
        var destination = new char[text.Length];
        Assert.True(Mojibake.TryFix(text, destination, out int written));
        Assert.Equal(once, new string(destination, 0, written));
    }
}
