using NkWatch.Core.Digests;

namespace NkWatch.Email.Templates;

/// <summary>
/// What one email puts into the frame every NkWatch email shares: the document title, the line
/// mail clients show beside the subject, the heading under the product's name (and a note under
/// it), and the footer's reason for the email with the links that apply to it. The product's
/// name and the operator's postal address come from the renderer, the same for every email.
/// </summary>
public sealed record EmailFrame(string Title, string Preheader, string Heading, string? Note, string Reason, IReadOnlyList<EmailLink> Links);

/// <summary>A link the frame or a body shows; <see cref="Href"/> is null for anything but http, https or a substitution tag.</summary>
public sealed record EmailLink(string Label, string Url)
{
    /// <summary>
    /// The address to link to: an absolute http or https URL, or one of the per-recipient tags
    /// (<see cref="DigestLinks"/>) that delivery replaces with such a URL; otherwise no link at all.
    /// </summary>
    public string? Href => Url is DigestLinks.PreferencesTag or DigestLinks.UnsubscribeTag ? Url : SafeLink.Http(Url);
}

/// <summary>
/// An email's body: a Razor component for the HTML part (rows of the frame's sheet), and the
/// same content as plain text, with the frame's words for this model.
/// </summary>
public interface IEmailBody<TModel>
{
    TModel Model { get; set; }

    static abstract EmailFrame Frame(TModel model, string productName);

    static abstract string Text(TModel model, string productName);
}
