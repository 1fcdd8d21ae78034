namespace MojibakeFix.Cli.Tests;

public class SmokeTests
{
    [Fact]
    public void Placeholder_builds() => Assert.True(File.Exists(typeof(SmokeTests).Assembly.Location));
}
