using System.Text;

namespace MojibakeFix.Fixers;

/// <summary>One site a fixer changed, in the coordinates of the text it was given.</summary>
internal readonly record struct Edit(int Index, int Length, string Replacement, FixKind Kind);

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

    /// <summary>The rewritten text; the input instance when nothing was replaced.</summary>
    internal readonly string Finish() =>
        _output is null ? _source : _output.Append(_source, _copied, _source.Length - _copied).ToString();
}
