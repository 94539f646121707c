namespace NkWatch.Email.Templates;

/// <summary>"You are already subscribed" in the shared frame, with the subscription's own links in the footer.</summary>
public partial class AlreadySubscribedEmail : IEmailBody<AlreadySubscribedEmailModel>
{
    public static EmailFrame Frame(AlreadySubscribedEmailModel model, string productName) => new(
        "You are already subscribed",
        "Nothing has changed: your subscription stays as it is.",
        "You are already subscribed",
        null,
        $"You get this email because someone asked to subscribe this address to {productName} alerts.",
        [new EmailLink("Change your preferences", model.PreferencesUrl), new EmailLink("Unsubscribe", model.UnsubscribeUrl)]);

    public static string Text(AlreadySubscribedEmailModel model, string productName) =>
        $"Someone, probably you, asked to subscribe this address, which already gets {productName} alerts. Nothing has changed.\n";
}
