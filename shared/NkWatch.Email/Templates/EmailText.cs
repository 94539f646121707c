using System.Text;
using NkWatch.Core.Digests;

namespace NkWatch.Email.Templates;

/// <summary>The frame in plain text: the same header and footer as the HTML part, around the body's text.</summary>
public static class EmailText
{
    public static string Compose(EmailFrame frame, string productName, string operatorAddress, string body)
    {
        var text = new StringBuilder(body.Length + 512);
        text.Append(productName).Append(" · ").Append(frame.Heading).Append('\n');
        if (frame.Note is { } note)
        {
            text.Append(note).Append('\n');
        }

        text.Append('\n').Append(body.TrimEnd('\n')).Append("\n\n");
        text.Append("-- \n").Append(frame.Reason).Append('\n');
        foreach (var link in frame.Links)
        {
            if (link.Href is { } href)
            {
                text.Append(link.Label).Append(": ").Append(href).Append('\n');
            }
        }

        if (operatorAddress.Length > 0)
        {
            text.Append(FeedTextCleaner.SingleLine(operatorAddress, 300)).Append('\n');
        }

        return text.ToString();
    }
}
