using System.Text.RegularExpressions;
using EpaPortal.Web.Tests.Infrastructure;

namespace EpaPortal.Web.Tests.Security;

/// <summary>
/// Issue 17: the portal's own links follow its routes. A view links through the anchor and form tag helpers
/// (asp-controller, asp-action, asp-route-*) or Url.Action, and a controller redirects with RedirectToAction,
/// never with a hand-written "/…" address that silently breaks when a route changes. Static files may keep
/// their paths.
/// </summary>
[Trait(Category.Name, Category.Unit)]
public partial class LiteralLinkTests
{
    /// <summary>The static files under wwwroot, which have no route to follow.</summary>
    private static readonly string[] StaticAssetPrefixes = ["/css/", "/js/", "/lib/", "/img/", "/images/", "/favicon"];

    [Fact]
    public void NoView_LinksToAnAppAddressWrittenByHand()
    {
        var web = Path.Combine(RepositoryRoot(), "src", "EpaPortal.Web");
        var views = Directory.EnumerateFiles(web, "*.cshtml", SearchOption.AllDirectories)
            .Where(path => !IsBuildOutput(web, path))
            .ToList();
        Assert.NotEmpty(views);

        var literals = views
            .SelectMany(path => LiteralLinks(File.ReadAllText(path)).Select(hit => $"{Path.GetRelativePath(web, path)}:{hit.Line}: {hit.Attribute}=\"{hit.Value}\""))
            .ToList();

        Assert.True(literals.Count == 0,
            "Link through asp-controller/asp-action/asp-route-* or Url.Action instead of these literal addresses:\n" + string.Join("\n", literals));
    }

    /// <summary>
    /// page, handler, action, controller and area are routing's own values: asp-route-page="2" on a link to an
    /// MVC action does not add ?page=2 but makes the link fall back to the conventional route (/Outbox?page=2).
    /// </summary>
    [Fact]
    public void NoView_PassesAReservedRouteValueAsAQueryValue()
    {
        var web = Path.Combine(RepositoryRoot(), "src", "EpaPortal.Web");
        var reserved = Directory.EnumerateFiles(web, "*.cshtml", SearchOption.AllDirectories)
            .Where(path => !IsBuildOutput(web, path))
            .SelectMany(path => File.ReadAllLines(path)
                .Select((text, index) => (text, line: index + 1))
                .Where(l => ReservedRouteValue().IsMatch(l.text))
                .Select(l => $"{Path.GetRelativePath(web, path)}:{l.line}: {ReservedRouteValue().Match(l.text).Value}"))
            .ToList();

        Assert.True(reserved.Count == 0, "Add these to the query after Url.Action(...) instead:\n" + string.Join("\n", reserved));
        Assert.Matches(ReservedRouteValue(), "<a asp-action=\"Index\" asp-route-page=\"@p\">");
        Assert.DoesNotMatch(ReservedRouteValue(), "<a asp-action=\"Index\" asp-route-pageSize=\"@p\">");
    }

    [Fact]
    public void NoController_RedirectsToAnAppAddressWrittenByHand()
    {
        var web = Path.Combine(RepositoryRoot(), "src", "EpaPortal.Web");
        var literals = Directory.EnumerateFiles(web, "*.cs", SearchOption.AllDirectories)
            .Where(path => !IsBuildOutput(web, path))
            .SelectMany(path => File.ReadAllLines(path)
                .Select((text, index) => (text, line: index + 1))
                .Where(l => LiteralRedirect().IsMatch(l.text))
                .Select(l => $"{Path.GetRelativePath(web, path)}:{l.line}: {l.text.Trim()}"))
            .ToList();

        Assert.True(literals.Count == 0, "Redirect with RedirectToAction / RedirectToPage instead of:\n" + string.Join("\n", literals));
    }

    [Fact]
    public void TheScan_FindsALiteral_AndLeavesTagHelpersAndStaticFilesAlone()
    {
        const string view = """
            <link rel="stylesheet" href="/css/site.css" />
            <a asp-controller="Caseload" asp-action="Index">My caseload</a>
            <a href="@Url.Action("Index", "Reports")">Reports</a>
            <a href="https://www.gov.uk/">GOV.UK</a>
            <form method="post" action="/admin/cases/@Model.Id/hold"></form>
            <button formaction='/assessor/cases/1/notes'>Save</button>
            <a class="x" href="/admin">Administration</a>
            """;

        var hits = LiteralLinks(view).Select(h => (h.Line, h.Attribute, h.Value)).ToList();

        Assert.Equal(new[] { (5, "action", "/admin/cases/@Model.Id/hold"), (6, "formaction", "/assessor/cases/1/notes"), (7, "href", "/admin") }, hits);
        Assert.Matches(LiteralRedirect(), "return Redirect($\"/provider/cases/{caseId}\");");
        Assert.DoesNotMatch(LiteralRedirect(), "return RedirectToAction(nameof(Case), new { caseId });");
    }

    private static IEnumerable<(int Line, string Attribute, string Value)> LiteralLinks(string text) =>
        LinkAttribute().Matches(text)
            .Where(m => !m.Groups["value"].Value.StartsWith("//", StringComparison.Ordinal)
                && !StaticAssetPrefixes.Any(prefix => m.Groups["value"].Value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            .Select(m => (text.AsSpan(0, m.Index).Count('\n') + 1, m.Groups["attribute"].Value, m.Groups["value"].Value));

    private static bool IsBuildOutput(string web, string path)
    {
        var first = Path.GetRelativePath(web, path).Split(Path.DirectorySeparatorChar)[0];
        return first is "bin" or "obj";
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "EpaPortal.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("EpaPortal.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("""(?<![\w-])(?<attribute>href|action|formaction)\s*=\s*(?<quote>["'])(?<value>/[^"']*)\k<quote>""", RegexOptions.IgnoreCase)]
    private static partial Regex LinkAttribute();

    [GeneratedRegex("""asp-route-(page|handler|action|controller|area)(?![\w-])""", RegexOptions.IgnoreCase)]
    private static partial Regex ReservedRouteValue();

    [GeneratedRegex("""\b(Local)?Redirect(Permanent)?\(\s*\$?@?"/""")]
    private static partial Regex LiteralRedirect();
}
