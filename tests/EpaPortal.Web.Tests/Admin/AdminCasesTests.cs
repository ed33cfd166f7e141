using System.Net;
using EpaPortal.Domain.Cases;
using EpaPortal.Web.Data.Seed;
using EpaPortal.Web.Features.Notifications;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Tests.Admin;

/// <summary>The case list, the case page and the admin's case commands (issue 7, item 1 and the case page).</summary>
[Trait(Category.Name, Category.Integration)]
public class AdminCasesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task AddApprenticeWithACase_RegistersItThroughTheWorkflowAndAsksForTheReference()
    {
        var uln = await AdminTestData.NewUlnAsync(factory);
        var acme = await AdminTestData.OrganisationIdAsync(factory, DemoDataSeeder.Acme);
        var version = await factory.WithDbAsync(db => db.StandardVersions.Select(v => v.Id).FirstAsync());
        using var admin = await factory.SignInAsync(Demo.Admin);

        var response = await admin.SubmitFormAsync("/admin/apprentices/new", new Dictionary<string, string>
        {
            ["Input.Uln"] = uln,
            ["Input.GivenNames"] = "Dana",
            ["Input.FamilyName"] = "Scully",
            ["Input.Email"] = $"dana-{uln}@example.com",
            ["Input.OrganisationId"] = acme.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.StartDate"] = "2025-09-01",
            ["Input.RegisterCaseVersionId"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var caseId = await factory.WithDbAsync(db => db.Cases.Where(c => c.Apprentice!.Uln == uln).Select(c => c.Id).SingleAsync());
        Assert.Equal($"/admin/cases/{caseId}", response.Headers.Location!.OriginalString);
        Assert.Equal(CaseState.Registered, await AdminTestData.CaseValueAsync(factory, caseId, c => c.State));
        Assert.Single(await AdminTestData.AuditAsync(factory, db => db.AuditEntries.Where(a => a.CaseId == caseId && a.Action == CaseActions.Registered)));
        Assert.True(await factory.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.CaseId == caseId && m.Kind == NotificationKind.ReferenceRequested && m.ToAddress == Demo.Employer)));
    }

    [Theory]
    [InlineData("1234567890", "its last digit does not match")]
    [InlineData("0123456789", "A ULN cannot start with 0.")]
    [InlineData("12345", "A ULN is exactly 10 digits")]
    [InlineData("", "Enter the apprentice&#x27;s ULN")]
    public async Task RegisterCase_WithABadUln_ShowsTheMessageAndKeepsTheInput(string uln, string message)
    {
        using var admin = await factory.SignInAsync(Demo.Admin);

        var response = await admin.SubmitFormAsync("/admin/cases/new", new Dictionary<string, string> { ["Input.Uln"] = uln });

        var body = await AdminTestData.BodyAsync(response);
        Assert.Contains(message, body, StringComparison.Ordinal);
        Assert.Contains($"value=\"{uln}\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterCase_ForAnApprenticeWithAnOpenCase_IsRefused()
    {
        using var admin = await factory.SignInAsync(Demo.Admin);

        var response = await admin.SubmitFormAsync("/admin/cases/new", new Dictionary<string, string> { ["Input.Uln"] = "1234567899" });

        var body = await AdminTestData.BodyAsync(response);
        Assert.Contains("Amira Khan already has an open case", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HoldThenResume_WithReasons_FreezesAndReleasesTheCase()
    {
        var caseId = await AdminTestData.CaseAsync(factory, CaseState.GatewaySubmitted);
        using var admin = await factory.SignInAsync(Demo.Admin);

        var noReason = await admin.SubmitFormAsync($"/admin/cases/{caseId}/hold", new Dictionary<string, string> { ["Input.Reason"] = " " });
        Assert.Contains("Give the reason.", await AdminTestData.BodyAsync(noReason), StringComparison.Ordinal);
        Assert.False(await AdminTestData.CaseValueAsync(factory, caseId, c => c.IsOnHold));

        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitFormAsync($"/admin/cases/{caseId}/hold", new Dictionary<string, string> { ["Input.Reason"] = "Malpractice investigation." })).StatusCode);
        Assert.True(await AdminTestData.CaseValueAsync(factory, caseId, c => c.IsOnHold));
        var (_, page) = await admin.GetPageAsync($"/admin/cases/{caseId}");
        Assert.NotNull(page.QuerySelector("#on-hold"));
        Assert.Equal(["Withdrawn"], page.QuerySelectorAll("#available-moves li").Select(li => li.GetAttribute("data-target")));

        var again = await admin.SubmitFormAsync($"/admin/cases/{caseId}/hold", new Dictionary<string, string> { ["Input.Reason"] = "Twice." });
        Assert.Contains("The case is already on hold.", await AdminTestData.BodyAsync(again), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitFormAsync($"/admin/cases/{caseId}/resume", new Dictionary<string, string> { ["Input.Reason"] = "Investigation closed." })).StatusCode);
        Assert.False(await AdminTestData.CaseValueAsync(factory, caseId, c => c.IsOnHold));
        var actions = (await AdminTestData.AuditAsync(factory, db => db.AuditEntries.Where(a => a.CaseId == caseId))).Select(a => (a.Action, a.Reason)).ToList();
        Assert.Contains((CaseActions.PutOnHold, "Malpractice investigation."), actions);
        Assert.Contains((CaseActions.Resumed, "Investigation closed."), actions);
    }

    [Fact]
    public async Task Withdraw_WithAReason_EndsTheCase()
    {
        var caseId = await AdminTestData.CaseAsync(factory, CaseState.Registered);
        using var admin = await factory.SignInAsync(Demo.Admin);

        var response = await admin.SubmitFormAsync($"/admin/cases/{caseId}/withdraw", new Dictionary<string, string> { ["Input.Reason"] = "The apprentice left the employer." });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(CaseState.Withdrawn, await AdminTestData.CaseValueAsync(factory, caseId, c => c.State));
        var (_, page) = await admin.GetPageAsync($"/admin/cases/{caseId}");
        Assert.NotNull(page.QuerySelector("#no-moves"));
        Assert.Contains("The apprentice left the employer.", page.QuerySelector("#audit-table")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CasePage_ShowsPartiesDatesAndTheMovesTheDomainAllows()
    {
        var caseId = await AdminTestData.CaseAsync(factory, CaseState.GatewaySubmitted, assessorEmail: Demo.Assessor);
        using var admin = await factory.SignInAsync(Demo.Admin);

        var (response, page) = await admin.GetPageAsync($"/admin/cases/{caseId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Acme Software Ltd", page.QuerySelector("#case-parties")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Gateway submitted", page.QuerySelector("#case-dates")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Not allocated", page.QuerySelector("#case-assessor")!.TextContent.Trim());

        // No assessor yet: the domain offers only withdrawal; the gateway check link is there.
        Assert.Equal(["Withdrawn"], page.QuerySelectorAll("#available-moves li").Select(li => li.GetAttribute("data-target")));
        Assert.NotNull(page.QuerySelector($"#case-actions a[href='/admin/cases/{caseId}/gateway']"));
        Assert.True(page.QuerySelectorAll("#audit-table tbody tr").Length >= 2);
    }

    [Fact]
    public async Task CaseList_FiltersByStateAndSearchesByNameUlnAndOrganisation()
    {
        var caseId = await AdminTestData.CaseAsync(factory, CaseState.GatewaySubmitted, DemoDataSeeder.Northwind);
        var (uln, name) = await factory.WithDbAsync(async db => await db.Cases.Where(c => c.Id == caseId).Select(c => new ValueTuple<string, string>(c.Apprentice!.Uln, c.Apprentice.GivenNames + " " + c.Apprentice.FamilyName)).SingleAsync());
        using var admin = await factory.SignInAsync(Demo.Admin);

        async Task<List<string>> Ids(string query)
        {
            var (response, page) = await admin.GetPageAsync("/admin/cases" + query);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return page.QuerySelectorAll("#cases-table tbody tr").Select(tr => tr.GetAttribute("data-case-id")!).ToList();
        }

        var id = caseId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(id, await Ids("?state=GatewaySubmitted"));
        Assert.DoesNotContain(id, await Ids("?state=Registered"));
        Assert.Equal([id], await Ids($"?q={uln}"));
        Assert.Contains(id, await Ids($"?q={Uri.EscapeDataString(name)}"));
        Assert.Contains(id, await Ids("?q=northwind"));
        Assert.DoesNotContain(id, await Ids("?q=acme"));
        Assert.Empty(await Ids("?q=%25_%25"));
        Assert.True((await Ids("")).Count <= 50);
    }

    [Fact]
    public async Task CaseList_TotalIsTheDatabasesCount_WhetherTakenFromTheStateCountsOrCounted()
    {
        var caseId = await AdminTestData.CaseAsync(factory, CaseState.GatewaySubmitted, DemoDataSeeder.Northwind);
        await AdminTestData.CaseAsync(factory, CaseState.ResultReleased);
        await factory.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).ExecuteUpdateAsync(u => u.SetProperty(c => c.IsOnHold, true)));
        using var admin = await factory.SignInAsync(Demo.Admin);

        async Task<int> Shown(string query)
        {
            var (response, page) = await admin.GetPageAsync("/admin/cases" + query);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = page.QuerySelector("#case-count")!.TextContent.Trim();
            var count = text[..text.IndexOf(' ', StringComparison.Ordinal)];
            return count == "No" ? 0 : int.Parse(count, System.Globalization.CultureInfo.InvariantCulture);
        }

        // Open work (the default) and open states take the total from the counts of open states; every case,
        // a closed state, on hold and searches (which look through the history too) count.
        var all = await factory.WithDbAsync(db => db.Cases.CountAsync());
        var open = await factory.WithDbAsync(db => db.Cases.CountAsync(c => !OpenWork.ClosedStates.Contains(c.State)));
        var released = await factory.WithDbAsync(db => db.Cases.CountAsync(c => c.State == CaseState.ResultReleased));
        var submitted = await factory.WithDbAsync(db => db.Cases.CountAsync(c => c.State == CaseState.GatewaySubmitted));
        var onHold = await factory.WithDbAsync(db => db.Cases.CountAsync(c => c.IsOnHold));
        var northwind = await factory.WithDbAsync(db => db.Cases.CountAsync(c => c.Apprentice!.Organisation!.Name.Contains("Northwind")));
        Assert.Equal(open, await Shown(""));
        Assert.Equal(all, await Shown("?state=all"));
        Assert.Equal(released, await Shown("?state=ResultReleased"));
        Assert.Equal(submitted, await Shown("?state=GatewaySubmitted"));
        Assert.Equal(0, await Shown("?state=AppealRejected&q=no-such-apprentice"));
        Assert.Equal(onHold, await Shown("?hold=true"));
        Assert.Equal(northwind, await Shown("?q=northwind"));
        Assert.True(submitted >= 1 && onHold >= 1 && northwind >= 1 && released >= 1 && all > open && open > submitted);
    }

    [Fact]
    public async Task CaseList_ShowsOpenWorkByDefault_AndTheHistoryOnRequest()
    {
        var closedId = await AdminTestData.CaseAsync(factory, CaseState.ResultReleased);
        var openId = await AdminTestData.CaseAsync(factory, CaseState.GatewaySubmitted);
        using var admin = await factory.SignInAsync(Demo.Admin);

        async Task<List<int>> Ids(string query)
        {
            var (response, page) = await admin.GetPageAsync("/admin/cases" + query);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return page.QuerySelectorAll("#cases-table tr[data-case-id]").Select(r => int.Parse(r.GetAttribute("data-case-id")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        }

        var byDefault = await Ids("");
        Assert.Contains(openId, byDefault);
        Assert.DoesNotContain(closedId, byDefault);
        Assert.Contains(closedId, await Ids("?state=all"));
        Assert.Contains(closedId, await Ids("?state=ResultReleased"));
        var all = await Ids("?state=all");
        Assert.Equal(all.OrderDescending(), all);
    }

    [Fact]
    public async Task Extension_AfterThePortalClosedTheWindow_ReopensTheProjectAndTellsThePeople()
    {
        var caseId = await AdminTestData.CaseAsync(factory, CaseState.ProjectSubmitted);
        await factory.WithDbAsync(async db =>
        {
            // The scenario's apprentice submitted; this case's window was closed by the portal instead.
            var project = await db.ProjectSubmissions.SingleAsync(p => p.CaseId == caseId);
            db.Entry(project).Property(p => p.SubmittedAt).CurrentValue = null;
            await db.SaveChangesAsync();
        });
        using var admin = await factory.SignInAsync(Demo.Admin);
        var until = factory.Clock.GetUtcNow().AddDays(3);

        var noReason = await admin.SubmitFormAsync($"/admin/cases/{caseId}/extension", new Dictionary<string, string>
        {
            ["Input.UntilDate"] = until.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Input.UntilTime"] = "17:00",
            ["Input.Reason"] = string.Empty,
        });
        Assert.Contains("Give the reason for the extension", await AdminTestData.BodyAsync(noReason), StringComparison.Ordinal);

        var response = await admin.SubmitFormAsync($"/admin/cases/{caseId}/extension", new Dictionary<string, string>
        {
            ["Input.UntilDate"] = until.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Input.UntilTime"] = "17:00",
            ["Input.Reason"] = "Bereavement during the project week.",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(CaseState.ProjectInProgress, await AdminTestData.CaseValueAsync(factory, caseId, c => c.State));
        var project = await factory.WithDbAsync(db => db.ProjectSubmissions.AsNoTracking().SingleAsync(p => p.CaseId == caseId));
        Assert.Equal("Bereavement during the project week.", project.ExtensionReason);
        Assert.NotNull(project.ExtendedUntil);
        Assert.Single(await AdminTestData.AuditAsync(factory, db => db.AuditEntries.Where(a => a.CaseId == caseId && a.Action == CaseActions.ProjectExtensionGranted)));
        Assert.True(await factory.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.CaseId == caseId && m.Kind == NotificationKind.ProjectWindowOpening)));
    }
}
