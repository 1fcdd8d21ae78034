using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace MojibakeFix.Cli;

/// <summary>
/// Runs the command: one thread reads the inputs in order and cuts them into blocks, the blocks are repaired on
/// all cores, and one thread writes the results out in input order (standard output, -o, or each file's
/// temporary file with --in-place) with the reports and messages that go with them. At most a few blocks per
/// core are in flight, so memory stays bounded whatever the size of the input.
/// </summary>
internal sealed class Runner(Options options)
{
    private enum Kind
    {
        Data,
        End,
        Error,
    }

    private sealed record Item(InputFile File, Kind Kind, Task<BlockResult>? Work = null, string? Error = null);

    private readonly BlockingCollection<Item> _queue = new(2 * options.Jobs + 2);
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskScheduler _workers = new ConcurrentExclusiveSchedulerPair(TaskScheduler.Default, options.Jobs).ConcurrentScheduler;
    private readonly Messages _messages = new(options);
    private Stream? _sink; // standard output or -o; null with --check and --in-place
    private string _sinkName = "standard output";
    private TextWriter? _checkOut;
    private bool _failed;
    private bool _damaged;
    private volatile string? _temp; // the temporary file being written, for the signal handlers

    public int Run()
    {
        IReadOnlyList<string> inputs = options.Files.Count == 0 ? ["-"] : options.Files;
        if (options.Output is not null)
        {
            foreach (string input in inputs)
            {
                if (input != "-" && FileIdentity.Same(input, options.Output))
                {
                    _messages.Error($"{options.Output}: refusing to write onto an input file ({input}); use --in-place");
                    _messages.Flush();
                    return 2;
                }
            }
        }

        using PosixSignalRegistration? onTerm = options.InPlace ? PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => RemoveTemp()) : null;
        using PosixSignalRegistration? onInt = options.InPlace ? PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => RemoveTemp()) : null;
        try
        {
            if (options.Check)
            {
                _checkOut = new StreamWriter(StandardOutput(), new UTF8Encoding(false), 1 << 16);
            }
            else if (!options.InPlace)
            {
                _sinkName = options.Output ?? _sinkName;
                _sink = options.Output is null ? StandardOutput() : new FileStream(options.Output, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _messages.Error($"{options.Output}: {Describe(e)}");
            _messages.Flush();
            return 2;
        }

        var writer = new Thread(Write) { Name = "mojifix writer" };
        writer.Start();
        try
        {
            for (int i = 0; i < inputs.Count; i++)
            {
                Read(new InputFile(inputs[i], i));
            }

            _queue.CompleteAdding();
        }
        catch (OperationCanceledException)
        {
            // the writer stopped: the output is gone (reported there)
        }

        writer.Join();
        try
        {
            _sink?.Flush();
            _checkOut?.Flush();
            if (options.Output is not null)
            {
                _sink?.Dispose();
            }
        }
        catch (IOException e) when (!_stop.IsCancellationRequested)
        {
            OutputFailed(e);
        }

        _messages.Finish();
        return _failed ? 2 : options.Check && _damaged ? 1 : 0;
    }

    // ---- Reading (the calling thread) ----

    private void Read(InputFile file)
    {
        Stream source;
        try
        {
            source = Open(file.Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            Enqueue(new Item(file, Kind.Error, Error: Describe(e)));
            return;
        }

        byte[]? buffer = null;
        try
        {
            using (source)
            using (Stream input = Decoded(source, file))
            {
                buffer = ArrayPool<byte>.Shared.Rent(options.ChunkBytes);
                int size = options.ChunkBytes, filled = 0;
                bool first = true;
                while (true)
                {
                    if (filled == size)
                    {
                        // No place to cut in the whole buffer (one record longer than a block): make it larger.
                        byte[] larger = ArrayPool<byte>.Shared.Rent(size * 2);
                        buffer.AsSpan(0, filled).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                        size *= 2;
                    }

                    int read = input.Read(buffer, filled, size - filled);
                    filled += read;
                    bool end = read == 0;
                    ReadOnlySpan<byte> data = buffer.AsSpan(0, filled);
                    int cut = end ? filled : options.CsvMode ? Csv.Cut(data) : options.JsonLines ? data.LastIndexOf((byte)'\n') + 1 : Blocks.TextCut(data, filled == size);
                    if (cut > 0)
                    {
                        if (first && options.CsvMode)
                        {
                            file.Columns = Csv.Columns(data[..cut], options, out List<string> missing);
                            if (missing.Count > 0)
                            {
                                file.Problem = $"no column {string.Join(", ", missing.Select(m => $"'{m}'"))} in the header; nothing fixed in that column";
                            }
                        }

                        size = Math.Max(options.ChunkBytes, filled - cut);
                        byte[] next = ArrayPool<byte>.Shared.Rent(size);
                        data[cut..].CopyTo(next);
                        Dispatch(file, buffer, cut, first);
                        buffer = next;
                        filled -= cut;
                        first = false;
                    }

                    if (end)
                    {
                        break;
                    }
                }
            }

            Enqueue(new Item(file, Kind.End));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Enqueue(new Item(file, Kind.Error, Error: Describe(e)));
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private void Dispatch(InputFile file, byte[] buffer, int length, bool first)
    {
        Task<BlockResult> work = Task.Factory.StartNew(() =>
        {
            try
            {
                return Blocks.Process(buffer.AsSpan(0, length), first, file, options);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }, CancellationToken.None, TaskCreationOptions.DenyChildAttach, _workers);
        Enqueue(new Item(file, Kind.Data, work));
    }

    private void Enqueue(Item item) => _queue.Add(item, _stop.Token);

    private static Stream Open(string path)
    {
        if (path == "-")
        {
            return Console.OpenStandardInput();
        }

        if (Directory.Exists(path))
        {
            throw new IOException("is a directory");
        }

        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 0, FileOptions.SequentialScan);
    }

    /// <summary>The input as UTF-8: as it is, or transcoded from --encoding or a guessed encoding.</summary>
    private Stream Decoded(Stream source, InputFile file)
    {
        Encoding? encoding = null;
        if (options.Encoding is not null)
        {
            encoding = Encoding.GetEncoding(options.Encoding);
        }
        else if (options.Guess)
        {
            byte[] head = new byte[1 << 16];
            int n = source.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            encoding = EncodingGuess.Guess(head.AsSpan(0, n));
            file.Notes.Add($"{file.Name}: guessed {encoding.WebName}");
            source = new ConcatStream(head.AsMemory(0, n), source);
        }

        return encoding is null || encoding.CodePage == 65001
            ? source
            : Encoding.CreateTranscodingStream(source, encoding, new UTF8Encoding(false), leaveOpen: true);
    }

    // ---- Writing (one thread, in input order) ----

    private InputFile? _file;
    private bool _fileFailed;
    private bool _fileChanged;
    private int _fileSites;
    private int _fileInvalid;
    private long _line;
    private long _column;
    private string? _target; // --in-place: the file rewritten (symbolic links followed)
    private Stream? _tempStream;
    private object? _targetId; // --in-place: the file's identity when the run started on it

    // Test hooks (environment variables, read once): a pause after each block written, so that tests can
    // interrupt a run or delete its input mid-way; and a temporary file that fails with "no space left on
    // device" after the given number of bytes, as a full disk would.
    private static readonly int SlowBlocksMs = int.TryParse(Environment.GetEnvironmentVariable("MOJIFIX_TEST_SLOW_BLOCKS_MS"), out int ms) ? ms : 0;
    private static readonly long DiskFullAfter = long.TryParse(Environment.GetEnvironmentVariable("MOJIFIX_TEST_DISK_FULL_AFTER_BYTES"), out long n) ? n : -1;

    private void Write()
    {
        try
        {
            foreach (Item item in _queue.GetConsumingEnumerable())
            {
                if (!ReferenceEquals(item.File, _file))
                {
                    StartFile(item.File);
                }

                switch (item.Kind)
                {
                    case Kind.Data:
                        using (BlockResult result = item.Work!.Result)
                        {
                            Consume(result);
                        }

                        break;
                    case Kind.Error:
                        FileFailed(item.Error!);
                        AbortTemp();
                        break;
                    case Kind.End:
                        FinishFile();
                        break;
                }

                if (_queue.Count == 0)
                {
                    _messages.Flush(); // keeps an interactive pipe moving
                    _checkOut?.Flush();
                }
            }
        }
        catch (OutputGoneException)
        {
            _stop.Cancel();
            AbortTemp();
        }
    }

    private void StartFile(InputFile file)
    {
        _file = file;
        _fileFailed = _fileChanged = false;
        _fileSites = _fileInvalid = 0;
        _line = _column = 1;
        foreach (string note in file.Notes)
        {
            _messages.Info(note);
        }

        if (file.Problem is not null)
        {
            FileFailed(file.Problem);
        }
        else if (options.InPlace && File.Exists(file.Path))
        {
            string full = Path.GetFullPath(file.Path);
            _target = new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full;
            string folder = Path.GetDirectoryName(_target)!;
            _temp = Path.Combine(folder, $".{Path.GetFileName(_target)}.mojifix-{Environment.ProcessId}.tmp");
            try
            {
                _targetId = FileIdentity.Of(_target);
                var stream = new FileStream(_temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
                _tempStream = DiskFullAfter >= 0 ? new DiskFullStream(stream, DiskFullAfter) : stream;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _temp = null;
                FileFailed($"cannot create a temporary file in {folder}: {Describe(e)}; file left as it was");
                _fileFailed = true;
            }
        }
    }

    private void Consume(BlockResult result)
    {
        if (_fileFailed && options.InPlace)
        {
            return; // this rewrite is abandoned
        }

        if (result.Output is { } output)
        {
            if (_tempStream is not null)
            {
                try
                {
                    _tempStream.Write(output.WrittenSpan);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    FileFailed($"{Describe(e)}; file left as it was");
                    AbortTemp();
                    return;
                }
            }
            else if (_sink is not null)
            {
                try
                {
                    _sink.Write(output.WrittenSpan);
                }
                catch (IOException e)
                {
                    OutputFailed(e);
                    throw new OutputGoneException();
                }
            }
        }

        if (result.Reports is { } reports)
        {
            foreach (Site site in reports)
            {
                long line = _line + site.Line, column = site.Line == 0 ? _column + site.Column - 1 : site.Column;
                string report = $"{_file!.Name}:{line}:{column}: {site.Text}";
                if (options.Check)
                {
                    WriteCheck(report);
                }
                else if (options.Explain)
                {
                    _messages.Report(report);
                }
            }
        }

        if (result.InvalidLines is { } invalid)
        {
            foreach (int k in invalid)
            {
                _messages.Error($"{_file!.Name}:{_line + k}: not valid JSON, copied unchanged");
            }

            _fileInvalid += invalid.Count;
        }

        _column = result.Newlines > 0 ? 1 + result.TailColumns : _column + result.TailColumns;
        _line += result.Newlines;
        _fileSites += result.Sites;
        _fileChanged |= result.Changed;
        _damaged |= result.Sites > 0 || (result.Changed && !options.Reporting);
        _messages.Progress(result.InputBytes, result.Sites);
        if (SlowBlocksMs > 0)
        {
            Thread.Sleep(SlowBlocksMs);
        }
    }

    private void WriteCheck(string report)
    {
        try
        {
            _checkOut!.Write(report);
            _checkOut.Write('\n');
        }
        catch (IOException e)
        {
            OutputFailed(e);
            throw new OutputGoneException();
        }
    }

    private void FinishFile()
    {
        if (_tempStream is not null && !_fileFailed)
        {
            try
            {
                if (_tempStream is FileStream file)
                {
                    file.Flush(flushToDisk: true);
                }
                else
                {
                    _tempStream.Flush();
                }

                _tempStream.Dispose();
                _tempStream = null;
                if (!_fileChanged)
                {
                    AbortTemp(); // nothing to repair: the file is not touched at all
                }
                else
                {
                    if (_targetId is null || !Equals(FileIdentity.Of(_target!), _targetId))
                    {
                        // Renaming now would bring back a file someone removed, or overwrite one put in its place.
                        throw new IOException("deleted or replaced while it was being repaired; the repaired text was not written");
                    }

                    if (!OperatingSystem.IsWindows())
                    {
                        File.SetUnixFileMode(_temp!, File.GetUnixFileMode(_target!));
                    }

                    if (Environment.GetEnvironmentVariable("MOJIFIX_TEST_FAIL_BEFORE_RENAME") == "1"
                        || Environment.GetEnvironmentVariable("MOJIFIX_TEST_FAIL_AFTER_WRITE") == "1")
                    {
                        throw new IOException("simulated failure before rename (test hook)");
                    }

                    File.Move(_temp!, _target!, overwrite: true);
                    _temp = null;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                FileFailed($"{Describe(e)}; file left as it was");
                AbortTemp();
            }
        }
        else
        {
            AbortTemp();
        }

        if (_fileInvalid > 0)
        {
            _failed = true; // the records were copied through: the rest of the file is still repaired
        }

        if (options.Verbose)
        {
            _messages.Info($"{_file!.Name}: {_fileSites} damaged site(s) {(options.Check ? "found" : "repaired")}"
                + (_fileInvalid > 0 ? $", {_fileInvalid} line(s) not valid JSON" : ""));
        }
    }

    private void FileFailed(string message)
    {
        _messages.Error($"{_file!.Name}: {message}");
        _fileFailed = _failed = true;
    }

    private void AbortTemp()
    {
        _tempStream?.Dispose();
        _tempStream = null;
        RemoveTemp();
    }

    private void RemoveTemp()
    {
        string? temp = _temp;
        _temp = null;
        if (temp is not null)
        {
            try
            {
                File.Delete(temp);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // best effort (the process may be stopping)
            }
        }
    }

    /// <summary>The output cannot be written any more: say so, unless the reader just went away (a broken pipe, as in `| head`).</summary>
    private void OutputFailed(IOException e)
    {
        _failed = true;
        if (e.HResult != 32) // EPIPE
        {
            _messages.Error($"{_sinkName}: {Describe(e)}");
        }
    }

    /// <summary>
    /// Standard output. A pipe or terminal is written through a FileStream so that a reader that went away
    /// (EPIPE) stops the run; a file keeps the console stream, which writes at the shared file offset (a
    /// FileStream would write at its own offset and overwrite what others append to the same file).
    /// </summary>
    private static Stream StandardOutput()
    {
        if (!OperatingSystem.IsWindows())
        {
            var pipe = new FileStream(new SafeFileHandle(1, ownsHandle: false), FileAccess.Write, 0);
            if (!pipe.CanSeek)
            {
                return pipe;
            }

            pipe.Dispose();
        }

        return Console.OpenStandardOutput();
    }

    internal static string Describe(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => "no such file or directory",
        UnauthorizedAccessException => "permission denied",
        IOException { HResult: 28 } => "no space left on device",
        IOException { HResult: 21 } => "is a directory",
        IOException { HResult: 30 } => "read-only file system",
        IOException { HResult: 122 } => "disk quota exceeded",
        IOException { HResult: 5 } => "input/output error",
        _ => e.Message,
    };

    private sealed class OutputGoneException : Exception;
}

/// <summary>A test stand-in for a full disk: writes fail with "No space left on device" past a number of bytes.</summary>
internal sealed class DiskFullStream(Stream inner, long capacity) : Stream
{
    private long _written;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _written;

    public override long Position { get => _written; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_written + buffer.Length > capacity)
        {
            throw new IOException("No space left on device", 28); // ENOSPC
        }

        inner.Write(buffer);
        _written += buffer.Length;
    }

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
