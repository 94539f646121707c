using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NkWatch.Core.Configuration;
using NkWatch.Core.Subscriptions;

namespace NkWatch.Core.Tests.Subscriptions;

public sealed class TokenServiceTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero));

    private TokenService Service(string key = "0123456789abcdef0123456789abcdef-test") =>
        new(Options.Create(new AppOptions { TokenKey = key }), clock);

    [Fact]
    public void TokenValidatesForItsSubscriberAndPurpose()
    {
        var tokens = Service();
        var token = tokens.Create(TokenPurpose.Unsubscribe, "sub-1");

        Assert.Equal("sub-1", tokens.Validate(token, TokenPurpose.Unsubscribe));
        Assert.Null(tokens.Validate(token, TokenPurpose.Preferences));
    }

    [Fact]
    public void AlteredOrForeignTokensAreRefused()
    {
        var token = Service().Create(TokenPurpose.Confirm, "sub-1", TimeSpan.FromDays(1));
        var altered = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];

        Assert.Null(Service().Validate(altered, TokenPurpose.Confirm));
        Assert.Null(Service("another-key-another-key-another-key!!").Validate(token, TokenPurpose.Confirm));
        Assert.Null(Service().Validate("garbage", TokenPurpose.Confirm));
        Assert.Null(Service().Validate("forged.cookie", TokenPurpose.Confirm));
        Assert.Null(Service().Validate("a+b/.c==", TokenPurpose.Confirm));
        Assert.Null(Service().Validate("", TokenPurpose.Confirm));
    }

    [Fact]
    public void ConfirmTokensExpire()
    {
        var tokens = Service();
        var token = tokens.Create(TokenPurpose.Confirm, "sub-1", TimeSpan.FromDays(7));

        clock.Advance(TimeSpan.FromDays(8));

        Assert.Null(tokens.Validate(token, TokenPurpose.Confirm));
    }
}
