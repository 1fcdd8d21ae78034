using System.Reflection;
using MojibakeFix.Cli;

// mojifix: see Options.Usage. Exit 0 ok (clean with --check), 1 damage found with --check, 2 usage or I/O error.
CpuDispatch.ExecFastBuildIfSupported(); // before anything is read or written
string[] beforeFiles = args.TakeWhile(a => a != "--").ToArray();
if (beforeFiles.Any(a => a is "-h" or "--help"))
{
    Console.Out.Write(Options.Usage);
    return 0;
}

if (beforeFiles.Contains("--version"))
{
    string version = typeof(Options).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";
    Console.Out.WriteLine(CpuDispatch.Build is { } build ? $"mojifix {version} (native, {build})" : $"mojifix {version}");
    return 0;
}

string? error = Options.TryParse(args, out Options options);
if (error is not null)
{
    Console.Error.WriteLine($"mojifix: {error}");
    Console.Error.WriteLine("Try 'mojifix --help'.");
    return 2;
}

return new Runner(options).Run();
