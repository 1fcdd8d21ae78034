using System.Diagnostics;

namespace MojibakeFix.Cli;

/// <summary>
/// A progress line on standard error for long runs, only when standard error is a terminal and not --quiet:
/// bytes done, MB/s, sites found (counted with --check, --explain or --verbose).
/// </summary>
internal sealed class Progress
{
    private readonly string _name;
    private readonly TextWriter _to;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _bytes;
    private long _lastShown;
    private bool _shown;

    private Progress(string name, TextWriter to)
    {
        _name = name;
        _to = to;
    }

    internal static Progress? Start(Options o, string name, TextWriter to) =>
        o.Quiet || Console.IsErrorRedirected || !ReferenceEquals(to, Console.Error) ? null : new Progress(name, to);

    internal void Advance(int bytes, int sites)
    {
        _bytes += bytes;
        long now = _clock.ElapsedMilliseconds;
        if (now - _lastShown < 500 || now < 1000)
        {
            return; // short runs stay quiet
        }

        _lastShown = now;
        _shown = true;
        double mbps = _bytes / 1e6 / Math.Max(_clock.Elapsed.TotalSeconds, 1e-3);
        _to.Write($"\rmojifix: {_name}: {_bytes / 1e6:N0} MB, {mbps:N0} MB/s, {sites} sites   ");
    }

    internal void Finish()
    {
        if (_shown)
        {
            _to.WriteLine();
        }
    }
}
