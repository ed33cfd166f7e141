using System.IO.Compression;
using System.Net;
using System.Text;
using Markdig;

namespace EpaPortal.Web.Features.Assessor;

/// <summary>
/// The preview page the portal writes for a text file, a Markdown file or a ZIP archive (issue 25, item 6): a
/// small HTML document with no script, no image and no link to anything, served under the strict preview
/// policy into a sandboxed frame. Text is shown as written; Markdown is rendered with its own HTML switched off
/// (a tag in the file shows as text); an archive shows its entries' names and sizes, read from its directory,
/// never its contents. Long files show their beginning.
/// </summary>
public static class RenderedPreview
{
    /// <summary>How much of a text or Markdown file is shown.</summary>
    public const int MaxTextBytes = 512 * 1024;

    /// <summary>How many of an archive's entries are listed.</summary>
    public const int MaxEntries = 2000;

    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().DisableHtml().UsePipeTables().UseAutoLinks().Build();

    private const string Style =
        "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;font-size:15px;line-height:1.5;margin:12px;color:#212529;overflow-wrap:anywhere}" +
        "pre{white-space:pre-wrap;font-size:13px}table{border-collapse:collapse}td,th{border:1px solid #dee2e6;padding:2px 6px;text-align:left}" +
        "code{font-size:13px}.note{color:#555;font-style:italic}";

    public static async Task<string> RenderAsync(PreviewKind kind, Stream content, string fileName, CancellationToken cancellationToken)
    {
        var body = kind switch
        {
            PreviewKind.Text => await TextAsync(content, cancellationToken) is var (text, cut)
                ? $"<pre>{WebUtility.HtmlEncode(text)}</pre>{Cut(cut)}"
                : string.Empty,
            PreviewKind.Markdown => await TextAsync(content, cancellationToken) is var (markdown, cut)
                ? Markdig.Markdown.ToHtml(markdown, Markdown) + Cut(cut)
                : string.Empty,
            PreviewKind.Zip => Entries(content),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a rendered preview."),
        };
        return "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>" + WebUtility.HtmlEncode(fileName) +
            "</title><style>" + Style + "</style></head><body>" + body + "</body></html>";
    }

    private static async Task<(string Text, bool Cut)> TextAsync(Stream content, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxTextBytes + 1];
        var length = await content.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        var cut = length > MaxTextBytes;
        var text = new UTF8Encoding(false, false).GetString(buffer, 0, Math.Min(length, MaxTextBytes));
        return (text.TrimStart('\uFEFF'), cut);
    }

    private static string Cut(bool cut) =>
        cut ? $"<p class=\"note\">Only the first {MaxTextBytes / 1024} KB are shown: download the file to read the rest.</p>" : string.Empty;

    private static string Entries(Stream content)
    {
        try
        {
            using var archive = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            var entries = archive.Entries;
            var html = new StringBuilder();
            html.Append("<p>").Append(entries.Count.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en-GB")))
                .Append(entries.Count == 1 ? " entry" : " entries").Append(" in the archive. Its files are not opened here: download it to open them.</p>");
            html.Append("<table><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Size</th></tr></thead><tbody>");
            foreach (var entry in entries.Take(MaxEntries))
            {
                var folder = entry.FullName.EndsWith('/');
                html.Append("<tr><td>").Append(WebUtility.HtmlEncode(entry.FullName)).Append("</td><td>")
                    .Append(folder ? "folder" : Size(entry.Length)).Append("</td></tr>");
            }

            html.Append("</tbody></table>");
            if (entries.Count > MaxEntries)
            {
                html.Append("<p class=\"note\">Only the first ").Append(MaxEntries.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en-GB"))).Append(" entries are listed.</p>");
            }

            return html.ToString();
        }
        catch (InvalidDataException)
        {
            return "<p>The archive's list of files cannot be read: download it to open it.</p>";
        }
    }

    private static string Size(long bytes) => bytes switch
    {
        < 1024 => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes} bytes"),
        < 1024 * 1024 => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        _ => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:0.#} MB"),
    };
}
