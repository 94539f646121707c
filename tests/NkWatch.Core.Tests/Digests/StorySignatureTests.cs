using NkWatch.Core.Matches;

namespace NkWatch.Core.Tests.Digests;

public sealed class StorySignatureTests
{
    [Fact]
    public void NamesSymbolsAndNumbersAreTheSameInEveryLanguage()
    {
        var english = StorySignature.Of("Kim Yo Jong rejects talks", "Resolution A/HRC/43/L.17 passed; 600 were sent back in 2023.", [], null, Gazetteer.BuiltIn);
        var korean = StorySignature.Of("김여정, 대화 거부", "결의안(A/HRC/43/L.17) 채택…2023년 600명 북송", [], null, Gazetteer.BuiltIn);
        var japanese = StorySignature.Of("金与正氏、対話拒否", "決議（A/HRC/43/L.17）採択、2023年に６００人送還", [], null, Gazetteer.BuiltIn);

        Assert.Equal(["e:kim-yo-jong", "n:600", "s:A/HRC/43/L.17", "y:2023"], english);
        Assert.Equal(english, korean);
        Assert.Equal(english, japanese);
    }

    [Fact]
    public void LatinNamesMatchWholeWordsAndAcronymsOnlyInCapitals()
    {
        Assert.Empty(StorySignature.Of("un-named sources in Chinatown", "a eulogy", [], null, Gazetteer.BuiltIn));
        Assert.Equal(["e:china", "e:un"], StorySignature.Of("UN urges China", string.Empty, [], null, Gazetteer.BuiltIn));
        Assert.Equal(["e:un"], StorySignature.Of("유엔은 촉구했다", string.Empty, [], null, Gazetteer.BuiltIn));
    }

    [Fact]
    public void FewSharedNamesAreNotEnoughForOneStory()
    {
        var a = StorySignature.Of("North Korea at the UN", "Kim Jong Un", [], null, Gazetteer.BuiltIn);
        var b = StorySignature.Of("북한, 유엔", "김정은", [], null, Gazetteer.BuiltIn);
        var c = StorySignature.Of("Kim Yo Jong rejects talks", "A/HRC/43/L.17: 600 sent back", [], null, Gazetteer.BuiltIn);
        var d = StorySignature.Of("김여정", "A/HRC/43/L.17 600명", [], null, Gazetteer.BuiltIn);

        Assert.Equal(0, StorySignature.Similarity(a, b, Gazetteer.BuiltIn));
        Assert.Equal(1, StorySignature.Similarity(c, d, Gazetteer.BuiltIn), 6);
    }
}
