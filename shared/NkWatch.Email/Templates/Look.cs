namespace NkWatch.Email.Templates;

/// <summary>
/// NkWatch's email look in one place: colours, type and the inline styles built from them, for the
/// frame every email shares and for the bodies inside it. Email clients ignore style sheets, so
/// every element carries its style inline.
/// </summary>
public static class Look
{
    public const string Font = "Arial, Helvetica, sans-serif";
    public const string Ink = "#1a1a1a";
    public const string Muted = "#5b6370";
    public const string Accent = "#20558a";
    public const string Page = "#f3f4f6";
    public const string Card = "#ffffff";
    public const string Rule = "#d8dde3";
    public const string Highlight = "#fff1a8";
    public const string Primary = "#0b6e4f";
    public const int Width = 600;

    public const string Body = $"margin:0;padding:0;background:{Page};font-family:{Font};color:{Ink};";

    /// <summary>Shown by mail clients beside the subject, never in the opened email.</summary>
    public const string Preheader = "display:none;max-height:0;overflow:hidden;mso-hide:all;font-size:1px;line-height:1px;color:#ffffff;opacity:0;";

    public const string Outer = $"background:{Page};";
    public const string Sheet = $"max-width:600px;width:100%;background:{Card};border:1px solid {Rule};";
    public const string Masthead = $"padding:20px 24px 4px 24px;font-size:20px;font-weight:bold;color:{Accent};font-family:{Font};";
    public const string Heading = $"padding:0 24px 4px 24px;font-size:17px;line-height:24px;font-weight:bold;color:{Ink};font-family:{Font};";
    public const string Note = $"padding:0 24px 12px 24px;font-size:12px;color:{Muted};font-family:{Font};";
    public const string SectionHeading = $"padding:16px 24px 4px 24px;font-size:16px;font-weight:bold;color:{Ink};border-bottom:2px solid {Accent};font-family:{Font};";
    public const string Story = $"padding:12px 24px;border-bottom:1px solid {Rule};font-family:{Font};";
    public const string Headline = $"font-size:16px;line-height:22px;font-weight:bold;color:{Accent};text-decoration:none;";
    public const string HeadlinePlain = $"font-size:16px;line-height:22px;font-weight:bold;color:{Ink};";
    public const string Meta = $"font-size:12px;line-height:18px;color:{Muted};margin:4px 0 0 0;";
    public const string Badge = $"display:inline-block;padding:0 6px;border-radius:3px;background:{Primary};color:#ffffff;font-size:11px;font-weight:bold;";
    public const string Snippet = $"font-size:14px;line-height:20px;color:{Ink};margin:6px 0 0 0;";
    public const string Match = $"background:{Highlight};font-weight:bold;";
    public const string Why = $"font-size:12px;line-height:18px;color:{Muted};margin:6px 0 0 0;";
    public const string SmallLink = $"color:{Accent};";
    public const string Footer = $"padding:16px 24px 24px 24px;font-size:12px;line-height:18px;color:{Muted};font-family:{Font};";
    public const string FooterLine = "margin:0 0 8px 0;";
    public const string FooterAddress = "margin:0;";

    /// <summary>A body of paragraphs (the subscription emails), not of stories.</summary>
    public const string Content = $"padding:12px 24px 16px 24px;border-bottom:1px solid {Rule};font-size:15px;line-height:22px;color:{Ink};font-family:{Font};";
    public const string Paragraph = "margin:0 0 12px 0;";
    public const string List = "margin:0 0 12px 0;padding:0 0 0 20px;";
    public const string Button = $"display:inline-block;padding:10px 18px;border-radius:3px;background:{Accent};color:#ffffff;font-weight:bold;text-decoration:none;";
    public const string Small = $"margin:0;font-size:13px;line-height:18px;color:{Muted};";
}
