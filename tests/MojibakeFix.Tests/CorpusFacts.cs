using MojibakeFix.Corpus;

namespace MojibakeFix.Tests;

/// <summary>A fact that needs the gettext catalogs; skipped with a message where they are absent.</summary>
public sealed class CatalogFactAttribute : FactAttribute
{
    public CatalogFactAttribute()
    {
        if (!Catalogs.Available)
        {
            Skip = $"gettext catalogs not found under {Catalogs.Root}";
        }
    }
}

/// <summary>A theory over ftfy's test cases; skipped with a message where ../shared/corpora/ftfy is absent.</summary>
public sealed class FtfyTheoryAttribute : TheoryAttribute
{
    public FtfyTheoryAttribute()
    {
        if (FtfyCases.Folder is null)
        {
            Skip = "../shared/corpora/ftfy not found next to the repository";
        }
    }
}

/// <summary>
/// A fact about the library's optimized code (allocations): skipped with a message where the library was built
/// unoptimized (plain <c>dotnet test</c> builds Debug, whose code allocates where the optimizer does not).
/// </summary>
public sealed class OptimizedFactAttribute : FactAttribute
{
    public OptimizedFactAttribute()
    {
        var debuggable = (System.Diagnostics.DebuggableAttribute?)Attribute.GetCustomAttribute(
            typeof(Mojibake).Assembly, typeof(System.Diagnostics.DebuggableAttribute));
        if (debuggable?.IsJITOptimizerDisabled == true)
        {
            Skip = "the library is built without optimization (Debug); run with -c Release, as .ci/run does";
        }
    }
}
