using System.Globalization;
using System.Text;

/// <summary>
/// Writes a table of character pairs with counts as the library's pair tables read it (LatinPairs, LetterPairs,
/// ScriptPairs): one string constant <c>All</c>, two characters per pair, then its count as one character (capped
/// at U+FFFF), twelve pairs a line, and the class's closing brace.
/// </summary>
internal static class PairTable
{
    /// <summary>Appends the constant for <paramref name="pairs"/> (key: first character &lt;&lt; 16 | second), in their order.</summary>
    internal static void AppendAll(StringBuilder sb, IReadOnlyList<KeyValuePair<int, int>> pairs)
    {
        sb.AppendLine("    // Two characters per pair, then its count as one character (capped at U+FFFF).");
        sb.AppendLine("    private const string All =");
        for (int i = 0; i < pairs.Count; i += 12)
        {
            string line = string.Concat(pairs.Skip(i).Take(12).Select(kv =>
                $"\\u{kv.Key >> 16:X4}\\u{kv.Key & 0xFFFF:X4}\\u{Math.Min(kv.Value, 0xFFFF):X4}"));
            sb.AppendLine(CultureInfo.InvariantCulture, $"        {(i == 0 ? "" : "+ ")}\"{line}\"{(i + 12 >= pairs.Count ? ";" : "")}");
        }

        sb.AppendLine("}");
    }
}
