using System.Text;
using MimeKit;
using MimeKit.Utils;

namespace EpaPortal.Web.Features.Notifications;

/// <summary>Turns an outbox row into a MIME message: plain text and HTML alternatives, and for an
/// interview the invitation both inline (text/calendar; method=REQUEST, which calendar programs act on)
/// and as an interview.ics attachment.</summary>
internal static class MessageComposer
{
    public static MimeMessage Compose(OutboxMessage message, EmailOptions options)
    {
        var mime = new MimeMessage
        {
            Subject = message.Subject,
            Date = message.CreatedAt,
            MessageId = message.MessageId.ToString("N") + "@" + DomainOf(options.From),
        };
        mime.From.Add(new MailboxAddress(options.FromName, options.From));
        mime.To.Add(new MailboxAddress(message.ToName, message.ToAddress));
        mime.Headers.Add("Auto-Submitted", "auto-generated");

        var alternative = new MultipartAlternative
        {
            new TextPart("plain") { Text = message.TextBody },
            new TextPart("html") { Text = message.HtmlBody },
        };

        if (message.CalendarIcs is null)
        {
            mime.Body = alternative;
            return mime;
        }

        var inline = new TextPart("calendar") { Text = message.CalendarIcs };
        inline.ContentType.Parameters.Add("method", "REQUEST");
        inline.ContentType.Charset = "utf-8";
        alternative.Add(inline);

        var attachment = new MimePart("application", "ics")
        {
            Content = new MimeContent(new MemoryStream(Encoding.UTF8.GetBytes(message.CalendarIcs))),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = InterviewCalendar.FileName,
        };
        mime.Body = new Multipart("mixed") { alternative, attachment };
        return mime;
    }

    private static string DomainOf(string address)
    {
        var at = address.LastIndexOf('@');
        return at >= 0 && at < address.Length - 1 ? address[(at + 1)..] : MimeUtils.GenerateMessageId().Split('@')[1];
    }
}
