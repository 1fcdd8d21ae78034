using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using MojibakeFix.Corpus;
using MojibakeFix.Tests.Support;

namespace MojibakeFix.Tests;

/// <summary>
/// Many threads fixing different strings at once get exactly the sequential results, through every entry point,
/// both once the library is warm and from a cold start, where the threads race to build the lazily made tables
/// (code pages, evidence masks, quotation conventions) in a freshly loaded copy of the assembly.
/// </summary>
public class ThreadSafetyTests
{
    private const int Threads = 8;

    private static readonly string[] s_inputs = Gen.Frequency(
            (4, TextGen.Sentence),
            (3, TextGen.Sentence.Select(Damage.Cp1252)),
            (1, TextGen.Sentence.Select(Damage.Latin1)),
            (1, TextGen.Sentence.Select(s => Damage.Cp1252(s, 2))),
            (1, TextGen.Sentence.Select(Damage.LostNoBreakSpace)),
            (1, TextGen.Sentence.Select(Damage.PdfWinAnsi)),
            (2, Gen.Elements(1251, 1250, 1253, 1257, 20866, 10000, 437, 866).SelectMany(cp => TextGen.Sentence.Select(s => Damage.CodePage(s, cp)))),
            (1, Gen.Elements(936, 932).SelectMany(cp => TextGen.Sentence.Select(s => Damage.DoubleByte(s, cp)))), // (the guesses' per-thread caches)
            (1, TextGen.AnyUtf16))
        .Sample(40, 800);

    /// <summary>Everything the library says about a text: the repair, its steps, the detection, the UTF-8 path.</summary>
    private static string Everything(string text)
    {
        var all = new StringBuilder(Mojibake.Fix(text));
        foreach (FixStep step in Mojibake.FixAndExplain(text).Steps)
        {
            all.Append('\u0001').Append(step.Index).Append(' ').Append(step.Replacement).Append(' ').Append(step.Chain).Append(step.IsGuess);
        }

        DetectionResult detection = Mojibake.Detect(text);
        all.Append('\u0002').Append(detection.HasMojibake).Append(detection.Sites.Count);
        all.Append('\u0003').Append(Convert.ToHexString(Mojibake.FixUtf8(Encoding.UTF8.GetBytes(text))));
        return all.ToString();
    }

    /// <summary>Text the other fixers act on, some of it damaged, for the runs with <see cref="FixOptions.Ftfy"/>.</summary>
    private static readonly string[] s_fixerInputs = Gen.Frequency((3, TextGen.WithFixerBits), (1, TextGen.WithFixerBits.Select(Damage.Cp1252))).Sample(40, 400);

    /// <summary>Runs <paramref name="work"/> on every input from <see cref="Threads"/> threads released together, each in its own order.</summary>
    private static string[][] Together(Func<string, string> work) => Together(s_inputs, work);

    private static string[][] Together(string[] inputs, Func<string, string> work)
    {
        var results = new string[Threads][];
        using var start = new Barrier(Threads);
        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            var mine = new string[inputs.Length];
            int[] order = Enumerable.Range(0, inputs.Length).ToArray();
            new Random(t).Shuffle(order); // a different order on each thread
            start.SignalAndWait();
            foreach (int i in order)
            {
                mine[i] = work(inputs[i]);
            }

            results[t] = mine;
        })).ToList();
        threads.ForEach(th => th.Start());
        threads.ForEach(th => th.Join());
        return results;
    }

    [Fact]
    public void Warm_threads_get_the_sequential_results_through_every_entry_point()
    {
        string[] sequential = s_inputs.Select(Everything).ToArray();
        foreach (string[] result in Together(Everything))
        {
            Assert.Equal(sequential, result);
        }
    }

    [Fact]
    public void Threads_racing_a_cold_start_get_the_sequential_results()
    {
        var cold = new AssemblyLoadContext("cold start", isCollectible: true);
        try
        {
            Assembly library = cold.LoadFromAssemblyPath(typeof(Mojibake).Assembly.Location);
            Assert.NotSame(typeof(Mojibake).Assembly, library);
            MethodInfo fix = library.GetType("MojibakeFix.Mojibake")!.GetMethod("Fix", [typeof(string)])!;
            string[][] results = Together(text => (string)fix.Invoke(null, [text])!);
            string[] sequential = s_inputs.Select(Mojibake.Fix).ToArray();
            foreach (string[] result in results)
            {
                Assert.Equal(sequential, result);
            }
        }
        finally
        {
            cold.Unload();
        }
    }

    [Fact]
    public void Threads_racing_a_cold_start_with_the_ftfy_preset_get_the_sequential_results()
    {
        // The fixers' tables (HTML entities, search values) are built on first use too.
        var cold = new AssemblyLoadContext("cold start, ftfy preset", isCollectible: true);
        try
        {
            Assembly library = cold.LoadFromAssemblyPath(typeof(Mojibake).Assembly.Location);
            Type options = library.GetType("MojibakeFix.FixOptions")!;
            object ftfy = options.GetProperty("Ftfy")!.GetValue(null)!;
            MethodInfo explain = library.GetType("MojibakeFix.Mojibake")!.GetMethod("FixAndExplain", [typeof(string), options])!;
            string[][] results = Together(s_fixerInputs, text => explain.Invoke(null, [text, ftfy])!.ToString()!);
            string[] sequential = s_fixerInputs.Select(t => Mojibake.Fix(t, FixOptions.Ftfy)).ToArray();
            foreach (string[] result in results)
            {
                Assert.Equal(sequential, result);
            }
        }
        finally
        {
            cold.Unload();
        }
    }

    /// <summary>
    /// The double-byte guesses keep decisions per thread (a small table keyed by all a search depends on): a lossy
    /// repair of real messages through each double-byte page is the same whatever the thread repaired before, here
    /// the same messages in the opposite order on one thread.
    /// </summary>
    [CatalogFact]
    public void Lossy_double_byte_repairs_do_not_depend_on_what_the_thread_repaired_before()
    {
        List<string> messages = [.. Catalogs.Messages().Where((m, i) => i % 487 == 0 && m.Text.Any(c => c >= 0x80)).Select(m => m.Text).Distinct()];
        foreach (int codePage in new[] { 936, 932, 949, 950 })
        {
            string[] lossy = [.. messages.Select(m => Damage.DoubleByte(m, codePage)).Where(d => d.Contains('?') || d.Contains('\u30FB'))];
            string[] forward = [.. lossy.Select(Mojibake.Fix)];
            for (int k = lossy.Length - 1; k >= 0; k--)
            {
                Assert.Equal(forward[k], Mojibake.Fix(lossy[k]));
            }

            Assert.True(lossy.Length > 100, $"code page {codePage}: only {lossy.Length} lossy messages");
        }
    }
}
