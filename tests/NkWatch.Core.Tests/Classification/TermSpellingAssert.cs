using NkWatch.Core.Classification;

namespace NkWatch.Core.Tests.Classification;

internal static class TermSpellingAssert
{
    public static void AssertSpellingOf(string matched, string term) =>
        Assert.True(TermSpelling.IsSpellingOf(matched, term), $"\"{matched}\" is not a spelling of the term \"{term}\"");
}
