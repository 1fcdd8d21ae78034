namespace MojibakeFix.Tests;

public class SmokeTests
{
    [Fact]
    public void Repairs_a_simple_case() => Assert.Equal("Café", Mojibake.Fix("CafÃ©"));
}
