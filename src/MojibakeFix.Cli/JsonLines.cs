using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MojibakeFix.Cli;

/// <summary>
/// Fixes the string values of one JSON Lines record in place: only changed string tokens are rewritten, so key
/// order, numbers, spacing and untouched escapes stay byte for byte.
/// </summary>
internal static class JsonLines
{
    internal static byte[] FixLine(ReadOnlySpan<byte> line, Options o, out bool invalid, out int sites)
    {
        invalid = false;
        sites = 0;
        ReadOnlySpan<byte> body = line.TrimEnd("\r\n"u8);
        if (body.Trim(" \t"u8).IsEmpty)
        {
            return line.ToArray();
        }

        var edits = new List<(int Start, int Length, byte[] Replacement)>();
        var path = new List<(string Name, bool Array)>(); // containers from the root; elements of arrays share its name
        string? property = null;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        property = reader.GetString();
                        break;
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        path.Add((property ?? "", reader.TokenType == JsonTokenType.StartArray));
                        property = null;
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        path.RemoveAt(path.Count - 1);
                        property = null;
                        break;
                    case JsonTokenType.String:
                        string name = string.Join('.', path.Select(f => f.Name).Append(property ?? "").Where(n => n.Length > 0));
                        if (o.Fields.Count == 0 || o.Fields.Contains(name))
                        {
                            string value = reader.GetString()!;
                            string repaired = Mojibake.Fix(value, o.Fix);
                            if (!ReferenceEquals(value, repaired))
                            {
                                sites += Mojibake.FixAndExplain(value, o.Fix).Steps.Count;
                                byte[] encoded = Encoding.UTF8.GetBytes("\"" + JsonEncodedText.Encode(repaired, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value + "\"");
                                edits.Add(((int)reader.TokenStartIndex, reader.ValueSpan.Length + 2, encoded));
                            }
                        }

                        property = null;
                        break;
                    default:
                        property = null;
                        break;
                }
            }

            if (reader.BytesConsumed != body.Length && !body[(int)reader.BytesConsumed..].Trim(" \t"u8).IsEmpty)
            {
                throw new JsonException("trailing data");
            }
        }
        catch (JsonException)
        {
            invalid = true;
            sites = 0;
            return line.ToArray();
        }

        if (edits.Count == 0)
        {
            return line.ToArray();
        }

        var result = new List<byte>(line.Length + 16);
        int at = 0;
        foreach (var (start, length, replacement) in edits)
        {
            result.AddRange(line[at..start]);
            result.AddRange(replacement);
            at = start + length;
        }

        result.AddRange(line[at..]);
        return [.. result];
    }
}
