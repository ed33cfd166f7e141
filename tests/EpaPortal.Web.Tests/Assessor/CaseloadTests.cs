using System.Net;
using EpaPortal.Domain.Cases;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpaPortal.Web.Tests.Assessor;

/// <summary>The caseload lists only the assessor's own cases, most urgent first, filtered, searched and paged.</summary>
[Trait(Category.Name, Category.Integration)]
public class CaseloadTests(CaseloadTests.Factory factory) : IClassFixture<CaseloadTests.Factory>
{
    /// <summary>The smallest page, so a few cases make two pages.</summary>
    public sealed class Factory : PortalFactory
    {
        protected override void ConfigureSettings(IWebHostBuilder builder) => builder.UseSetting("Assessor:PageSize", "10");
    }

    [Fact]
    public async Task Caseload_ListsOnlyTheCasesAllocatedToTheAssessor()
    {
        var mine = await AssessorJourney.CreateCaseAsync(factory, CaseState.PreInterviewReview, Demo.Assessor);
        var theirs = await AssessorJourney.CreateCaseAsync(factory, CaseState.PreInterviewReview, Demo.Assessor2);
        using var assessor = await factory.SignInAsync(Demo.Assessor);

        var allocated = await factory.WithDbAsync(db => db.Cases.CountAsync(c => c.AssessorId == db.Users.Single(u => u.Email == Demo.Assessor).Id));
        var ids = new List<int>();
        for (var page = 1; page <= (allocated + 9) / 10; page++)
        {
            var (_, document) = await assessor.GetPageAsync($"/assessor?page={page}");
            ids.AddRange(Ids(document));
        }

        ids.AddRange(await AllPagesAsync(assessor, "/assessor?show=closed"));

        Assert.Contains(mine.CaseId, ids);
        Assert.DoesNotContain(theirs.CaseId, ids);
        Assert.Equal(allocated, ids.Distinct().Count());
    }

    [Fact]
    public async Task Caseload_ShowsOpenCasesByDefault_AndClosedOnesOnRequest()
    {
        var open = await AssessorJourney.CreateCaseAsync(factory, CaseState.PreInterviewReview, Demo.Assessor);
        var closed = await AssessorJourney.CreateCaseAsync(factory, CaseState.GatewayApproved, Demo.Assessor);
        await WithdrawAsync(closed.CaseId);
        using var assessor = await factory.SignInAsync(Demo.Assessor);

        var (_, byDefault) = await assessor.GetPageAsync("/assessor");
        var openIds = await AllPagesAsync(assessor, "/assessor");
        Assert.Contains(open.CaseId, openIds);
        Assert.DoesNotContain(closed.CaseId, openIds);
        Assert.Equal("page", byDefault.QuerySelector("#caseload-lists a[href='/assessor']")!.GetAttribute("aria-current"));
        Assert.Contains("open case", byDefault.QuerySelector("#caseload-count")!.TextContent, StringComparison.Ordinal);
        Assert.All(byDefault.QuerySelectorAll("#state option[value]:not([value=''])"), o => Assert.True(OpenWork.IsOpen(Enum.Parse<CaseState>(o.GetAttribute("value")!))));

        var (_, history) = await assessor.GetPageAsync("/assessor?show=closed");
        var closedIds = await AllPagesAsync(assessor, "/assessor?show=closed");
        Assert.Contains(closed.CaseId, closedIds);
        Assert.DoesNotContain(open.CaseId, closedIds);
        Assert.Equal("page", history.QuerySelector("#caseload-lists a[href='/assessor?show=closed']")!.GetAttribute("aria-current"));
        var closedLabels = OpenWork.ClosedStates.Select(EpaPortal.Domain.Common.DisplayNames.Of).ToList();
        Assert.All(history.QuerySelectorAll("tr[data-case] td:nth-child(3)"), cell => Assert.Contains(cell.TextContent.Trim(), closedLabels));

        // A closed state chosen in the filter shows the closed list, whatever else the URL says.
        var (_, byState) = await assessor.GetPageAsync("/assessor?state=Withdrawn");
        Assert.Contains(closed.CaseId, Ids(byState));
        Assert.NotNull(byState.QuerySelector("#caseload-closed"));
    }

    [Fact]
    public async Task ClosedCases_NewestFirst_PagedByKeyset_LinksShowTheSameCasesAfterMoreClose()
    {
        // A fresh assessor's history: 12 closed cases, two of them closed at the same moment (the id breaks the tie).
        var email = await NewAssessorAsync();
        var closedInOrder = new List<int>();
        for (var i = 0; i < 12; i++)
        {
            var created = await AssessorJourney.CreateCaseAsync(factory, CaseState.GatewayApproved, email, new Data.Seed.ScenarioOptions { WriteFiles = false, EvidenceItems = 1 });
            if (i != 5)
            {
                factory.Clock.Advance(TimeSpan.FromMinutes(1));
            }

            await WithdrawAsync(created.CaseId);
            closedInOrder.Add(created.CaseId);
        }

        using var assessor = await factory.SignInAsync(email);
        var (_, first) = await assessor.GetPageAsync("/assessor?show=closed");
        Assert.Equal(closedInOrder.AsEnumerable().Reverse().Take(10), Ids(first));
        Assert.Null(first.QuerySelector("a[rel=prev]"));
        var next = first.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
        var (_, second) = await assessor.GetPageAsync(next);
        Assert.Equal(closedInOrder.Take(2).Reverse(), Ids(second));
        Assert.Null(second.QuerySelector("a[rel=next]"));

        // Another case closes: it heads the first page, and the link to the second page still shows the same cases.
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var latest = await AssessorJourney.CreateCaseAsync(factory, CaseState.GatewayApproved, email, new Data.Seed.ScenarioOptions { WriteFiles = false, EvidenceItems = 1 });
        await WithdrawAsync(latest.CaseId);
        var (_, secondAgain) = await assessor.GetPageAsync(next);
        Assert.Equal(Ids(second), Ids(secondAgain));
        var (_, previous) = await assessor.GetPageAsync(secondAgain.QuerySelector("a[rel=prev]")!.GetAttribute("href")!);
        Assert.Equal(Ids(first), Ids(previous));
        Assert.NotNull(previous.QuerySelector("a[rel=prev]"));
        var (_, firstAgain) = await assessor.GetPageAsync("/assessor?show=closed");
        Assert.Equal(latest.CaseId, Ids(firstAgain)[0]);

        // A cursor that is not one (edited by hand) shows the first page and says so.
        var (response, broken) = await assessor.GetPageAsync("/assessor?show=closed&after=yesterday");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Ids(firstAgain), Ids(broken));
        Assert.Contains("not valid any more", broken.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Caseload_PutsOverdueCasesFirst_ThenYourActions_ThenCasesWaitingOnOthers()
    {
        await AssessorJourney.CreateCaseAsync(factory, CaseState.ProjectSubmitted, Demo.Assessor2);
        factory.Clock.Advance(TimeSpan.FromDays(11));
        await AssessorJourney.CreateCaseAsync(factory, CaseState.PreInterviewReview, Demo.Assessor2);
        await AssessorJourney.CreateCaseAsync(factory, CaseState.ProjectScheduled, Demo.Assessor2);
        using var assessor = await factory.SignInAsync(Demo.Assessor2);

        var (_, document) = await assessor.GetPageAsync("/assessor?page=1");
        var urgencies = document.QuerySelectorAll("tr[data-case]").Select(r => r.ClassName!).ToList();

        Assert.Equal("caseload-overdue", urgencies[0]);
        Assert.Contains("caseload-needsaction", urgencies);
        Assert.Contains("caseload-waiting", urgencies);
        var rank = urgencies.Select(u => u switch { "caseload-overdue" => 0, "caseload-needsaction" => 1, "caseload-waiting" => 2, _ => 3 }).ToList();
        Assert.Equal(rank.Order().ToList(), rank);
        Assert.Contains("Overdue", document.QuerySelector("tr.caseload-overdue")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Caseload_FiltersByState_AndSearchesByNameOrUln()
    {
        var reviewCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.PreInterviewReview, Demo.Assessor);
        var scheduledCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.ProjectScheduled, Demo.Assessor);
        var (uln, name) = await factory.WithDbAsync(db => db.Cases.Where(c => c.Id == reviewCase.CaseId)
            .Select(c => new ValueTuple<string, string>(c.Apprentice!.Uln, c.Apprentice.GivenNames + " " + c.Apprentice.FamilyName)).SingleAsync());
        using var assessor = await factory.SignInAsync(Demo.Assessor);

        var (_, byUln) = await assessor.GetPageAsync($"/assessor?search={uln[..7]}");
        Assert.Equal([reviewCase.CaseId], Ids(byUln));

        var (_, byName) = await assessor.GetPageAsync($"/assessor?search={Uri.EscapeDataString(name.ToUpperInvariant())}");
        Assert.Equal([reviewCase.CaseId], Ids(byName));

        var (_, byState) = await assessor.GetPageAsync("/assessor?state=ProjectScheduled");
        Assert.Contains(scheduledCase.CaseId, Ids(byState));
        Assert.DoesNotContain(reviewCase.CaseId, Ids(byState));
        Assert.All(byState.QuerySelectorAll("tr[data-case] td:nth-child(3)"), cell => Assert.Contains("Project scheduled", cell.TextContent, StringComparison.Ordinal));

        var (_, wildcard) = await assessor.GetPageAsync("/assessor?search=%25");
        Assert.Empty(Ids(wildcard));
    }

    [Fact]
    public async Task Caseload_ShowsAPageOfRowsAndTheTotal()
    {
        for (var i = 0; i < 11; i++)
        {
            await AssessorJourney.CreateCaseAsync(factory, CaseState.ProjectScheduled, Demo.Assessor, new Data.Seed.ScenarioOptions { WriteFiles = false, EvidenceItems = 1 });
        }

        using var assessor = await factory.SignInAsync(Demo.Assessor);
        var total = await factory.WithDbAsync(db => db.Cases.CountAsync(c => c.State == CaseState.ProjectScheduled && c.AssessorId == db.Users.Single(u => u.Email == Demo.Assessor).Id));

        var (_, first) = await assessor.GetPageAsync("/assessor?state=ProjectScheduled");
        var (_, second) = await assessor.GetPageAsync("/assessor?state=ProjectScheduled&page=2");

        Assert.Equal(10, Ids(first).Count);
        Assert.Equal(total - 10, Ids(second).Count);
        Assert.Empty(Ids(first).Intersect(Ids(second)));
        Assert.Contains($"{total} open cases", first.QuerySelector("#caseload-count")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(first.QuerySelector("a[rel=next]"));
    }

    [Fact]
    public async Task Caseload_WithAnUnknownState_SaysSoAndShowsEveryState()
    {
        using var assessor = await factory.SignInAsync(Demo.Assessor);
        var (response, document) = await assessor.GetPageAsync("/assessor?state=Nonsense&page=999");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("That state is not known", document.Body!.TextContent, StringComparison.Ordinal);
    }

    /// <summary>Withdraws the case as an admin would (a closed case).</summary>
    [Fact]
    public async Task ClosedCases_SortByClosingTimeBothWays_AcrossPages_AndExportInTheSort_StaffOnly()
    {
        var email = await NewAssessorAsync();
        var ids = new List<int>();
        for (var i = 0; i < 12; i++)
        {
            var created = await AssessorJourney.CreateCaseAsync(factory, CaseState.GatewayApproved, email);
            await WithdrawAsync(created.CaseId);
            ids.Add(created.CaseId);
            factory.Clock.Advance(TimeSpan.FromMinutes(i % 3 == 0 ? 1 : 0));
        }

        var open = await AssessorJourney.CreateCaseAsync(factory, CaseState.PreInterviewReview, email);
        var closedAt = await factory.WithDbAsync(db => db.Cases.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.StateChangedAt));
        var latestFirst = ids.OrderByDescending(id => closedAt[id]).ThenByDescending(id => id).ToList();
        using var assessor = await factory.SignInAsync(email);

        var (_, first) = await assessor.GetPageAsync("/assessor?show=closed&sort=closed");
        Assert.Equal("ascending", first.QuerySelector("#caseload-closed th[aria-sort]")!.GetAttribute("aria-sort"));
        Assert.Contains("sort=closed", first.QuerySelector("a[rel=next]")!.GetAttribute("href")!, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Reverse(latestFirst).ToList(), await AllPagesAsync(assessor, "/assessor?show=closed&sort=closed"));
        Assert.Equal(latestFirst, await AllPagesAsync(assessor, "/assessor?show=closed&sort=-closed"));
        Assert.Equal(latestFirst, await AllPagesAsync(assessor, "/assessor?show=closed"));

        // The export is the list shown, in its sort; the open work's is most urgent first, as the page.
        var export = first.QuerySelector("#caseload-export")!.GetAttribute("href")!;
        Assert.Equal("/assessor/export.csv?show=closed&sort=closed", export);
        var response = await assessor.GetAsync(export);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Case,Apprentice,ULN,Employer,State,", lines[0], StringComparison.Ordinal);
        Assert.Equal(Enumerable.Reverse(latestFirst).Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)), lines.Skip(1).Select(l => l.Split(',')[0]));
        var openLines = (await (await assessor.GetAsync("/assessor/export.csv")).Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([open.CaseId.ToString(System.Globalization.CultureInfo.InvariantCulture)], openLines.Skip(1).Select(l => l.Split(',')[0]));

        // The caseload is the assessor's: every other role is refused, and another assessor gets only their own.
        foreach (var other in new[] { Demo.Employer, Demo.Apprentice, Demo.Provider, Demo.Admin })
        {
            using var client = await factory.SignInAsync(other);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(export)).StatusCode);
        }

        using var colleague = await factory.SignInAsync(Demo.Assessor2);
        var theirs = await (await colleague.GetAsync(export)).Content.ReadAsStringAsync();
        Assert.All(ids, id => Assert.DoesNotContain($"\r\n{id},", theirs, StringComparison.Ordinal));
    }

    [Fact]
    public async Task OpenCases_SortByColumnBothWays_AcrossPages_KeptInTheLinks_AndExportedInTheSort()
    {
        var email = await NewAssessorAsync();
        var states = new[] { CaseState.PreInterviewReview, CaseState.GatewayApproved, CaseState.InterviewCompleted, CaseState.ProjectSubmitted };
        var ids = new List<int>();
        for (var i = 0; i < 12; i++)
        {
            ids.Add((await AssessorJourney.CreateCaseAsync(factory, states[i % states.Length], email)).CaseId);
        }

        var facts = await factory.WithDbAsync(db => db.Cases.Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, Name = c.Apprentice!.GivenNames + " " + c.Apprentice.FamilyName, c.State }).ToListAsync());
        var byName = facts.OrderBy(f => f.Name, StringComparer.OrdinalIgnoreCase).ThenBy(f => f.Id).Select(f => f.Id).ToList();
        var byNameDescending = facts.OrderByDescending(f => f.Name, StringComparer.OrdinalIgnoreCase).ThenBy(f => f.Id).Select(f => f.Id).ToList();
        var byState = facts.OrderBy(f => f.State).ThenBy(f => f.Id).Select(f => f.Id).ToList();
        using var assessor = await factory.SignInAsync(email);

        var (_, first) = await assessor.GetPageAsync("/assessor?sort=apprentice");
        Assert.Equal("ascending", first.QuerySelector("#caseload-open th[aria-sort]")!.GetAttribute("aria-sort"));
        Assert.Contains("sort=apprentice", first.QuerySelector("a[rel=next]")!.GetAttribute("href")!, StringComparison.Ordinal);
        Assert.Contains("12 open cases", first.QuerySelector("#caseload-count")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(byName, await AllPagesAsync(assessor, "/assessor?sort=apprentice"));
        Assert.Equal(byNameDescending, await AllPagesAsync(assessor, "/assessor?sort=-apprentice"));
        Assert.Equal(byState, await AllPagesAsync(assessor, "/assessor?sort=state"));

        // The header of the current column turns the order round; the others start ascending.
        var headers = first.QuerySelectorAll("#caseload-open th a.sort-link").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/assessor?sort=-apprentice", headers);
        Assert.Contains("/assessor?sort=state", headers);

        // No sort, or one not offered, is the most urgent first: the assessor's actions before cases waiting on others.
        var urgent = await AllPagesAsync(assessor, "/assessor");
        Assert.Equal(urgent, await AllPagesAsync(assessor, "/assessor?sort=nonsense"));
        Assert.Equal(ids.Order().ToList(), urgent.Order().ToList());

        // The export is the list shown, in its sort.
        var export = first.QuerySelector("#caseload-export")!.GetAttribute("href")!;
        Assert.Equal("/assessor/export.csv?sort=apprentice", export);
        var lines = (await (await assessor.GetAsync(export)).Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(byName.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)), lines.Skip(1).Select(l => l.Split(',')[0]));
    }

    private async Task WithdrawAsync(int caseId)
    {
        using var admin = await factory.SignInAsync(Demo.Admin);
        var response = await admin.SubmitFormAsync($"/admin/cases/{caseId}/withdraw", new Dictionary<string, string> { ["Input.Reason"] = "The apprentice left the employer." });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>A new assessor with the demo password, so a test has a caseload of its own.</summary>
    private async Task<string> NewAssessorAsync()
    {
        var email = $"assessor-{Guid.NewGuid():N}@example.test";
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Data.PortalUser>>();
        var user = new Data.PortalUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Kim Keyset", CreatedAt = factory.Clock.GetUtcNow() };
        Assert.True((await users.CreateAsync(user, PortalFactory.DemoPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, EpaPortal.Web.Security.Roles.Assessor)).Succeeded);
        return email;
    }

    /// <summary>Every case of a list, following its "Next" links.</summary>
    private static async Task<List<int>> AllPagesAsync(PortalClient client, string url)
    {
        var ids = new List<int>();
        for (string? next = url; next is not null;)
        {
            var (_, document) = await client.GetPageAsync(next);
            ids.AddRange(Ids(document));
            next = document.QuerySelector("a[rel=next]")?.GetAttribute("href");
        }

        return ids;
    }

    private static List<int> Ids(AngleSharp.Html.Dom.IHtmlDocument document) =>
        document.QuerySelectorAll("tr[data-case]").Select(r => int.Parse(r.GetAttribute("data-case")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
}
