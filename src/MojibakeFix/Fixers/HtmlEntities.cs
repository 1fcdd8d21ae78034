using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace MojibakeFix.Fixers;

/// <summary>
/// Decodes HTML character references written <c>&amp;</c>, an optional <c>#</c>, 1–24 ASCII letters or digits,
/// and <c>;</c>: named ones from the table in <c>HtmlEntities.g.cs</c>, numeric ones by HTML's rules (a C1 number
/// stands for its Windows-1252 character; zero, a surrogate or a number past U+10FFFF for U+FFFD; other controls and
/// noncharacters for nothing). Anything else is left as it is.
/// </summary>
/// <remarks>
/// The output is closed under decoding: a decoded character that completes a further reference with the text
/// around it (<c>&amp;amp;lt;</c>, <c>&amp;am&amp;#112;;</c>) is decoded too, so a second run finds nothing. Each
/// decoding shortens the text, so the work stays linear.
/// </remarks>
internal static partial class HtmlEntities
{
    private const int MaxName = 24;

    /// <summary>The named references, built on first use (a nested type, so the table in the other file is there first).</summary>
    private static class Named
    {
        internal static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> Lookup = Build();

        private static FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> Build()
        {
            var map = new Dictionary<string, string>(s_table.Length / 2, StringComparer.Ordinal);
            for (int i = 0; i < s_table.Length; i += 2)
            {
                map[s_table[i]] = s_table[i + 1];
            }

            return map.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        }
    }

    /// <summary>Whether a line that holds <paramref name="text"/> may change: it holds a <c>&amp;</c> followed later by a <c>;</c>.</summary>
    internal static bool MayApply(ReadOnlySpan<char> text)
    {
        int amp = text.IndexOf('&');
        return amp >= 0 && text[amp..].Contains(';');
    }

    /// <summary>Decodes the references of <paramref name="text"/>, line by line in <see cref="HtmlEntityDecoding.Auto"/> mode.</summary>
    internal static string Apply(string text, HtmlEntityDecoding mode, List<Edit>? edits)
    {
        if (!MayApply(text))
        {
            return text;
        }

        StringBuilder? output = null;
        int copied = 0;
        for (int start = 0; start < text.Length;)
        {
            int end = text.AsSpan(start).IndexOfAny('\n', '\r');
            end = end < 0 ? text.Length : start + end + 1;
            ReadOnlySpan<char> line = text.AsSpan(start, end - start);
            if (MayApply(line) && (mode == HtmlEntityDecoding.Always || !line.Contains('<')) && DecodeLine(text, start, end, edits) is { } decoded)
            {
                output ??= new StringBuilder(text.Length);
                output.Append(text, copied, start - copied).Append(decoded);
                copied = end;
            }

            start = end;
        }

        return output is null ? text : output.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>
    /// Decodes one line (<paramref name="text"/> from <paramref name="start"/> to <paramref name="end"/>); null when
    /// nothing changed. Characters go onto an output stack; a <c>;</c> that lands there may close a reference that
    /// starts at the last <c>&amp;</c> before it, which is then replaced by its text, fed back in front of the rest
    /// (only a decoded <c>;</c> can close a further reference, and it is a value of its own, so what waits to be fed
    /// back is always the rest of one value).
    /// </summary>
    private static string? DecodeLine(string text, int start, int end, List<Edit>? edits)
    {
        var output = new StringBuilder(end - start);
        List<int>? origin = edits is null ? null : new List<int>(end - start); // input position each output character starts at
        int editsBefore = edits?.Count ?? 0;
        string pending = "";
        int pendingAt = 0, pendingStart = 0, pendingEnd = 0; // the value fed back and the input site it came from
        bool changed = false;
        int lastAmp = -1; // the last '&' in the output that a reference could still start at
        for (int i = start; i < end || pendingAt < pending.Length;)
        {
            char c;
            int from, to;
            if (pendingAt < pending.Length)
            {
                c = pending[pendingAt++];
                (from, to) = (pendingStart, pendingEnd);
            }
            else
            {
                c = text[i];
                (from, to) = (i, i + 1);
                i++;
            }

            if (c == '&')
            {
                lastAmp = output.Length;
            }
            else if (c == ';' && lastAmp >= 0 && Decode(output, lastAmp + 1) is { } value)
            {
                int site = origin is null ? 0 : origin[lastAmp];
                output.Length = lastAmp;
                origin?.RemoveRange(lastAmp, origin.Count - lastAmp);
                while (edits is not null && edits.Count > editsBefore && edits[^1].Index >= site)
                {
                    edits.RemoveAt(edits.Count - 1); // a reference whose text went into this one: one site
                }

                edits?.Add(new Edit(site, to - site, value, FixKind.HtmlEntity));
                changed = true;
                lastAmp = LastAmp(output);
                (pending, pendingAt, pendingStart, pendingEnd) = (value, 0, site, to);
                continue;
            }
            else if (!char.IsAsciiLetterOrDigit(c) && !(c == '#' && lastAmp == output.Length - 1))
            {
                lastAmp = -1; // nothing but an optional '#' and letters or digits may stand between '&' and ';'
            }

            output.Append(c);
            origin?.Add(from);
            if (lastAmp >= 0 && output.Length - lastAmp > MaxName + 2)
            {
                lastAmp = -1;
            }
        }

        return changed ? output.ToString() : null;
    }

    /// <summary>The last '&amp;' of the output that a reference could still start at, or -1.</summary>
    private static int LastAmp(StringBuilder output)
    {
        for (int k = output.Length - 1; k >= 0 && output.Length - k <= MaxName + 2; k--)
        {
            char c = output[k];
            if (c == '&')
            {
                return k;
            }

            if (!char.IsAsciiLetterOrDigit(c) && c != '#')
            {
                return -1;
            }
        }

        return -1;
    }

    /// <summary>The text of the reference whose body (after <c>&amp;</c>, before <c>;</c>) is output[from..]; null when it is none.</summary>
    private static string? Decode(StringBuilder output, int from)
    {
        int length = output.Length - from;
        if (length is < 1 or > MaxName + 1)
        {
            return null;
        }

        Span<char> body = stackalloc char[MaxName + 1];
        output.CopyTo(from, body, length);
        body = body[..length];
        if (body[0] != '#')
        {
            return length <= MaxName && Named.Lookup.TryGetValue(body, out string? named) ? named : null;
        }

        body = body[1..];
        if (body.IsEmpty || body.Length > MaxName || body.ContainsAnyExcept("0123456789abcdefABCDEFxX"))
        {
            return null; // '#' then letters that are no number
        }

        bool hex = body[0] is 'x' or 'X';
        ReadOnlySpan<char> digits = hex ? body[1..] : body;
        if (digits.IsEmpty || (hex ? digits.ContainsAnyExcept("0123456789abcdefABCDEF") : digits.ContainsAnyExceptInRange('0', '9')))
        {
            return null; // HTML would read a prefix and leave the rest: not a whole reference
        }

        digits = digits.TrimStart('0');
        if (digits.Length > 8)
        {
            return "\uFFFD"; // far past U+10FFFF
        }

        uint n = digits.IsEmpty ? 0 : uint.Parse(digits, hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture);
        return Numeric(n);
    }

    /// <summary>What HTML makes of a numeric reference.</summary>
    private static string Numeric(uint n)
    {
        if (n == 0 || n is >= 0xD800 and <= 0xDFFF || n > 0x10FFFF)
        {
            return "\uFFFD";
        }

        if (n == 0x0D)
        {
            return "\r";
        }

        if (n is >= 0x80 and <= 0x9F)
        {
            return CodePages.Windows1252.ToChar((byte)n).ToString(); // undefined bytes map to themselves
        }

        if (n is <= 0x08 or 0x0B or (>= 0x0E and <= 0x1F) or 0x7F || n is >= 0xFDD0 and <= 0xFDEF || (n & 0xFFFE) == 0xFFFE)
        {
            return "";
        }

        return char.ConvertFromUtf32((int)n);
    }
}
