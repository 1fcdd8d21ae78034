using System.Globalization;
using System.Text;

/// <summary>
/// Writes a generated table's string constant: <c>private const string Name =</c>, then its pieces a fixed number to
/// a line, each line a literal joined to the one before by <c>+</c> (an empty literal where there are none).
/// </summary>
internal static class StringConstant
{
    /// <summary>Appends the constant <paramref name="name"/> of <paramref name="pieces"/>, <paramref name="perLine"/> to a line.</summary>
    internal static void Append(StringBuilder sb, string name, IReadOnlyList<string> pieces, int perLine)
    {
        sb.AppendLine(CultureInfo.InvariantCulture, $"    private const string {name} =");
        for (int i = 0; i < pieces.Count; i += perLine)
        {
            string line = string.Concat(pieces.Skip(i).Take(perLine));
            sb.AppendLine(CultureInfo.InvariantCulture, $"        {(i == 0 ? "" : "+ ")}\"{line}\"{(i + perLine >= pieces.Count ? ";" : "")}");
        }

        if (pieces.Count == 0)
        {
            sb.AppendLine("        \"\";");
        }
    }
}
