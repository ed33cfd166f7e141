using System.Globalization;
using System.Net;
using EpaPortal.Web.Data.Seed;
using EpaPortal.Web.Tests.Gateway;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpaPortal.Web.Tests.Employer;

/// <summary>
/// An employer sees only their own organisation's apprentices: another organisation's case id answers 404
/// on every employer page and form (enumerated below, and checked against the routes the portal serves),
/// and nothing is changed by trying.
/// </summary>
[Trait(Category.Name, Category.Integration)]
[Trait(Category.Name, Category.Security)]
public class EmployerAccessTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    /// <summary>Every employer page of a case ({0} is the case id).</summary>
    public static readonly string[] Pages =
    [
        "/employer/cases/{0}",
        "/employer/cases/{0}/portfolio",
        "/employer/cases/{0}/entry-requirements",
        "/employer/cases/{0}/reference",
        "/employer/cases/{0}/gateway",
        "/employer/cases/{0}/result",
        "/employer/cases/{0}/appeal",
        "/employer/cases/{0}/adjustments",
    ];

    /// <summary>Every employer form post of a case ({0} is the case id, {1} an entry requirement of it).</summary>
    public static readonly (string Url, Dictionary<string, string> Fields)[] Posts =
    [
        ("/employer/cases/{0}/portfolio/confirm", new() { ["Confirm.Name"] = "Noah Northwind", ["Confirm.JobTitle"] = "Director", ["Confirm.Declaration"] = "true" }),
        ("/employer/cases/{0}/portfolio/return", new() { ["Return.Reason"] = "Returned by someone from another organisation." }),
        ("/employer/cases/{0}/entry-requirements", new() { ["Input.Kind"] = "GCSE", ["Input.Subject"] = "Mathematics", ["Input.Grade"] = "7" }),
        ("/employer/cases/{0}/entry-requirements/{1}/remove", new()),
        ("/employer/cases/{0}/reference", new() { ["Input.RefereeName"] = "Noah Northwind", ["command"] = "save" }),
        ("/employer/cases/{0}/appeal", new() { ["Lodge.Grounds"] = "Lodged by someone from another organisation." }),
        ("/employer/cases/{0}/adjustments", new() { ["Input.Type"] = "ExtraTime", ["Input.Details"] = "Requested by someone from another organisation." }),
        ("/employer/cases/{0}/adjustments/{1}/edit", new() { ["Input.Type"] = "ExtraTime", ["Input.Details"] = "Edited by someone from another organisation." }),
    ];

    /// <summary>The edit page of one adjustment (the access matrix checks it as every persona).</summary>
    public const string AdjustmentEditPage = "/employer/cases/{0}/adjustments/{1}/edit";

    /// <summary>The gateway form, posted as multipart with its files.</summary>
    public const string GatewayPost = "/employer/cases/{0}/gateway";

    public static TheoryData<string> PageData() => new(Pages);

    [Fact]
    public void TheListsAbove_CoverEveryEmployerRouteOfACase()
    {
        var served = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("employer/cases/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["ANY"]).Select(m => $"{m} {Normalise(e.RoutePattern.RawText!)}"))
            .ToHashSet(StringComparer.Ordinal);
        var tested = Pages.Select(p => $"GET {Normalise(p)}")
            .Concat(Posts.Select(p => $"POST {Normalise(p.Url)}"))
            .Append($"POST {Normalise(GatewayPost)}")
            .Append($"GET {Normalise(AdjustmentEditPage)}")
            .ToHashSet(StringComparer.Ordinal);

        Assert.Empty(served.Except(tested));
    }

    [Theory]
    [MemberData(nameof(PageData))]
    public async Task AnotherOrganisationsEmployer_GetsNotFound_OnEveryPage(string page)
    {
        var (_, caseId, _) = await AcmeCaseWithDataAsync();
        var name = await EmployerScenario.ApprenticeNameAsync(factory, caseId);
        using var other = await factory.SignInAsync(Demo.OtherEmployer);
        using var own = await factory.SignInAsync(Demo.Employer);
        var url = string.Format(CultureInfo.InvariantCulture, page, caseId);

        var response = await other.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(name, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The same page is there for the apprentice's own employer.
        var ownPage = await own.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, ownPage.StatusCode);
        Assert.Contains(name, await ownPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherOrganisationsEmployer_GetsNotFound_OnEveryForm_AndChangesNothing()
    {
        var (_, caseId, qualificationId) = await AcmeCaseWithDataAsync();
        var (_, ownCaseId) = await EmployerScenario.NewCaseAsync(factory, DemoDataSeeder.Northwind);
        using var other = await factory.SignInAsync(Demo.OtherEmployer);
        var tokenPage = $"/employer/cases/{ownCaseId}/entry-requirements";

        foreach (var (url, fields) in Posts)
        {
            var target = string.Format(CultureInfo.InvariantCulture, url, caseId, qualificationId);
            var response = await other.PostWithTokenAsync(tokenPage, target, fields);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"POST {target} answered {(int)response.StatusCode}.");
        }

        var gateway = await GatewayForm.PostAsync(other, caseId, GatewayForm.Complete(), GatewayForm.Certificates(), tokenPage);
        Assert.Equal(HttpStatusCode.NotFound, gateway.StatusCode);

        await factory.WithDbAsync(async db =>
        {
            var epaCase = await db.Cases.AsNoTracking().SingleAsync(c => c.Id == caseId);
            Assert.NotNull(epaCase.PortfolioSubmittedAt);
            Assert.Null(epaCase.PortfolioConfirmedAt);
            Assert.Equal(Domain.Cases.CaseState.Registered, epaCase.State);
            var apprentice = await db.Apprentices.AsNoTracking().Include(a => a.EntryQualifications).SingleAsync(a => a.Id == epaCase.ApprenticeId);
            Assert.Equal(qualificationId, Assert.Single(apprentice.EntryQualifications).Id);
            Assert.False(await db.EmployerReferences.AnyAsync(r => r.CaseId == caseId));
            Assert.False(await db.GatewaySubmissions.AnyAsync(g => g.CaseId == caseId));
            Assert.False(await db.StoredFiles.AnyAsync(f => f.CaseId == caseId && f.Purpose == Domain.Evidence.FilePurpose.KnowledgeModuleCertificate));
        });
    }

    [Fact]
    public async Task Dashboard_ListsOnlyTheEmployersOwnOrganisation()
    {
        var (_, acmeCase) = await EmployerScenario.NewCaseAsync(factory);
        var (_, northwindCase) = await EmployerScenario.NewCaseAsync(factory, DemoDataSeeder.Northwind);
        using var acme = await factory.SignInAsync(Demo.Employer);
        using var northwind = await factory.SignInAsync(Demo.OtherEmployer);

        var acmeLinks = await CaseLinksAsync(acme);
        var northwindLinks = await CaseLinksAsync(northwind);

        Assert.Contains(acmeCase, acmeLinks);
        Assert.DoesNotContain(northwindCase, acmeLinks);
        Assert.Contains(northwindCase, northwindLinks);
        Assert.DoesNotContain(acmeCase, northwindLinks);

        // Exactly the organisation's cases, across every page of the dashboard.
        var acmeCases = await factory.WithDbAsync(db => db.Cases.Where(c => c.Apprentice!.Organisation!.Name == DemoDataSeeder.Acme).Select(c => c.Id).ToListAsync());
        var northwindCases = await factory.WithDbAsync(db => db.Cases.Where(c => c.Apprentice!.Organisation!.Name == DemoDataSeeder.Northwind).Select(c => c.Id).ToListAsync());
        Assert.Equal(acmeCases.Order(), acmeLinks.Order());
        Assert.Equal(northwindCases.Order(), northwindLinks.Order());
    }

    /// <summary>The cases linked from the dashboard, following its pages to the end.</summary>
    private static async Task<List<int>> CaseLinksAsync(PortalClient client)
    {
        var ids = new List<int>();
        for (var page = 1; page < 100; page++)
        {
            var document = await EmployerPages.OkPageAsync(client, $"/employer?page={page}");
            ids.AddRange(document.QuerySelectorAll("main table a[href^='/employer/cases/']")
                .Select(a => a.GetAttribute("href")!)
                .Where(href => href.Count(ch => ch == '/') == 3)
                .Select(href => int.Parse(href.Split('/')[3], CultureInfo.InvariantCulture)));
            if (document.QuerySelector("a.page-link[rel=next]") is null)
            {
                return ids;
            }
        }

        return ids;
    }

    [Theory]
    [InlineData(Demo.Apprentice)]
    [InlineData(Demo.Assessor)]
    [InlineData(Demo.QualityAssurer)]
    [InlineData(Demo.Admin)]
    public async Task OtherRoles_AreForbidden_OnEmployerPages(string email)
    {
        var (_, caseId, _) = await AcmeCaseWithDataAsync();
        using var client = await factory.SignInAsync(email);

        foreach (var page in Pages.Prepend("/employer"))
        {
            var url = string.Format(CultureInfo.InvariantCulture, page, caseId);
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{email} reached {url}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task AdminReferencePages_AreForbiddenToEmployers()
    {
        var (_, caseId, _) = await AcmeCaseWithDataAsync();
        using var employer = await factory.SignInAsync(Demo.Employer);

        Assert.Equal(HttpStatusCode.Forbidden, (await employer.GetAsync($"/admin/cases/{caseId}/reference")).StatusCode);
        var reopen = await employer.PostWithTokenAsync($"/employer/cases/{caseId}/entry-requirements", $"/admin/cases/{caseId}/reference/reopen", [new("Reopen.Reason", "An employer trying to reopen.")]);
        Assert.Equal(HttpStatusCode.Forbidden, reopen.StatusCode);
    }

    /// <summary>An Acme case with a submitted portfolio and one entry requirement, so every form has something to act on.</summary>
    private async Task<(string Email, int CaseId, int QualificationId)> AcmeCaseWithDataAsync()
    {
        var (email, caseId) = await EmployerScenario.NewCaseAsync(factory);
        await EmployerScenario.SubmitPortfolioAsync(factory, caseId);
        var qualificationId = await factory.WithDbAsync(async db =>
        {
            var apprentice = await db.Apprentices.Include(a => a.EntryQualifications).SingleAsync(a => a.Email == email);
            var added = apprentice.AddEntryQualification("GCSE", "English Language", "6", new DateOnly(2019, 8, 22));
            await db.SaveChangesAsync();
            return added.Id;
        });
        return (email, caseId, qualificationId);
    }

    private static string Normalise(string route) =>
        System.Text.RegularExpressions.Regex.Replace(route.Trim('/'), @"\{[^}]*\}", "{}");
}
