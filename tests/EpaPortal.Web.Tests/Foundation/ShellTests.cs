using System.Net;
using EpaPortal.Web.Tests.Infrastructure;

namespace EpaPortal.Web.Tests.Foundation;

[Trait(Category.Name, Category.Integration)]
public class ShellTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task HealthReady_ReportsTheDatabaseAndTheEvidenceStore_AsJson()
    {
        using var client = factory.CreatePortalClient();
        var response = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        var checks = json.RootElement.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        Assert.Equal(["database", "evidence-store"], checks.Keys.Order());
        Assert.All(checks.Values, c => Assert.Equal("Healthy", c.GetProperty("status").GetString()));
        Assert.Equal("FileSystem", checks["evidence-store"].GetProperty("provider").GetString());
    }

    [Fact]
    public async Task UnknownPage_ShowsFriendlyNotFound()
    {
        using var client = await factory.SignInAsync(Demo.Employer);
        var response = await client.GetAsync("/no/such/page");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("Page not found", body, StringComparison.Ordinal);
        Assert.Contains("EPA Portal", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Layout_ShowsOnlyTheSignedInRolesNavigation()
    {
        using var client = await factory.SignInAsync(Demo.Assessor);
        var (_, page) = await client.GetPageAsync("/assessor");
        var links = page.QuerySelectorAll("nav#main-nav a.nav-link, nav .navbar-nav a.nav-link").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/assessor", links);
        Assert.DoesNotContain("/admin", links);
        Assert.DoesNotContain("/apprentice", links);
        Assert.Equal("en-GB", page.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task AssessorNavigation_LinksTheConflictsOfInterestPage_FromEveryPage()
    {
        using var client = await factory.SignInAsync(Demo.Assessor);
        foreach (var path in new[] { "/assessor", "/assessor/conflicts" })
        {
            var (response, page) = await client.GetPageAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var link = page.QuerySelector("#main-nav a.nav-link[href='/assessor/conflicts']");
            Assert.NotNull(link);
            Assert.Equal("Conflicts of interest", link.TextContent.Trim());
            var current = page.QuerySelectorAll("#main-nav a.nav-link[aria-current=page]").Select(a => a.GetAttribute("href")).ToList();
            Assert.Equal([path], current);
        }

        foreach (var (email, dashboard) in new[] { (Demo.Admin, "/admin"), (Demo.Employer, "/employer"), (Demo.Apprentice, "/apprentice"), (Demo.QualityAssurer, "/quality") })
        {
            using var other = await factory.SignInAsync(email);
            var (_, page) = await other.GetPageAsync(dashboard);
            Assert.NotNull(page.QuerySelector($"#main-nav a.nav-link[href='{dashboard}']"));
            Assert.Null(page.QuerySelector("#main-nav a[href='/assessor/conflicts']"));
        }
    }
}
