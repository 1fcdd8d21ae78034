using System.Globalization;
using MojibakeFix.Text;

namespace MojibakeFix.Tests;

/// <summary>The character tests the decisions lean on agree with their definitions for every code point.</summary>
public class CharInfoTests
{
    [Fact]
    public void Case_tests_are_the_unicode_category_for_every_code_point()
    {
        for (int cp = -1; cp <= 0x10FFFF; cp++)
        {
            UnicodeCategory? category = cp < 0 ? null : CharUnicodeInfo.GetUnicodeCategory(cp);
            Assert.True(CharInfo.IsUpper(cp) == (category == UnicodeCategory.UppercaseLetter), $"IsUpper U+{cp:X4}");
            Assert.True(CharInfo.IsLower(cp) == (category == UnicodeCategory.LowercaseLetter), $"IsLower U+{cp:X4}");
        }
    }
}
