using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace EpaPortal.Web.Infrastructure;

public static class MultilineText
{
    /// <summary>
    /// Shows text typed over several lines as paragraphs, HTML-encoded, without inline styles (the
    /// Content-Security-Policy forbids them).
    /// </summary>
    public static IHtmlContent Paragraphs(string? text, string cssClass = "mb-2")
    {
        var builder = new HtmlContentBuilder();
        if (string.IsNullOrWhiteSpace(text))
        {
            return builder;
        }

        foreach (var line in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (line.Trim().Length == 0)
            {
                continue;
            }

            builder.AppendHtml($"<p class=\"{HtmlEncoder.Default.Encode(cssClass)}\">");
            builder.Append(line);
            builder.AppendHtml("</p>");
        }

        return builder;
    }
}
