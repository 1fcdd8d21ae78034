using System.Runtime.CompilerServices;

namespace MojibakeFix.Integration;

/// <summary>Helpers for line-by-line pipelines.</summary>
public static class MojibakeLines
{
    /// <summary>Repairs each line as it arrives.</summary>
    /// <param name="lines">The lines.</param>
    /// <param name="options">The repair options; <see cref="FixOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    /// <returns>The repaired lines, in order.</returns>
    public static async IAsyncEnumerable<string> FixAsync(this IAsyncEnumerable<string> lines, FixOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lines);
        await foreach (string line in lines.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return FixLine(line, options);
        }
    }

    /// <summary>Reads lines from a reader and repairs each.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="options">The repair options; <see cref="FixOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    /// <returns>The repaired lines, in order.</returns>
    public static async IAsyncEnumerable<string> ReadFixedLinesAsync(this TextReader reader, FixOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            yield return FixLine(line, options);
        }
    }

    // A line arrives without its break. A guess that restores one at the end of a text (a double-byte marker ending an
    // indented line) stands for the break the reader already took off, so it is left out: the line stays one line.
    private static string FixLine(string line, FixOptions? options)
    {
        string repaired = Mojibake.Fix(line, options);
        return repaired.Length > 0 && repaired[^1] == '\n' && !line.EndsWith('\n') ? repaired[..^1] : repaired;
    }
}
