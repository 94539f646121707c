using NkWatch.Core.Digests;

namespace NkWatch.Email.Templates;

/// <summary>The double opt-in's first email in the shared frame; no subscription yet, so no links to manage one.</summary>
public partial class ConfirmationEmail : IEmailBody<ConfirmationEmailModel>
{
    public static EmailFrame Frame(ConfirmationEmailModel model, string productName) => new(
        "Confirm your subscription",
        $"Confirm your {productName} alerts: the link works for {model.ValidDays} days.",
        "Confirm your subscription",
        null,
        $"You get this email because someone asked for {productName} alerts at this address. If it was not you, ignore it: nothing more will be sent.",
        []);

    public static string Text(ConfirmationEmailModel model, string productName)
    {
        var topics = model.TopicNames.Count == 0
            ? " on every topic."
            : ": " + string.Join(", ", model.TopicNames.Select(t => FeedTextCleaner.SingleLine(t, 200))) + ".";
        var confirm = new EmailLink("Confirm subscription", model.ConfirmUrl).Href is { } href ? $"Confirm: {href}\n\n" : string.Empty;
        return $"Please confirm that you want {model.FrequencyText} alerts about human rights in North Korea{topics}\n\n{confirm}The link works for {model.ValidDays} days.\n";
    }
}
