using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.AutoIdentifiers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace EpaPortal.Web.Features.Help;

/// <summary>
/// The role guides served inside the portal (issue 25, item 7): docs/guide-*.md and docs/images, copied beside
/// the app at build (the web project's Help folder), rendered from Markdown on each request (they are the
/// repository's own trusted text; a render takes a few milliseconds and reads no database). Headings get
/// GitHub-style ids, so a page's help link lands on its section; links to another guide stay inside the portal.
/// </summary>
public sealed partial class HelpGuides(IWebHostEnvironment environment)
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseAutoIdentifiers(AutoIdentifierOptions.GitHub)
        .UseBootstrap()
        .Build();

    /// <summary>The folder holding the guides and their images: beside the app, or the repository's docs when run from source.</summary>
    public string Folder { get; } = FindFolder(environment);

    /// <summary>The guide as HTML with its title (the first heading), or null when there is no such guide.</summary>
    public async Task<(string Title, string Html)?> RenderAsync(string guide, Func<string, string> guideUrl, Func<string, string> imageUrl, CancellationToken cancellationToken)
    {
        if (!HelpTopics.Guides.Contains(guide))
        {
            return null;
        }

        var path = Path.Combine(Folder, $"guide-{guide}.md");
        if (!File.Exists(path))
        {
            return null;
        }

        var markdown = await File.ReadAllTextAsync(path, cancellationToken);
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (link.Url is null)
            {
                continue;
            }

            if (link.IsImage && ImageName().Match(link.Url) is { Success: true } image)
            {
                link.Url = imageUrl(image.Groups[1].Value);
            }
            else if (GuideLink().Match(link.Url) is { Success: true } other && HelpTopics.Guides.Contains(other.Groups[1].Value))
            {
                link.Url = guideUrl(other.Groups[1].Value) + other.Groups[2].Value;
            }
        }

        var title = document.Descendants<HeadingBlock>().FirstOrDefault(h => h.Level == 1)?.Inline?.FirstChild?.ToString() ?? "Help";
        return (title, document.ToHtml(Pipeline));
    }

    /// <summary>A guide's image file, when the name is one of theirs.</summary>
    public string? ImagePath(string name) =>
        SafeImageName().IsMatch(name) && File.Exists(Path.Combine(Folder, "images", name)) ? Path.Combine(Folder, "images", name) : null;

    private static string FindFolder(IWebHostEnvironment environment)
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "Help");
        if (File.Exists(Path.Combine(beside, "guide-admin.md")))
        {
            return beside;
        }

        // Run from source (dotnet run in src/EpaPortal.Web): the repository's docs folder.
        var docs = Path.GetFullPath(Path.Combine(environment.ContentRootPath, "..", "..", "docs"));
        return docs;
    }

    [GeneratedRegex(@"^images/([a-z0-9-]+\.png)$")]
    private static partial Regex ImageName();

    [GeneratedRegex(@"^[a-z0-9-]+\.png$")]
    private static partial Regex SafeImageName();

    [GeneratedRegex(@"^guide-([a-z-]+)\.md(#[a-z0-9-]*)?$")]
    private static partial Regex GuideLink();
}
