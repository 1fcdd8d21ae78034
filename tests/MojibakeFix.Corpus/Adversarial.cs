using System.Text;

namespace MojibakeFix.Corpus;

/// <summary>
/// Hostile inputs of any length: long runs of lead characters, chains of real damage, lossy runs, alternating
/// clean and damaged characters, ten layers, lost no-break spaces inside words, code-page damage with and
/// without spaces, NULs, binary, lone surrogates, C1 controls, many short lines. Shared by the work-counting
/// tests and the scaling benchmark.
/// </summary>
public static class Adversarial
{
    /// <summary>The names of the shapes <see cref="Make"/> knows.</summary>
    public static IReadOnlyList<string> Shapes { get; } =
    [
        "Ã run", "Ã© chain", "â?? run", "alternating", "clean/damaged", "ten layers", "lost NBSP words", "lossy letters",
        "1251 words", "1251 one word", "NUL", "binary", "lone surrogates", "C1 controls", "short lines",
        "GBK lost bytes", "GBK vowel words",
    ];

    /// <summary>A text of exactly <paramref name="chars"/> UTF-16 code units in the given shape.</summary>
    public static string Make(string shape, int chars)
    {
        if (shape == "binary")
        {
            var random = new Random(20261125);
            var bytes = new byte[chars];
            random.NextBytes(bytes);
            return Encoding.Latin1.GetString(bytes);
        }

        string unit = shape switch
        {
            "Ã run" => "Ã",
            "Ã© chain" => "Ã©",
            "â?? run" => "â??",
            "alternating" => "aÃ©b",
            "clean/damaged" => "éÃ©",
            "ten layers" => Damage.Cp1252("é", 10) + " ",
            "lost NBSP words" => "vÃ lid aÃ b thÃ nh ",
            "lossy letters" => "Ã?Å?",
            "1251 words" => Damage.CodePage("Привет мир ", 1251),
            "1251 one word" => Damage.CodePage("Привет", 1251),
            "NUL" => "\0",
            "lone surrogates" => "\uD800a\uDC00",
            "C1 controls" => "\u0080\u0099\u009D",
            "short lines" => "CafÃ©\n",
            // Chinese without spaces read as GBK, a byte lost with the quote after it at every other character: one
            // line of markers, each guessed from the quotes and parentheses around it.
            "GBK lost bytes" => Damage.DoubleByte("到\"%s\"(静态", 936),
            "GBK vowel words" => "non 猫 il ", // a lone ideograph between words read for their company, again and again
            _ => throw new ArgumentException($"unknown shape {shape}", nameof(shape)),
        };
        var sb = new StringBuilder(chars + unit.Length);
        while (sb.Length < chars)
        {
            sb.Append(unit);
        }

        return sb.ToString(0, chars);
    }
}
