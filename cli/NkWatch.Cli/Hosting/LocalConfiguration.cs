using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using NkWatch.Core.Configuration;

namespace NkWatch.Cli.Hosting;

/// <summary>
/// The command line's settings, in the order they win: what the command line itself supplies
/// (a checkout's config/ files, the data folder's outbox), then the environment with DESIGN's
/// names (<c>Rules__Source</c>, <c>App__PublicBaseUrl</c>...), then the command's own options
/// (<c>--feeds</c>, <c>--rules</c>), which win over both.
/// </summary>
internal static class LocalConfiguration
{
    public static IConfigurationBuilder AddLocalLayers(this IConfigurationBuilder builder, IReadOnlyDictionary<string, string?> defaults, IReadOnlyDictionary<string, string?> overrides) =>
        builder.AddInMemoryCollection(defaults).AddEnvironmentVariables().AddInMemoryCollection(overrides);

    /// <summary>The checkout's config/ files, where there is a checkout.</summary>
    public static Dictionary<string, string?> SourceDefaults()
    {
        var defaults = new Dictionary<string, string?>();
        if (LocalPaths.CheckoutCopy("feeds.json") is { } feeds)
        {
            defaults[$"{FeedsOptions.Section}:Source"] = feeds;
        }

        if (LocalPaths.CheckoutCopy("rules.json") is { } rules)
        {
            defaults[$"{RulesOptions.Section}:Source"] = rules;
        }

        return defaults;
    }

    /// <summary>--feeds and --rules, where given.</summary>
    public static Dictionary<string, string?> SourceOverrides(string? feeds, string? rules)
    {
        var overrides = new Dictionary<string, string?>();
        if (!string.IsNullOrWhiteSpace(feeds))
        {
            overrides[$"{FeedsOptions.Section}:Source"] = feeds;
        }

        if (!string.IsNullOrWhiteSpace(rules))
        {
            overrides[$"{RulesOptions.Section}:Source"] = rules;
        }

        return overrides;
    }

    /// <summary>The rule file for the commands that read it without a host (classify, eval, rules check).</summary>
    public static string RulesFile(string? option) => Source<RulesOptions>(RulesOptions.Section, SourceOverrides(null, option));

    /// <summary>The catalogue for the commands that read it without a host (feeds check).</summary>
    public static string FeedsFile(string? option) => Source<FeedsOptions>(FeedsOptions.Section, SourceOverrides(option, null));

    /// <summary>Bound and validated as a host would, so a bad setting reads the same here.</summary>
    private static string Source<TOptions>(string section, Dictionary<string, string?> overrides)
        where TOptions : ConfigSourceOptions, new()
    {
        var configuration = new ConfigurationBuilder().AddLocalLayers(SourceDefaults(), overrides).Build();
        var options = configuration.GetSection(section).Get<TOptions>() ?? new TOptions();
        var result = new DataAnnotationValidateOptions<TOptions>(Options.DefaultName).Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(TOptions), result.Failures);
        }

        if (options.IsBlob)
        {
            throw new UsageException($"this command reads files, not blobs ({options.Source}): pass --{section.ToLowerInvariant()} FILE");
        }

        return options.Location();
    }
}
