using NkWatch.Core.Subscriptions;

namespace NkWatch.Core.Tests.Subscriptions;

public sealed class EmailAddressTests
{
    [Theory]
    [InlineData("Reader@Example.org")]
    [InlineData("READER@EXAMPLE.ORG")]
    [InlineData("\uff32\uff45\uff41\uff44\uff45\uff52@example.org")]
    [InlineData("rea\u200Bder@example.org")]
    [InlineData("rea\u200Cder@example.org")]
    [InlineData("rea\u2060der@example.org")]
    [InlineData("rea\u00ADder@example.org")]
    [InlineData("\uFEFFreader@example.org")]
    [InlineData("\u202Ereader@example.org")]
    [InlineData("reader@example\uff0eorg")]
    [InlineData(" reader@example.org ")]
    public void EverySpellingOfOneMailboxHasOneKey(string variant)
    {
        Assert.True(EmailAddress.TryNormalize(variant, out _));
        Assert.Equal("reader@example.org", EmailAddress.Key(variant));
    }

    [Fact]
    public void TheDomainIsKeyedInItsAsciiForm()
    {
        Assert.Equal("desk@xn--bcher-kva.example", EmailAddress.Key("desk@bücher.example"));
        Assert.Equal("desk@xn--bcher-kva.example", EmailAddress.Key("Desk@BÜCHER.example"));
        Assert.Equal("desk@xn--bcher-kva.example", EmailAddress.Key("desk@XN--BCHER-KVA.example"));
        Assert.Equal("기자@xn--3e0b707e.example", EmailAddress.Key("기자@한국.example"));
    }

    [Fact]
    public void TheAddressIsKeptAsTypedWithoutBidiControls()
    {
        Assert.True(EmailAddress.TryNormalize(" Reader\u202E@Example.org", out var typed));

        Assert.Equal("Reader@example.org", typed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("no-at-sign")]
    [InlineData("a@b")]
    [InlineData("a b@example.org")]
    [InlineData("a@exa mple.org")]
    [InlineData("a@-bad-.example")]
    [InlineData("a@example.org.")]
    [InlineData("\u200B@example.org")]
    public void NotAnAddress(string input) => Assert.False(EmailAddress.TryNormalize(input, out _));
}
