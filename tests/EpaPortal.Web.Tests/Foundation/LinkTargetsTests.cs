using System.Net;
using System.Text.RegularExpressions;
using EpaPortal.Web.Data.Seed;
using EpaPortal.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace EpaPortal.Web.Tests.Foundation;

/// <summary>
/// Issue 17: views link through the tag helpers and Url.Action, so every link is generated from the routes.
/// A generation that fails is silent (an empty href, or a fall-back to the conventional route such as
/// <c>/Outbox?page=2</c> when a reserved route value like <c>page</c> is passed): each role's pages over the
/// demo cases are crawled and every link, form action and button formaction is checked, every page reached
/// by a link must exist, and no form carries the antiforgery token twice.
/// </summary>
[Trait(Category.Name, Category.Integration)]
public sealed partial class LinkTargetsTests(DemoScenarioFactory factory, ITestOutputHelper output) : IClassFixture<DemoScenarioFactory>
{
    private const int MaxPagesPerPerson = 60;

    public static TheoryData<string> People() => new(
        Demo.Admin,
        Demo.QualityAssurer,
        DemoDataSeeder.ScenarioAssessor,
        Demo.Employer,
        Demo.Provider,
        Demo.Apprentice);

    [Theory]
    [MemberData(nameof(People))]
    public async Task EveryLinkOfTheRole_IsGeneratedFromARoute_AndLeadsToAPage(string email)
    {
        using var client = await factory.SignInAsync(email);
        var (home, _) = await client.GetPageAsync("/");
        var start = home.StatusCode == HttpStatusCode.Redirect ? home.Headers.Location!.OriginalString : "/";

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var queue = new Queue<(string Url, string From)>([(start, "/")]);
        var problems = new List<string>();
        while (queue.Count > 0 && seen.Count < MaxPagesPerPerson)
        {
            var (url, from) = queue.Dequeue();
            if (!seen.Add(url))
            {
                continue;
            }

            var response = await client.GetAsync(url);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                problems.Add($"{from} links to {url}, which is not found");
                continue;
            }

            if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }

            var page = await PortalClient.ParseAsync(response);
            var targets = page.QuerySelectorAll("a").Where(a => a.HasAttribute("href")).Select(a => ("a href", a.GetAttribute("href")!))
                .Concat(page.QuerySelectorAll("form").Select(f => ("form action", f.GetAttribute("action") ?? string.Empty)))
                .Concat(page.QuerySelectorAll("[formaction]").Select(b => ("formaction", b.GetAttribute("formaction")!)));
            foreach (var (attribute, target) in targets)
            {
                if (target.Length == 0 || ConventionalFallback().IsMatch(target))
                {
                    problems.Add($"{url}: {attribute}=\"{target}\" was not generated from the page's route");
                }
            }

            foreach (var raw in page.QuerySelectorAll("[asp-controller], [asp-action], [asp-page], [asp-route]"))
            {
                problems.Add($"{url}: a {raw.LocalName} kept its asp-* attributes: no tag helper read them");
            }

            foreach (var form in page.QuerySelectorAll("form"))
            {
                var tokens = form.QuerySelectorAll("input[name=__RequestVerificationToken]").Length;
                if (tokens > 1)
                {
                    problems.Add($"{url}: the form {form.Id ?? form.GetAttribute("action")} carries {tokens} antiforgery tokens");
                }
            }

            foreach (var link in page.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!.Split('#')[0]))
            {
                if (link.StartsWith('/') && !link.StartsWith("//", StringComparison.Ordinal) && !Skipped().IsMatch(link) && !seen.Contains(link))
                {
                    queue.Enqueue((link, url));
                }
            }
        }

        output.WriteLine($"{email}: {seen.Count} pages");
        Assert.True(seen.Count >= 5, $"Only {seen.Count} pages were reached from {start}.");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems.Distinct()));
    }

    [Fact]
    public void TheFallbackPattern_CatchesAConventionalRouteAndSparesThePortalsOwn()
    {
        Assert.Matches(ConventionalFallback(), "/Outbox?show=Pending&page=2");
        Assert.Matches(ConventionalFallback(), "/Employer/Index?page=7");
        Assert.DoesNotMatch(ConventionalFallback(), "/admin/outbox?show=Pending&page=2");
        Assert.DoesNotMatch(ConventionalFallback(), "/Identity/Account/Manage");
        Assert.DoesNotMatch(ConventionalFallback(), "https://www.gov.uk/");
    }

    /// <summary>The portal's routes are lower case; a capitalised first segment is MVC's conventional route, reached only when generation from the attribute route failed (Identity's pages excepted).</summary>
    [GeneratedRegex(@"^/(?!Identity/)[A-Z]")]
    private static partial Regex ConventionalFallback();

    [GeneratedRegex(@"(?i)^/(?:identity|lib|css|js|evidence/files|bench|api)|logout|/export|\.(?:csv|ics|zip)$")]
    private static partial Regex Skipped();
}
