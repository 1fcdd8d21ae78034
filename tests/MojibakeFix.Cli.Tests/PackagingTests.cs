using System.Diagnostics;
using System.IO.Compression;
using System.Reflection.Metadata;
using System.Runtime.Intrinsics.X86;
using System.Text;
using System.Xml.Linq;

namespace MojibakeFix.Cli.Tests;

/// <summary>
/// Packs both packages into a temporary feed and uses them as a user would: a fresh console project outside the
/// repository restores MojibakeFix, runs, and publishes with NativeAOT without warnings; the tool installs into a
/// tool path and filters a pipe.
/// </summary>
[Trait("Category", "Packaging")]
public sealed class PackagingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mojifix-pack-").FullName;
    private readonly string _version = $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string RepositoryRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "MojibakeFix.sln")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException("repository root not found");
    }

    private static (int Code, string Output) Run(string file, string workingDirectory, string? stdin, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = stdin is not null };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            p.StandardInput.Write(stdin);
            p.StandardInput.Close();
        }

        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout + stderr.Result);
    }

    /// <summary>What a package page shows: description, licence, readme, tags, the newest CHANGELOG section as release notes, the commit.</summary>
    private static void CheckMetadata(string package, string id)
    {
        using var zip = ZipFile.OpenRead(package);
        XNamespace ns;
        XElement meta;
        using (Stream nuspec = zip.GetEntry($"{id}.nuspec")!.Open())
        {
            XElement root = XDocument.Load(nuspec).Root!;
            ns = root.Name.Namespace; // NuGet writes the oldest schema that holds what the package uses
            meta = root.Element(ns + "metadata")!;
        }

        string Get(string name) => meta.Element(ns + name)?.Value ?? "";
        Assert.Contains("mojibake", Get("description"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("MIT", Get("license"));
        Assert.Contains("mojibake", Get("tags"), StringComparison.Ordinal);
        Assert.Equal("README.md", Get("readme"));
        Assert.NotNull(zip.GetEntry("README.md"));

        string changelog = File.ReadAllText(Path.Combine(RepositoryRoot(), "CHANGELOG.md"));
        string newest = changelog[changelog.IndexOf("\n## ", StringComparison.Ordinal)..].TrimStart().Split('\n')[0];
        Assert.StartsWith(newest, Get("releaseNotes"), StringComparison.Ordinal);

        XElement repository = meta.Element(ns + "repository")!;
        Assert.Equal("git", repository.Attribute("type")?.Value);
        var head = Run("git", RepositoryRoot(), null, "rev-parse", "HEAD");
        if (head.Code == 0)
        {
            Assert.Equal(head.Output.Trim(), repository.Attribute("commit")?.Value);
        }

        if (id == "MojibakeFix")
        {
            Assert.NotNull(zip.GetEntry("lib/net10.0/MojibakeFix.xml")); // IntelliSense for every public member
        }
    }

    /// <summary>
    /// `dotnet tool install mojifix` finds mojifix.linux-x64 (a NativeAOT executable, no assemblies to compile) on
    /// linux-x64 and mojifix.any (the framework-dependent tool) anywhere else.
    /// </summary>
    private void CheckToolPackages(string feed)
    {
        using (var pointer = ZipFile.OpenRead(Path.Combine(feed, $"mojifix.{_version}.nupkg")))
        {
            var settings = XDocument.Load(pointer.GetEntry("tools/any/any/DotnetToolSettings.xml")!.Open());
            var rids = settings.Descendants("RuntimeIdentifierPackage").Select(e => (string)e.Attribute("RuntimeIdentifier")! + "=" + (string)e.Attribute("Id")!).ToList();
            Assert.Equal(["linux-x64=mojifix.linux-x64", "any=mojifix.any"], rids);
        }

        using (var native = ZipFile.OpenRead(Path.Combine(feed, $"mojifix.linux-x64.{_version}.nupkg")))
        {
            // The baseline build and, beside it, the x86-64-v3 build it hands the run to (CpuDispatch).
            foreach (string name in new[] { "mojifix", CpuDispatch.FastBuildName })
            {
                ZipArchiveEntry binary = native.Entries.Single(e => e.FullName.StartsWith("tools/", StringComparison.Ordinal) && e.Name == name);
                using var elf = new BinaryReader(binary.Open());
                Assert.Equal([0x7F, (byte)'E', (byte)'L', (byte)'F'], elf.ReadBytes(4));
            }

            Assert.DoesNotContain(native.Entries, e => e.Name.EndsWith(".dll", StringComparison.Ordinal));
        }

        using (var portable = ZipFile.OpenRead(Path.Combine(feed, $"mojifix.any.{_version}.nupkg")))
        {
            Assert.NotNull(portable.GetEntry("tools/net10.0/any/mojifix.dll"));
            Assert.NotNull(portable.GetEntry("tools/net10.0/any/MojibakeFix.dll"));
        }
    }

    /// <summary>The symbols package holds a portable PDB that carries every source file of the library in it.</summary>
    private static void CheckSymbols(string snupkg)
    {
        using var zip = ZipFile.OpenRead(snupkg);
        using var pdb = new MemoryStream();
        using (Stream entry = zip.GetEntry("lib/net10.0/MojibakeFix.pdb")!.Open())
        {
            entry.CopyTo(pdb);
        }

        pdb.Position = 0;
        using var provider = MetadataReaderProvider.FromPortablePdbStream(pdb);
        MetadataReader reader = provider.GetMetadataReader();
        var embeddedSource = new Guid("0E8A571B-6926-466E-B4AD-8AB04611F5FE");
        var embedded = new HashSet<string>();
        foreach (CustomDebugInformationHandle handle in reader.CustomDebugInformation)
        {
            CustomDebugInformation info = reader.GetCustomDebugInformation(handle);
            if (reader.GetGuid(info.Kind) == embeddedSource && info.Parent.Kind == HandleKind.Document)
            {
                embedded.Add(Path.GetFileName(reader.GetString(reader.GetDocument((DocumentHandle)info.Parent).Name)));
            }
        }

        string sources = Path.Combine(RepositoryRoot(), "src", "MojibakeFix");
        foreach (string file in Directory.EnumerateFiles(sources, "*.cs", SearchOption.AllDirectories))
        {
            if (!file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            {
                Assert.Contains(Path.GetFileName(file), embedded);
            }
        }
    }

    [Fact]
    public void Packages_restore_run_publish_with_native_aot_and_install_as_a_tool()
    {
        string feed = Path.Combine(_dir, "feed");
        var pack = Run("dotnet", RepositoryRoot(), null, "pack", "MojibakeFix.sln", "-c", "Release", "-o", feed, $"-p:Version={_version}");
        Assert.True(pack.Code == 0, pack.Output);
        Assert.True(File.Exists(Path.Combine(feed, $"MojibakeFix.{_version}.nupkg")), pack.Output);
        Assert.True(File.Exists(Path.Combine(feed, $"MojibakeFix.{_version}.snupkg")), pack.Output);
        Assert.True(File.Exists(Path.Combine(feed, $"mojifix.{_version}.nupkg")), pack.Output);

        // The tool's two implementation packages (see src/MojibakeFix.Cli/MojibakeFix.Cli.csproj).
        foreach (string rid in new[] { "linux-x64", "any" })
        {
            var inner = Run("dotnet", RepositoryRoot(), null, "pack", "src/MojibakeFix.Cli/MojibakeFix.Cli.csproj", "-c", "Release", "-r", rid, "-o", feed, $"-p:Version={_version}");
            Assert.True(inner.Code == 0, inner.Output);
            Assert.DoesNotContain("warning", inner.Output, StringComparison.OrdinalIgnoreCase);
        }

        CheckToolPackages(feed);
        CheckMetadata(Path.Combine(feed, $"MojibakeFix.{_version}.nupkg"), "MojibakeFix");
        CheckMetadata(Path.Combine(feed, $"mojifix.{_version}.nupkg"), "mojifix");
        CheckSymbols(Path.Combine(feed, $"MojibakeFix.{_version}.snupkg"));

        string app = Path.Combine(_dir, "app");
        Assert.Equal(0, Run("dotnet", _dir, null, "new", "console", "-o", app).Code);
        File.WriteAllText(Path.Combine(app, "Program.cs"), "Console.WriteLine(MojibakeFix.Mojibake.Fix(\"CafÃ© lâ€™analisi\"));\n", Encoding.UTF8);
        var add = Run("dotnet", app, null, "add", "package", "MojibakeFix", "--version", _version, "--source", feed);
        Assert.True(add.Code == 0, add.Output);
        var run = Run("dotnet", app, null, "run", "-c", "Release");
        Assert.True(run.Code == 0, run.Output);
        Assert.Equal("Café l’analisi", run.Output.Trim());

        string output = Path.Combine(app, "aot");
        var publish = Run("dotnet", app, null, "publish", "-c", "Release", "-r", "linux-x64", "-p:PublishAot=true", "-o", output);
        Assert.True(publish.Code == 0, publish.Output);
        Assert.DoesNotContain("warning", publish.Output, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Café l’analisi", Run(Path.Combine(output, "app"), app, null).Output.Trim());

        // The tool itself as NativeAOT, for CI images without the .NET runtime: the baseline executable runs alone too.
        string native = Path.Combine(_dir, "native");
        var tool = Run("dotnet", RepositoryRoot(), null, "publish", "src/MojibakeFix.Cli/MojibakeFix.Cli.csproj", "-c", "Release", "-r", "linux-x64",
            "-p:PublishAot=true", "-o", native);
        Assert.True(tool.Code == 0, tool.Output);
        Assert.DoesNotContain("warning", tool.Output, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Café\n", Run(Path.Combine(native, "mojifix"), _dir, "CafÃ©\n").Output);

        string tools = Path.Combine(_dir, "tools");
        var install = Run("dotnet", _dir, null, "tool", "install", "mojifix", "--version", _version, "--tool-path", tools, "--add-source", feed);
        Assert.True(install.Code == 0, install.Output);
        var piped = Run(Path.Combine(tools, "mojifix"), _dir, "CafÃ© ÃƒÂ©tÃƒÂ©\n");
        Assert.Equal("Café été\n", piped.Output);
        bool fast = X86Base.IsSupported && Avx2.IsSupported && Bmi1.IsSupported && Bmi2.IsSupported && Fma.IsSupported && Lzcnt.IsSupported;
        Assert.EndsWith(fast ? "(native, x86-64-v3)" : "(native, x86-64-v2)", Run(Path.Combine(tools, "mojifix"), _dir, null, "--version").Output.Trim(), StringComparison.Ordinal);
    }
}
