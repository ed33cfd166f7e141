using System.Globalization;
using System.Net;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Organisations;
using EpaPortal.TestSupport;
using EpaPortal.Web.Data.Seed;
using EpaPortal.Web.Features.Admin;
using EpaPortal.Web.Features.Notifications;
using EpaPortal.Web.Security;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpaPortal.Web.Tests.Admin;

/// <summary>Bulk allocation (issue 21, item 3): conflicts of interest and capacity respected, one audit entry and one e-mail per case.</summary>
[Trait(Category.Name, Category.Integration)]
public class BulkAllocationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task BulkAllocation_RespectsConflictsAndCapacity_AndConfirmingAuditsAndTellsEachCase()
    {
        // Four cases waiting at a new employer; only Demo.Assessor may take them (every other assessor declared a conflict),
        // and Demo.Assessor has room for two more.
        var (organisationId, cases) = await EmployerWithWaitingCasesAsync("Bulk Capacity Ltd", 4);
        var assessor = await AdminTestData.UserIdAsync(factory, Demo.Assessor);
        var assessor2 = await AdminTestData.UserIdAsync(factory, Demo.Assessor2);
        await ConflictsWithAsync(organisationId, exceptAssessorId: assessor);
        var open = await factory.WithDbAsync(db => db.Cases.CountAsync(c => c.AssessorId == assessor && AllocationService.CaseloadStates.Contains(c.State)));

        using var admin = await factory.SignInAsync(Demo.Admin);
        var capacity = await admin.SubmitFormAsync($"/admin/users/{assessor}", new Dictionary<string, string> { ["Capacity.MaxOpenCases"] = (open + 2).ToString(CultureInfo.InvariantCulture) }, "#capacity-form");
        Assert.Equal(HttpStatusCode.Redirect, capacity.StatusCode);

        var page = $"/admin/allocation?organisation={organisationId}";
        var (response, document) = await admin.GetPageAsync(page);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(cases, document.QuerySelectorAll(".allocation-case").Select(e => int.Parse(e.GetAttribute("data-case-id")!, CultureInfo.InvariantCulture)));
        var proposed = cases.Where(id => Selected(document, id) == assessor).ToList();
        Assert.Equal(cases.Take(2), proposed);
        Assert.All(cases.Skip(2), id =>
        {
            Assert.Equal(string.Empty, Selected(document, id));
            Assert.Equal("Nobody proposed: every assessor who may assess this case is at capacity.", document.QuerySelector($"#why-{id}")!.TextContent.Trim());
        });

        // The assessor with the conflict is never offered, and the page says why.
        Assert.All(cases, id => Assert.Null(document.QuerySelector($"#assessor-{id} option[value='{assessor2}']")));
        Assert.Contains("This assessor declared a conflict with Bulk Capacity Ltd.", document.QuerySelector($".allocation-case[data-case-id='{cases[0]}'] details")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("may not assess any of these cases", document.QuerySelector($"#allocation-assessors tr[data-assessor-id='{assessor2}']")!.TextContent, StringComparison.Ordinal);

        // Forcing the assessor with the conflict, or the full assessor past capacity: refused, nothing saved, choices kept.
        var forced = await admin.PostWithTokenAsync(page, "/admin/allocation", Form(organisationId, (cases[0], assessor2)));
        var forcedBody = await AdminTestData.BodyAsync(forced);
        Assert.Contains($"Case {cases[0]} (", forcedBody, StringComparison.Ordinal);
        Assert.Contains("This assessor declared a conflict with Bulk Capacity Ltd.", forcedBody, StringComparison.Ordinal);
        var overCapacity = await admin.PostWithTokenAsync(page, "/admin/allocation", Form(organisationId, (cases[0], assessor), (cases[1], assessor), (cases[2], assessor)));
        var overDocument = await PortalClient.ParseAsync(overCapacity);
        Assert.Contains("choose someone else for 1 of the 3 cases given to them.", overDocument.QuerySelector("#problems")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(assessor, Selected(overDocument, cases[2]));
        Assert.Empty(await AllocatedAsync(cases));

        // The proposal as it stands: two cases allocated, each audited once and each told by e-mail.
        var confirmed = await admin.PostWithTokenAsync(page, "/admin/allocation", Form(organisationId, (cases[0], assessor), (cases[1], assessor)));
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(proposed, await AllocatedAsync(cases));
        foreach (var id in proposed)
        {
            Assert.Single(await AdminTestData.AuditAsync(factory, db => db.AuditEntries.Where(a => a.CaseId == id && a.Action == CaseActions.AssessorAllocated)));
            Assert.Equal(1, await factory.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.CaseId == id && m.Kind == NotificationKind.AssessorAllocated && m.ToAddress == Demo.Assessor)));
        }

        // Now full: the two left are proposed to nobody.
        var (_, after) = await admin.GetPageAsync(page);
        Assert.Equal(cases.Skip(2), after.QuerySelectorAll(".allocation-case").Select(e => int.Parse(e.GetAttribute("data-case-id")!, CultureInfo.InvariantCulture)));
        Assert.Contains("at capacity", after.QuerySelector($"#allocation-assessors tr[data-assessor-id='{assessor}']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BulkAllocation_BalancesTheWorkload_BetweenAssessorsWhoMayTakeTheCases()
    {
        var (organisationId, cases) = await EmployerWithWaitingCasesAsync("Bulk Balance Ltd", 4);
        var assessor = await AdminTestData.UserIdAsync(factory, Demo.Assessor);
        var assessor2 = await AdminTestData.UserIdAsync(factory, Demo.Assessor2);
        await ConflictsWithAsync(organisationId, exceptAssessorId: assessor, alsoExcept: assessor2);
        await factory.WithDbAsync(db => db.Users.Where(u => u.Id == assessor || u.Id == assessor2).ExecuteUpdateAsync(u => u.SetProperty(x => x.MaxOpenCases, (int?)null)));
        var load = await factory.WithDbAsync(db => db.Cases.Where(c => (c.AssessorId == assessor || c.AssessorId == assessor2) && AllocationService.CaseloadStates.Contains(c.State))
            .GroupBy(c => c.AssessorId!).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count));

        using var admin = await factory.SignInAsync(Demo.Admin);
        var (_, document) = await admin.GetPageAsync($"/admin/allocation?organisation={organisationId}");

        // Computed here independently: each case to whoever has fewer open-or-proposed cases (ties by name).
        var counts = new Dictionary<string, int> { [assessor] = load.GetValueOrDefault(assessor), [assessor2] = load.GetValueOrDefault(assessor2) };
        var names = await factory.WithDbAsync(db => db.Users.Where(u => u.Id == assessor || u.Id == assessor2).ToDictionaryAsync(u => u.Id, u => u.DisplayName));
        foreach (var id in cases)
        {
            var expected = counts.OrderBy(c => c.Value).ThenBy(c => names[c.Key], StringComparer.Ordinal).First().Key;
            Assert.Equal(expected, Selected(document, id));
            counts[expected]++;
        }
    }

    [Fact]
    public async Task Capacity_BadInput_ShowsTheMessageAndKeepsWhatWasTyped_AndANonAssessorHasNone()
    {
        var assessor2 = await AdminTestData.UserIdAsync(factory, Demo.Assessor2);
        using var admin = await factory.SignInAsync(Demo.Admin);

        var response = await admin.SubmitFormAsync($"/admin/users/{assessor2}", new Dictionary<string, string> { ["Capacity.MaxOpenCases"] = "twelve" }, "#capacity-form");
        var document = await PortalClient.ParseAsync(response);
        Assert.Equal("Enter the capacity as a whole number from 1 to 500, or leave it blank for no limit.", document.QuerySelector("#capacity-error")!.TextContent.Trim());
        Assert.Equal("twelve", document.QuerySelector("#capacity-max")!.GetAttribute("value"));
        Assert.Null(await factory.WithDbAsync(db => db.Users.Where(u => u.Id == assessor2).Select(u => u.MaxOpenCases).SingleAsync()));

        var saved = await admin.SubmitFormAsync($"/admin/users/{assessor2}", new Dictionary<string, string> { ["Capacity.MaxOpenCases"] = " 12 " }, "#capacity-form");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(12, await factory.WithDbAsync(db => db.Users.Where(u => u.Id == assessor2).Select(u => u.MaxOpenCases).SingleAsync()));
        Assert.Single(await AdminTestData.AuditAsync(factory, db => db.AuditEntries.Where(a => a.Action == "AssessorCapacityChanged" && a.Details!.Contains(assessor2))));

        var employer = await AdminTestData.UserIdAsync(factory, Demo.Employer);
        var (_, employerPage) = await admin.GetPageAsync($"/admin/users/{employer}");
        Assert.Null(employerPage.QuerySelector("#capacity-form"));
        var refused = await admin.PostWithTokenAsync($"/admin/users/{employer}", $"/admin/users/{employer}/capacity", [new("Capacity.MaxOpenCases", "5")]);
        Assert.Contains("Only an assessor has a capacity", await AdminTestData.BodyAsync(refused), StringComparison.Ordinal);
    }

    private static List<KeyValuePair<string, string>> Form(int organisationId, params (int CaseId, string AssessorId)[] choices)
    {
        var fields = new List<KeyValuePair<string, string>> { new("Organisation", organisationId.ToString(CultureInfo.InvariantCulture)) };
        for (var i = 0; i < choices.Length; i++)
        {
            var id = choices[i].CaseId.ToString(CultureInfo.InvariantCulture);
            fields.Add(new("Selected", id));
            fields.Add(new($"Choices[{i}].CaseId", id));
            fields.Add(new($"Choices[{i}].AssessorId", choices[i].AssessorId));
        }

        return fields;
    }

    private static string? Selected(AngleSharp.Html.Dom.IHtmlDocument document, int caseId) =>
        document.QuerySelector($"#assessor-{caseId} option[selected]")?.GetAttribute("value") ?? string.Empty;

    private Task<List<int>> AllocatedAsync(IEnumerable<int> cases)
    {
        var ids = cases.ToList();
        return factory.WithDbAsync(db => db.Cases.Where(c => ids.Contains(c.Id) && c.AssessorId != null).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync());
    }

    private async Task<(int OrganisationId, List<int> Cases)> EmployerWithWaitingCasesAsync(string name, int count)
    {
        var organisation = new Organisation(name);
        await factory.WithDbAsync(async db =>
        {
            db.Organisations.Add(organisation);
            await db.SaveChangesAsync();
        });
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Data.PortalUser>>();
        var email = $"employer-{organisation.Id}@bulk.test";
        var employer = new Data.PortalUser { UserName = email, Email = email, DisplayName = $"{name} employer", OrganisationId = organisation.Id, CreatedAt = factory.Clock.GetUtcNow() };
        Assert.True((await users.CreateAsync(employer)).Succeeded);
        Assert.True((await users.AddToRoleAsync(employer, Roles.Employer)).Succeeded);
        var scenarios = new TestScenarios(scope.ServiceProvider);
        var cases = new List<int>();
        for (var i = 0; i < count; i++)
        {
            var apprentice = await scenarios.CreateApprenticeAsync(organisation.Id);
            cases.Add(await scenarios.CreateAsync(apprentice.Id, CaseState.GatewaySubmitted, new ScenarioOptions { WriteFiles = false }));
        }

        return (organisation.Id, cases);
    }

    /// <summary>Every active assessor but the ones named declares a conflict with the organisation.</summary>
    private Task ConflictsWithAsync(int organisationId, string exceptAssessorId, string? alsoExcept = null) =>
        factory.WithDbAsync(async db =>
        {
            var others = await db.Users
                .Where(u => u.Id != exceptAssessorId && u.Id != alsoExcept && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Assessor)))
                .Select(u => u.Id)
                .ToListAsync();
            foreach (var id in others)
            {
                db.ConflictsOfInterest.Add(new ConflictOfInterest(id, organisationId, "Worked there until last year.", new DateOnly(2026, 1, 1), null, factory.Clock.GetUtcNow()));
            }

            await db.SaveChangesAsync();
        });
}
