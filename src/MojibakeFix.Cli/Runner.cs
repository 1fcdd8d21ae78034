namespace MojibakeFix.Cli;

/// <summary>Runs the command over its inputs: reports errors per file, goes on past them, sets the exit status.</summary>
internal sealed class Runner(Options options, TextWriter stderr)
{
    public int Run()
    {
        IReadOnlyList<string> inputs = options.Files.Count == 0 ? ["-"] : options.Files;
        if (options.Output is not null && inputs.Any(f => f != "-" && SamePath(f, options.Output)))
        {
            stderr.WriteLine($"mojifix: {options.Output}: refusing to write onto an input file (use --in-place)");
            return 2;
        }

        bool failed = false, damaged = false;
        Stream? shared = null;
        try
        {
            if (!options.Check && !options.InPlace)
            {
                shared = options.Output is null ? Console.OpenStandardOutput() : OpenOutput(options.Output);
            }

            if (inputs.Count > 1 && !inputs.Contains("-"))
            {
                (failed, damaged) = RunParallel(inputs, shared);
            }
            else
            {
                foreach (string input in inputs)
                {
                    var (sites, bad) = RunOne(input, shared, stderr, Console.Out);
                    damaged |= sites > 0;
                    failed |= bad;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"mojifix: {options.Output ?? "standard output"}: {Describe(e)}");
            failed = true;
        }
        finally
        {
            shared?.Flush();
            if (options.Output is not null)
            {
                shared?.Dispose();
            }
        }

        return failed ? 2 : options.Check && damaged ? 1 : 0;
    }

    /// <summary>
    /// Several files at once on all cores: each goes to its own temporary file (or straight to its own in-place
    /// rewrite), with its messages held back, then everything is written out in the order of the arguments.
    /// </summary>
    private (bool Failed, bool Damaged) RunParallel(IReadOnlyList<string> inputs, Stream? shared)
    {
        var results = new (int Sites, bool Failed, string? Temp, StringWriter Errors, StringWriter Checks)[inputs.Count];
        try
        {
            Parallel.For(0, inputs.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
            {
                var errors = new StringWriter();
                var checks = new StringWriter();
                string? temp = null;
                Stream? target = null;
                if (shared is not null)
                {
                    temp = Path.GetTempFileName();
                    target = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
                }

                using (target)
                {
                    var (sites, bad) = RunOne(inputs[i], target, errors, checks);
                    results[i] = (sites, bad, temp, errors, checks);
                }
            });

            bool failed = false, damaged = false;
            foreach (var r in results)
            {
                stderr.Write(r.Errors.ToString());
                Console.Out.Write(r.Checks.ToString());
                if (r.Temp is not null && shared is not null && !r.Failed)
                {
                    using var part = new FileStream(r.Temp, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
                    part.CopyTo(shared);
                }

                failed |= r.Failed;
                damaged |= r.Sites > 0;
            }

            return (failed, damaged);
        }
        finally
        {
            foreach (var r in results)
            {
                if (r.Temp is not null)
                {
                    File.Delete(r.Temp);
                }
            }
        }
    }

    /// <summary>One input: its repaired sites and whether it failed (reported to <paramref name="errors"/>).</summary>
    private (int Sites, bool Failed) RunOne(string input, Stream? output, TextWriter errors, TextWriter checks)
    {
        try
        {
            int sites = options.InPlace ? RewriteInPlace(input, errors) : Process(input, output, errors, checks);
            Summarize(input, sites, errors);
            return (sites, false);
        }
        catch (InvalidLinesException e)
        {
            Summarize(input, e.Sites, errors);
            return (e.Sites, true); // already reported line by line
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            errors.WriteLine($"mojifix: {input}: {Describe(e)}");
            return (0, true);
        }
    }

    private void Summarize(string input, int sites, TextWriter errors)
    {
        if (options.Verbose && !options.Quiet)
        {
            errors.WriteLine($"mojifix: {(input == "-" ? "<stdin>" : input)}: {sites} damaged site(s) {(options.Check ? "found" : "repaired")}");
        }
    }

    private int Process(string input, Stream? output, TextWriter errors, TextWriter checks)
    {
        using Stream source = input == "-" ? Console.OpenStandardInput() : OpenInput(input);
        return Fixer.Run(source, options.Check ? null : output, input == "-" ? "<stdin>" : input, options, errors, checks);
    }

    /// <summary>Writes a temporary file beside the input, keeps its permissions, then renames it over the input.</summary>
    private int RewriteInPlace(string path, TextWriter errors)
    {
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new IOException("is a directory");
        }

        string temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.mojifix-{Environment.ProcessId}.tmp");
        // SIGTERM or Ctrl+C during the rewrite: remove the temporary file; the original was never touched.
        using var onTerm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, _ => TryDelete(temp));
        using var onInt = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, _ => TryDelete(temp));
        try
        {
            int sites;
            InvalidLinesException? invalid = null;
            using (Stream source = OpenInput(full))
            using (var target = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                try
                {
                    sites = Fixer.Run(source, target, path, options, errors);
                }
                catch (InvalidLinesException e)
                {
                    invalid = e; // those lines were copied unchanged: the rewrite is still whole
                    sites = e.Sites;
                }

                target.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temp, File.GetUnixFileMode(full));
            }

            if (Environment.GetEnvironmentVariable("MOJIFIX_TEST_FAIL_BEFORE_RENAME") == "1")
            {
                throw new IOException("simulated failure before rename (test hook)");
            }

            File.Move(temp, full, overwrite: true);
            return invalid is null ? sites : throw invalid;
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // best effort while the process is being stopped
        }
    }

    private static FileStream OpenInput(string path)
    {
        if (Directory.Exists(path))
        {
            throw new IOException("is a directory");
        }

        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
    }

    private static FileStream OpenOutput(string path) =>
        new(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);

    private static bool SamePath(string a, string b)
    {
        static string Resolve(string p)
        {
            string full = Path.GetFullPath(p);
            return File.Exists(full) ? new FileInfo(full).ResolveLinkTarget(true)?.FullName ?? full : full;
        }

        return string.Equals(Resolve(a), Resolve(b), StringComparison.Ordinal);
    }

    private static string Describe(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => "no such file or directory",
        UnauthorizedAccessException => "permission denied",
        InvalidDataException => e.Message,
        IOException io when io.HResult == 28 || io.Message.Contains("space", StringComparison.OrdinalIgnoreCase) => "no space left on device",
        _ => e.Message,
    };
}
