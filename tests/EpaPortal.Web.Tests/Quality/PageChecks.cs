using AngleSharp.Html.Dom;

namespace EpaPortal.Web.Tests.Quality;

/// <summary>Checks every page of these features must pass.</summary>
public static class PageChecks
{
    /// <summary>No inline style, inline script or event-handler attribute: the Content-Security-Policy would block them.</summary>
    public static void NoInlineCode(IHtmlDocument page, string url)
    {
        Assert.True(page.QuerySelectorAll("[style]").Length == 0, $"{url} has an inline style: {page.QuerySelector("[style]")?.OuterHtml}");
        Assert.True(page.QuerySelectorAll("script:not([src])").Length == 0, $"{url} has an inline script.");
        Assert.False(page.All.Any(e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.Ordinal))), $"{url} has an event-handler attribute.");
    }
}
