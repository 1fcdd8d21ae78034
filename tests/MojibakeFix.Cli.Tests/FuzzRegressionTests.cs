namespace MojibakeFix.Cli.Tests;

/// <summary>
/// Every input the fuzzer (tests/MojibakeFix.Fuzz) found to break an invariant, kept in tests/data/fuzz-regressions:
/// each must pass every invariant of the fuzz target (tests/MojibakeFix.Fuzz/Invariants.cs).
/// </summary>
public class FuzzRegressionTests
{
    private static readonly string? s_folder = Locate();

    private static string? Locate()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            string folder = Path.Combine(d.FullName, "tests", "data", "fuzz-regressions");
            if (Directory.Exists(folder))
            {
                return folder;
            }
        }

        return null;
    }

    public static TheoryData<string> Inputs()
    {
        var data = new TheoryData<string>();
        foreach (string file in s_folder is null ? Enumerable.Empty<string>() : Directory.GetFiles(s_folder).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Invariants_hold(string name) => MojibakeFix.Fuzz.Invariants.Check(File.ReadAllBytes(Path.Combine(s_folder!, name)));

    [Fact]
    public void The_findings_are_there() =>
        Assert.True(s_folder is not null && Directory.GetFiles(s_folder).Length > 0, "tests/data/fuzz-regressions not found");
}
