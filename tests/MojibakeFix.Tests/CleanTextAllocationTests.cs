using System.Buffers;
using System.Text;

namespace MojibakeFix.Tests;

/// <summary>
/// Clean text allocates nothing, including lines that hold a candidate some pass must look at and then leaves
/// (Czech á before ř, a rare ideograph, a Ukrainian word a code page reads as valid UTF-8, é before '?', a rare
/// kanji before ASCII words).
/// </summary>
public class CleanTextAllocationTests
{
    private static readonly string[] CleanLines =
    [
        "Vytváření adresáře '%s'.",
        "Conversation en attente d’évènement",
        "Ці пакунки буде визнано застарілими:",
        "需要指定类型、密钥标识（key_id）和软件包标识（package_id）",
        "libpam을 다시 불러오려면 응용 프로그램이 필요함",
        "Café? Oui, déjà vu.",
        "Привет, мир! Ελληνικά 日本語 한국어 עברית",
        "%B は現在と昔の Tag_MPextension_use 属性を持っています", // a rare kanji before ASCII words: the quote style is weighed
    ];

    /// <summary>
    /// The bytes one call allocates once the code is optimized: unoptimized (tier-0) code may allocate where the
    /// optimizer does not, so the call is repeated, with pauses for the background compiler, until it allocates
    /// nothing or ten seconds pass. Real allocation never reaches zero.
    /// </summary>
    private static long AllocatedBy(Action action)
    {
        long allocated = long.MaxValue;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (allocated != 0 && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            for (int i = 0; i < 50; i++)
            {
                action();
            }

            long before = GC.GetAllocatedBytesForCurrentThread();
            action();
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Thread.Sleep(allocated == 0 ? 0 : 20);
        }

        return allocated;
    }

    [OptimizedFact]
    public void Lines_with_candidates_that_stay_clean_allocate_nothing()
    {
        string text = string.Join("\n", Enumerable.Repeat(CleanLines, 20).SelectMany(l => l)) + "\n";
        Assert.Same(text, Mojibake.Fix(text));
        Assert.Equal(0, AllocatedBy(() => Mojibake.Fix(text)));
        foreach (string line in CleanLines)
        {
            Assert.Same(line, Mojibake.Fix(line));
            Assert.True(AllocatedBy(() => Mojibake.Fix(line)) == 0, line);
        }

        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        var writer = new ArrayBufferWriter<byte>(utf8.Length + 16);
        Assert.Equal(0, AllocatedBy(() =>
        {
            writer.ResetWrittenCount();
            Mojibake.FixUtf8(utf8, writer);
        }));
    }
}
