using System.Net;
using Microsoft.Extensions.Options;
using NkWatch.Core.Configuration;
using NkWatch.Core.Subscriptions;

namespace NkWatch.Core.Tests.Subscriptions;

public sealed class RateLimitKeysTests
{
    private static RateLimitKeys Keys(string secret = "0123456789abcdef0123456789abcdef-test") => new(Options.Create(new AppOptions { TokenKey = secret }));

    [Fact]
    public void AnAddressHasOneKeyWhateverItsCaseAndTheKeyDoesNotContainIt()
    {
        var key = Keys().ForAddress("Reader@example.org");

        Assert.Equal(key, Keys().ForAddress("reader@example.org"));
        Assert.DoesNotContain("reader", key, StringComparison.OrdinalIgnoreCase);
        Assert.Matches("^[0-9a-f]{32}$", key);
    }

    [Fact]
    public void KeysDependOnTheSecretSoAListOfGuessesCannotBeHashedWithoutIt()
    {
        Assert.NotEqual(Keys().ForAddress("reader@example.org"), Keys(new string('z', 40)).ForAddress("reader@example.org"));
    }

    [Fact]
    public void AnIPv6ClientIsCountedPerSlash64AndAMappedIPv4AsItsIPv4()
    {
        var keys = Keys();

        Assert.Equal(keys.ForClient(IPAddress.Parse("2001:db8:1:2::1")), keys.ForClient(IPAddress.Parse("2001:db8:1:2:ffff::9")));
        Assert.NotEqual(keys.ForClient(IPAddress.Parse("2001:db8:1:2::1")), keys.ForClient(IPAddress.Parse("2001:db8:1:3::1")));
        Assert.Equal(keys.ForClient(IPAddress.Parse("203.0.113.5")), keys.ForClient(IPAddress.Parse("::ffff:203.0.113.5")));
        Assert.NotEqual(keys.ForClient(IPAddress.Parse("203.0.113.5")), keys.ForClient(IPAddress.Parse("203.0.113.6")));
        Assert.NotEqual(keys.ForClient(null), keys.ForAddress("unknown"));
    }
}
