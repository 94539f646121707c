using System.Globalization;
using NkWatch.Core.Classification;
using NkWatch.Core.Configuration;
using NkWatch.Core.Feeds;

namespace NkWatch.Web.Forms;

public sealed record TopicChoice(string Id, string Name, string Description);

public sealed record LanguageChoice(string Code, string Label);

/// <summary>The choices from the rules and catalogue in force, read once per request by its handler and handed to the forms and pages.</summary>
public sealed class SubscriptionChoicesProvider(IClassifierProvider rules, IFeedCatalogProvider feeds)
{
    public async ValueTask<SubscriptionChoices> GetAsync(CancellationToken cancellationToken) =>
        new(await rules.GetRulesAsync(cancellationToken).ConfigureAwait(false), await feeds.GetCatalogAsync(cancellationToken).ConfigureAwait(false));
}

/// <summary>What the forms offer: the classifier's topics (from the rule file), the catalogue's languages, the host's time zones.</summary>
public sealed class SubscriptionChoices(RuleSet rules, FeedCatalog feeds)
{
    public static IReadOnlyList<DayOfWeek> Weekdays { get; } =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public IReadOnlyList<TopicChoice> Topics =>
        [.. rules.Topics.Select(t => new TopicChoice(t.Id, string.IsNullOrWhiteSpace(t.Name) ? t.Id : t.Name, t.Description))];

    /// <summary>The name of the rule file's general topic (stories that fit no other topic), if it has one.</summary>
    public string? GeneralTopicName => rules.Topics.FirstOrDefault(t => t.General) is { } general ? TopicName(general.Id) : null;

    public IReadOnlyList<LanguageChoice> Languages =>
        [.. feeds.Feeds.Select(f => f.Language).Where(l => !string.IsNullOrWhiteSpace(l)).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).Select(code => new LanguageChoice(code, LanguageLabel(code)))];

    public static IReadOnlyList<string> TimeZones => NkWatch.Core.Subscriptions.TimeZones.All;

    public string TopicName(string id) => rules.TopicName(id);

    /// <summary>"Korean (한국어)": the English name, and the language's own name when it differs.</summary>
    private static string LanguageLabel(string code)
    {
        try
        {
            var culture = CultureInfo.GetCultureInfo(code);
            if (culture.EnglishName.StartsWith("Unknown", StringComparison.Ordinal) || culture.EnglishName == code)
            {
                return code;
            }

            return culture.NativeName == culture.EnglishName ? culture.EnglishName : $"{culture.EnglishName} ({culture.NativeName})";
        }
        catch (CultureNotFoundException)
        {
            return code;
        }
    }
}
