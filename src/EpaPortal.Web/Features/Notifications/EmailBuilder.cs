using System.Text;
using System.Text.Encodings.Web;

namespace EpaPortal.Web.Features.Notifications;

/// <summary>
/// Writes one message as plain text and HTML from the same parts, encoding every value for HTML.
/// Templates pass it only facts a recipient may see (names, dates, places, links), never free text
/// from the assessment.
/// </summary>
internal sealed class EmailBuilder
{
    private const string Footer = "This message was sent by the end-point assessment portal. It never contains assessment details such as notes or grades: sign in to see them.";

    private readonly string _subject;
    private readonly StringBuilder _text = new();
    private readonly StringBuilder _html = new();

    public EmailBuilder(string subject)
    {
        _subject = subject;
        _html.Append("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head><meta charset=\"utf-8\"><title>")
            .Append(Encode(subject))
            .Append("</title></head>\n<body>\n");
    }

    public EmailBuilder Greeting(string name)
    {
        var line = string.IsNullOrWhiteSpace(name) ? "Hello," : "Dear " + name + ",";
        return Paragraph(line);
    }

    public EmailBuilder Paragraph(string text)
    {
        _text.Append(text).Append("\n\n");
        _html.Append("<p>").Append(Encode(text)).Append("</p>\n");
        return this;
    }

    public EmailBuilder Facts(params (string Label, string Value)[] facts)
    {
        _html.Append("<table role=\"presentation\">\n");
        foreach (var (label, value) in facts)
        {
            _text.Append(label).Append(": ").Append(value).Append('\n');
            _html.Append("<tr><th scope=\"row\" align=\"left\">").Append(Encode(label)).Append("</th><td>").Append(Encode(value)).Append("</td></tr>\n");
        }

        _text.Append('\n');
        _html.Append("</table>\n");
        return this;
    }

    public EmailBuilder Action(string label, Uri link)
    {
        var url = link.AbsoluteUri;
        _text.Append(label).Append(":\n").Append(url).Append("\n\n");
        _html.Append("<p><a href=\"").Append(Encode(url)).Append("\">").Append(Encode(label)).Append("</a></p>\n")
            .Append("<p>Or copy this address into your browser: ").Append(Encode(url)).Append("</p>\n");
        return this;
    }

    public EmailContent Build()
    {
        var text = _text.ToString() + "-- \n" + Footer + "\n";
        var html = _html.ToString() + "<hr>\n<p><small>" + Encode(Footer) + "</small></p>\n</body>\n</html>\n";
        return new EmailContent(_subject, text, html);
    }

    private static string Encode(string value) => HtmlEncoder.Default.Encode(value);
}
