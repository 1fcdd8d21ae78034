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
