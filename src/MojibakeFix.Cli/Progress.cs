using System.Diagnostics;
using System.Text;

namespace MojibakeFix.Cli;

/// <summary>
/// Standard error, buffered and written by one thread: errors (always), notes and --explain reports (unless
/// --quiet), and a progress line for long runs when standard error is a terminal: bytes done, MB/s, sites
/// (counted with --check, --explain or --verbose).
/// </summary>
internal sealed class Messages(Options o)
{
    private readonly StreamWriter _to = new(Console.OpenStandardError(), new UTF8Encoding(false), 1 << 14) { AutoFlush = false };
    private readonly bool _progress = !o.Quiet && !Console.IsErrorRedirected;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _bytes;
    private long _sites;
    private long _lastShown;
    private bool _shown;

    internal void Error(string message) => Line("mojifix: " + message);

    internal void Info(string message)
    {
        if (!o.Quiet)
        {
            Line("mojifix: " + message);
        }
    }

    internal void Report(string line)
    {
        if (!o.Quiet)
        {
            Line(line);
        }
    }

    internal void Progress(long bytes, int sites)
    {
        _bytes += bytes;
        _sites += sites;
        long now = _clock.ElapsedMilliseconds;
        if (!_progress || now < 1000 || now - _lastShown < 500)
        {
            return; // short runs stay quiet
        }

        _lastShown = now;
        _shown = true;
        double mbps = _bytes / 1e6 / Math.Max(_clock.Elapsed.TotalSeconds, 1e-3);
        string sitesPart = o.Reporting ? $", {_sites:N0} sites" : "";
        _to.Write(FormattableString.Invariant($"\r\u001b[Kmojifix: {_bytes / 1e6:N0} MB, {mbps:N0} MB/s{sitesPart}"));
        _to.Flush();
    }

    internal void Flush() => _to.Flush();

    internal void Finish()
    {
        Clear();
        _to.Flush();
    }

    private void Line(string text)
    {
        Clear();
        _to.Write(text);
        _to.Write('\n');
    }

    private void Clear()
    {
        if (_shown)
        {
            _to.Write("\r\u001b[K");
            _shown = false;
        }
    }
}
