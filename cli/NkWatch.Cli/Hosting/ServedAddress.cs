using Microsoft.Extensions.Configuration;
using NkWatch.Core.Configuration;

namespace NkWatch.Cli.Hosting;

/// <summary>
/// <c>App:PublicBaseUrl</c> as the address served, below every other setting in precedence (so an
/// explicit <c>App__PublicBaseUrl</c> wins). A fixed port is known from <c>--urls</c> before start;
/// port 0 only once Kestrel has bound it, when <see cref="Listening"/> fills it in and reloads the
/// configuration, which the options monitors read by the link builders follow.
/// </summary>
internal sealed class ServedAddress : ConfigurationProvider, IConfigurationSource
{
    private const string Key = AppOptions.Section + ":" + nameof(AppOptions.PublicBaseUrl);

    public ServedAddress(string urls)
    {
        if (BaseOf(urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) is { } served)
        {
            Data[Key] = served;
        }
    }

    /// <summary>The configuration may rebuild its providers as sources change: this one keeps its value.</summary>
    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    /// <summary>Takes the addresses the server reports once listening (ports resolved).</summary>
    public void Listening(IEnumerable<string> addresses)
    {
        if (BaseOf(addresses) is { } served && !string.Equals(Data.TryGetValue(Key, out var known) ? known : null, served, StringComparison.Ordinal))
        {
            // A new dictionary swapped in whole: readers on other threads never see one being written.
            Data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase) { [Key] = served };
            OnReload();
        }
    }

    /// <summary>The first address whose port is known and that names one host (one naming every interface cannot be guessed for links).</summary>
    private static string? BaseOf(IEnumerable<string> addresses) => addresses.Select(One).FirstOrDefault(b => b is not null);

    private static string? One(string address)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Port == 0)
        {
            return null;
        }

        return uri.Host is "0.0.0.0" or "[::]" or "*" or "+" ? null : uri.GetLeftPart(UriPartial.Authority);
    }
}
