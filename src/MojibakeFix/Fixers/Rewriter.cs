using System.Buffers;
using System.Text;

namespace MojibakeFix.Fixers;

/// <summary>One site a fixer changed, in the coordinates of the text it was given.</summary>
internal readonly record struct Edit(int Index, int Length, string Replacement, FixKind Kind);

/// <summary>The site that starts at <paramref name="at"/>: its length, and the text written in its place.</summary>
internal delegate int SiteAt(string text, int at, out string replacement);

/// <summary>
/// Builds a fixer's output from its input and the sites it replaces, left to right. Nothing is allocated until the
/// first replacement, so a fixer that finds nothing returns its input instance.
/// </summary>
internal struct Rewriter
{
    private readonly string _source;
    private readonly List<Edit>? _edits;
    private StringBuilder? _output;
    private int _copied;

    internal Rewriter(string source, List<Edit>? edits)
    {
        _source = source;
        _edits = edits;
    }

    /// <summary>Replaces <paramref name="length"/> characters at <paramref name="index"/> (at or after the previous site).</summary>
    internal void Replace(int index, int length, scoped ReadOnlySpan<char> replacement, FixKind kind)
    {
        _output ??= new StringBuilder(_source.Length + 16);
        _output.Append(_source, _copied, index - _copied).Append(replacement);
        _copied = index + length;
        _edits?.Add(new Edit(index, length, replacement.ToString(), kind));
    }

    /// <summary>
    /// Replaces every site of <paramref name="text"/> that starts with one of <paramref name="starts"/>, found by a
    /// vectorized search; <paramref name="site"/> says how long each is and what replaces it.
    /// </summary>
    internal static string ReplaceSites(string text, SearchValues<char> starts, SiteAt site, FixKind kind, List<Edit>? edits)
    {
        int at = text.AsSpan().IndexOfAny(starts);
        if (at < 0)
        {
            return text;
        }

        var output = new Rewriter(text, edits);
        while (at >= 0)
        {
            int length = site(text, at, out string replacement);
            output.Replace(at, length, replacement, kind);
            int end = at + length;
            int next = end < text.Length ? text.AsSpan(end).IndexOfAny(starts) : -1;
            at = next < 0 ? -1 : end + next;
        }

        return output.Finish();
    }

    /// <summary>The rewritten text; the input instance when nothing was replaced.</summary>
    internal readonly string Finish() =>
        _output is null ? _source : _output.Append(_source, _copied, _source.Length - _copied).ToString();
}
