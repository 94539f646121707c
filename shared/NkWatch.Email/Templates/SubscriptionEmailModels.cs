namespace NkWatch.Email.Templates;

/// <summary>"Confirm your subscription": the link, and what the person is about to receive.</summary>
public sealed record ConfirmationEmailModel(string ConfirmUrl, string FrequencyText, IReadOnlyList<string> TopicNames, int ValidDays);

/// <summary>"You are already subscribed": links to manage the subscription, nothing changed.</summary>
public sealed record AlreadySubscribedEmailModel(string PreferencesUrl, string UnsubscribeUrl);
