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

            foreach (string input in inputs)
            {
                try
                {
                    int sites = options.InPlace ? RewriteInPlace(input) : Process(input, shared);
                    damaged |= sites > 0;
                }
                catch (InvalidLinesException e)
                {
                    damaged |= e.Sites > 0;
                    failed = true; // already reported line by line
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
                {
                    stderr.WriteLine($"mojifix: {input}: {Describe(e)}");
                    failed = true;
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

    private int Process(string input, Stream? output)
    {
        using Stream source = input == "-" ? Console.OpenStandardInput() : OpenInput(input);
        return Fixer.Run(source, options.Check ? null : output, input == "-" ? "<stdin>" : input, options, stderr);
    }

    /// <summary>Writes a temporary file beside the input, keeps its permissions, then renames it over the input.</summary>
    private int RewriteInPlace(string path)
    {
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new IOException("is a directory");
        }

        string temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.mojifix-{Environment.ProcessId}.tmp");
        try
        {
            int sites;
            InvalidLinesException? invalid = null;
            using (Stream source = OpenInput(full))
            using (var target = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                try
                {
                    sites = Fixer.Run(source, target, path, options, stderr);
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
