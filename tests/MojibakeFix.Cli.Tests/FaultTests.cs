using System.Diagnostics;
using System.Text;

namespace MojibakeFix.Cli.Tests;

/// <summary>
/// The tool under faults: a folder it may not write to, a full disk, an input deleted while it is rewritten.
/// Each gives a clear error, exit status 2, and every original file as it was.
/// </summary>
public sealed class FaultTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mojifix-faults-").FullName;

    public void Dispose()
    {
        if (!OperatingSystem.IsWindows())
        {
            ReadOnlyFolder.Release(_dir);
        }
        Directory.Delete(_dir, recursive: true);
    }

    private static (int Code, string Stdout, string Stderr) Run(Dictionary<string, string>? env, params string[] args)
    {
        using Process p = Start(env, args);
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        string stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr);
    }

    private static Process Start(Dictionary<string, string>? env, params string[] args)
    {
        var psi = ToolCommand.Create();
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var (k, v) in env ?? [])
        {
            psi.Environment[k] = v;
        }

        return Process.Start(psi)!;
    }

    private string Write(string name, string content)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static string Damaged(int lines)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < lines; i++)
        {
            sb.Append("Ligne ").Append(i).Append(": CafÃ© lâ€™analisi piÃ¹ Ã©tÃ©\n");
        }

        return sb.ToString();
    }

    [ReadOnlyFolderFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Output_into_a_read_only_folder_is_a_clear_error()
    {
        string input = Write("in.txt", "CafÃ©\n");
        string folder = Directory.CreateDirectory(Path.Combine(_dir, "locked")).FullName;
        ReadOnlyFolder.Lock(folder);
        string output = Path.Combine(folder, "out.txt");
        var r = Run(null, "-o", output, input);
        Assert.Equal(2, r.Code);
        Assert.Contains(output, r.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        Assert.Equal("CafÃ©\n", File.ReadAllText(input));
    }

    [ReadOnlyFolderFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void In_place_in_a_read_only_folder_leaves_the_file_and_goes_on_with_the_others()
    {
        string folder = Directory.CreateDirectory(Path.Combine(_dir, "locked")).FullName;
        string locked = Path.Combine(folder, "a.txt");
        File.WriteAllText(locked, "CafÃ©\n");
        ReadOnlyFolder.Lock(folder);
        string other = Write("b.txt", "piÃ¹\n");
        var r = Run(null, "--in-place", locked, other);
        Assert.Equal(2, r.Code);
        Assert.Contains("a.txt: cannot create a temporary file", r.Stderr, StringComparison.Ordinal);
        Assert.Equal("CafÃ©\n", File.ReadAllText(locked));
        Assert.Single(Directory.GetFiles(folder));
        Assert.Equal("più\n", File.ReadAllText(other)); // the next file is still repaired
    }

    [Fact]
    public void A_full_disk_during_in_place_leaves_the_original_and_no_temporary_file()
    {
        string text = Damaged(20_000);
        string path = Write("big.txt", text);
        var r = Run(new() { ["MOJIFIX_TEST_DISK_FULL_AFTER_BYTES"] = "100000", ["MOJIFIX_CHUNK_BYTES"] = "16384" }, "--in-place", path);
        Assert.Equal(2, r.Code);
        Assert.Contains("big.txt: no space left on device", r.Stderr, StringComparison.Ordinal);
        Assert.Equal(text, File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(_dir));
    }

    [Fact]
    public void A_full_device_as_output_is_a_clear_error()
    {
        if (!File.Exists("/dev/full"))
        {
            return; // Linux only: the device that answers every write with ENOSPC
        }

        string input = Write("in.txt", Damaged(50_000));
        var r = Run(null, "-o", "/dev/full", input);
        Assert.Equal(2, r.Code);
        Assert.Contains("/dev/full: ", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("space", r.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(Damaged(50_000), File.ReadAllText(input));
    }

    [Fact]
    public void A_file_deleted_mid_run_is_not_brought_back()
    {
        string path = Write("gone.txt", Damaged(100_000));
        using Process p = Start(new() { ["MOJIFIX_CHUNK_BYTES"] = "4096", ["MOJIFIX_TEST_SLOW_BLOCKS_MS"] = "5" }, "--in-place", path);
        var waited = Stopwatch.StartNew();
        while (Directory.GetFiles(_dir).Length < 2 && waited.ElapsedMilliseconds < 20_000 && !p.HasExited)
        {
            Thread.Sleep(10); // until the temporary file exists: the rewrite is under way
        }

        bool midRun = !p.HasExited;
        File.Delete(path);
        p.WaitForExit();
        Assert.True(midRun, "the run finished before the file could be deleted; make the input larger");
        Assert.Equal(2, p.ExitCode);
        Assert.Contains("gone.txt: deleted or replaced while it was being repaired", p.StandardError.ReadToEnd(), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_dir)); // not brought back, no temporary file
    }

    [Fact]
    public void A_file_replaced_mid_run_keeps_the_new_content()
    {
        string path = Write("swapped.txt", Damaged(100_000));
        using Process p = Start(new() { ["MOJIFIX_CHUNK_BYTES"] = "4096", ["MOJIFIX_TEST_SLOW_BLOCKS_MS"] = "5" }, "--in-place", path);
        var waited = Stopwatch.StartNew();
        while (Directory.GetFiles(_dir).Length < 2 && waited.ElapsedMilliseconds < 20_000 && !p.HasExited)
        {
            Thread.Sleep(10);
        }

        bool midRun = !p.HasExited;
        string replacement = Path.Combine(_dir, "new.tmp");
        File.WriteAllText(replacement, "written by someone else\n");
        File.Move(replacement, path, overwrite: true); // an editor saving atomically
        p.WaitForExit();
        Assert.True(midRun, "the run finished before the file could be replaced; make the input larger");
        Assert.Equal(2, p.ExitCode);
        Assert.Contains("deleted or replaced", p.StandardError.ReadToEnd(), StringComparison.Ordinal);
        Assert.Equal("written by someone else\n", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(_dir));
    }
}

/// <summary>
/// A folder the tool may not write to. As root, permissions do not stop writes, so the immutable attribute is
/// used instead; where neither works (a file system without it) the tests that need one are skipped.
/// </summary>
internal static class ReadOnlyFolder
{
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    internal static void Lock(string folder)
    {
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        if (Environment.UserName == "root" || Environment.GetEnvironmentVariable("USER") == "root")
        {
            Chattr("+i", folder);
        }
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    internal static void Release(string root)
    {
        foreach (string d in Directory.GetDirectories(root, "*", SearchOption.AllDirectories))
        {
            Chattr("-i", d);
            File.SetUnixFileMode(d, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    internal static bool Works()
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        string probe = Directory.CreateTempSubdirectory("mojifix-probe-").FullName;
        try
        {
            Lock(probe);
            try
            {
                File.WriteAllText(Path.Combine(probe, "x"), "x");
                return false;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return true;
            }
        }
        finally
        {
            Chattr("-i", probe);
            File.SetUnixFileMode(probe, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            Directory.Delete(probe, recursive: true);
        }
    }

    private static void Chattr(string flag, string path)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("chattr", [flag, path]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            p.WaitForExit();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // no chattr: the probe decides
        }
    }
}

/// <summary>A fact that is skipped, with the reason, where no read-only folder can be made.</summary>
public sealed class ReadOnlyFolderFactAttribute : FactAttribute
{
    private static readonly bool Available = ReadOnlyFolder.Works();

    public ReadOnlyFolderFactAttribute()
    {
        if (!Available)
        {
            Skip = "no read-only folder can be made here (root on a file system without the immutable attribute)";
        }
    }
}
