using MimeKit;
using NkWatch.Core.Email;

namespace NkWatch.Email;

/// <summary>Builds the MIME form of an email: the same headers and both parts that SendGrid would send.</summary>
public static class MimeMessageBuilder
{
    public static MimeMessage Build(EmailMessage message, string from, string fromName, DateTimeOffset date)
    {
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(fromName, from));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject;
        mime.Date = date;
        mime.MessageId = $"{message.MessageId}@nkwatch";
        foreach (var (name, value) in message.Headers)
        {
            mime.Headers.Add(name, value);
        }

        mime.Body = new BodyBuilder { TextBody = message.Text, HtmlBody = message.Html }.ToMessageBody();
        return mime;
    }
}
