namespace NkWatch.Core.Email;

/// <summary>An email's two parts as rendered: the HTML and its plain-text twin.</summary>
public sealed record EmailParts(string Html, string Text);
