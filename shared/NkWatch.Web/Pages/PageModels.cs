using NkWatch.Core.Subscriptions;
using NkWatch.Web.Forms;

namespace NkWatch.Web.Pages;

public sealed record PageLink(string Text, string Href);

/// <summary>A page that tells one thing: check your inbox, you are subscribed, this link is not valid...</summary>
public sealed record NoticeModel(string Heading, IReadOnlyList<string> Paragraphs, IReadOnlyList<PageLink> Links)
{
    public NoticeModel(string heading, params string[] paragraphs)
        : this(heading, paragraphs, [])
    {
    }
}

/// <summary>The subscribe form, empty or with what was sent and what was wrong with it.</summary>
public sealed record SubscribeModel(SubscriptionChoices Choices, string Email, SubscriberPreferences Preferences, FieldErrors Errors)
{
    /// <summary>A first visit: the browser's own time zone is preselected by the page's script.</summary>
    public bool PresetTimeZone { get; init; }
}

/// <summary>The preferences form of one subscriber, reached through their signed link.</summary>
public sealed record PreferencesModel(
    SubscriptionChoices Choices,
    string ActionUrl,
    string UnsubscribeUrl,
    string MaskedEmail,
    SubscriberStatus Status,
    SubscriberPreferences Preferences,
    FieldErrors Errors)
{
    public bool Saved { get; init; }
}

/// <summary>The unsubscribe page: one button, or the answer after it was pressed.</summary>
public sealed record UnsubscribeModel(string ActionUrl, string MaskedEmail, bool Done);

/// <summary>The page a confirmation link opens: one button that confirms (a POST, which link scanners do not send).</summary>
public sealed record ConfirmModel(string ActionUrl);
