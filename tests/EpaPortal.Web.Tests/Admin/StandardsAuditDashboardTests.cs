using System.Net;
using System.Text.Json.Nodes;
using EpaPortal.Domain.Cases;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Tests.Admin;

/// <summary>Standards (issue 7, item 1), the audit log viewer (item 8) and the dashboard (item 9).</summary>
[Trait(Category.Name, Category.Integration)]
public class StandardsAuditDashboardTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static string SeedDefinition() =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "Seed", "standards", "ST0128_1.0.json"));

    [Fact]
    public async Task StandardsPage_ShowsTheSeededVersionWithItsCompetenciesAndSettings()
    {
        using var admin = await factory.SignInAsync(Demo.Admin);
        var versionId = await factory.WithDbAsync(db => db.StandardVersions.Where(v => v.Standard!.Reference == "ST0128" && v.Version == "1.0").Select(v => v.Id).SingleAsync());

        var (_, list) = await admin.GetPageAsync("/admin/standards");
        Assert.NotNull(list.QuerySelector($"section[data-standard='ST0128'] a[href='/admin/standards/versions/{versionId}']"));
        var (_, page) = await admin.GetPageAsync($"/admin/standards/versions/{versionId}");
        Assert.Equal(3, page.QuerySelectorAll("section[data-area]").Length);
        Assert.Equal(20, page.QuerySelectorAll("section[data-area] li").Length);
        Assert.Contains("60 minutes", page.QuerySelector("#version-settings")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportDefinition_Valid_AddsTheVersion()
    {
        var json = JsonNode.Parse(SeedDefinition())!;
        json["version"] = "1.9";
        using var admin = await factory.SignInAsync(Demo.Admin);

        var response = await admin.SubmitFormAsync("/admin/standards/import", new Dictionary<string, string> { ["json"] = json.ToJsonString() });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(await factory.WithDbAsync(db => db.StandardVersions.AnyAsync(v => v.Standard!.Reference == "ST0128" && v.Version == "1.9" && v.Competencies.Count == 20)));
        Assert.Single(await AdminTestData.AuditAsync(factory, db => db.AuditEntries.Where(a => a.Action == "StandardVersionAdded" && a.Details!.StartsWith("ST0128 version 1.9"))));
    }

    [Fact]
    public async Task ImportDefinition_WithMistakes_ListsEveryProblemAndSavesNothing()
    {
        var json = JsonNode.Parse(SeedDefinition())!;
        json["reference"] = "ST9";
        json["version"] = "2.0";
        json["settings"]!["interviewMinutes"] = 500;
        json["methods"]!.AsArray().RemoveAt(0);
        using var admin = await factory.SignInAsync(Demo.Admin);
        var before = await factory.WithDbAsync(db => db.StandardVersions.CountAsync());

        var response = await admin.SubmitFormAsync("/admin/standards/import", new Dictionary<string, string> { ["json"] = json.ToJsonString() });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problems = (await PortalClient.ParseAsync(response)).QuerySelectorAll("#problems li").Select(li => li.TextContent).ToList();
        Assert.True(problems.Count >= 3, string.Join(" | ", problems));
        Assert.Contains(problems, p => p.Contains("interview length", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(problems, p => p.Contains("HolisticAreas scheme combines all four methods", StringComparison.Ordinal));
        Assert.Equal(before, await factory.WithDbAsync(db => db.StandardVersions.CountAsync()));

        var broken = await admin.SubmitFormAsync("/admin/standards/import", new Dictionary<string, string> { ["json"] = "{ \"reference\": " });
        Assert.Contains("not a valid standard definition", await AdminTestData.BodyAsync(broken, HttpStatusCode.UnprocessableEntity), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditLog_FiltersByCaseUserDateAndAction()
    {
        var caseId = await AdminTestData.CaseAsync(factory, CaseState.GatewaySubmitted);
        using var admin = await factory.SignInAsync(Demo.Admin);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitFormAsync($"/admin/cases/{caseId}/hold", new Dictionary<string, string> { ["Input.Reason"] = "Audit viewer test." })).StatusCode);
        var expected = await factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.CaseId == caseId));

        var (_, byCase) = await admin.GetPageAsync($"/admin/audit?caseId={caseId}");
        var rows = byCase.QuerySelectorAll("#audit-table tbody tr");
        Assert.Equal(expected, rows.Length);
        Assert.True(expected >= 3, $"{expected} entries");
        Assert.All(rows, r => Assert.Equal(caseId.ToString(System.Globalization.CultureInfo.InvariantCulture), r.QuerySelectorAll("td")[3].TextContent.Trim()));

        var (_, byAction) = await admin.GetPageAsync($"/admin/audit?caseId={caseId}&kind=CasePutOnHold&user=Alex");
        Assert.Equal("Audit viewer test.", Assert.Single(byAction.QuerySelectorAll("#audit-table tbody tr")).QuerySelectorAll("td")[5].TextContent.Trim());

        var today = factory.Clock.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var (_, future) = await admin.GetPageAsync($"/admin/audit?caseId={caseId}&from=2099-01-01");
        Assert.NotNull(future.QuerySelector("#audit-empty"));
        var (_, todays) = await admin.GetPageAsync($"/admin/audit?caseId={caseId}&from={today}&to={today}");
        Assert.NotEmpty(todays.QuerySelectorAll("#audit-table tbody tr"));
    }

    [Fact]
    public async Task AuditLog_HasNoWayToChangeOrDeleteAnEntry()
    {
        using var admin = await factory.SignInAsync(Demo.Admin);
        var id = await factory.WithDbAsync(db => db.AuditEntries.Select(a => a.Id).FirstAsync());

        var (_, page) = await admin.GetPageAsync("/admin/audit");
        Assert.Empty(page.QuerySelectorAll("main form[method='post']"));
        foreach (var url in new[] { $"/admin/audit/{id}", $"/admin/audit/{id}/delete", "/admin/audit" })
        {
            var response = await admin.PostWithTokenAsync("/admin/audit", url, [new("id", id.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, $"POST {url}: {(int)response.StatusCode}");
        }

        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Id == id)));
    }

    [Fact]
    public async Task Dashboard_DrawsTheChartsAsSvgWithoutInlineStyles()
    {
        await AdminTestData.CaseAsync(factory, CaseState.ResultReleased, assessorEmail: Demo.Assessor);
        var overdue = await AdminTestData.CaseAsync(factory, CaseState.PreInterviewReview, assessorEmail: Demo.Assessor2);

        // The pre-interview review has waited longer than the overdue threshold (10 days) once the clock moves on.
        factory.Clock.Advance(TimeSpan.FromDays(30));
        using var admin = await factory.SignInAsync(Demo.Admin);

        var (response, page) = await admin.GetPageAsync("/admin");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(page.QuerySelector("#chart-states svg rect.bar-chart-bar"));
        Assert.Contains("Merit", page.QuerySelector("#chart-grades")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Sam Second-Assessor", page.QuerySelector("#chart-overdue")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#chart-overdue a[href^='/admin/users/']"));
        Assert.NotNull(page.QuerySelector("a#outbox-link[href='/admin/outbox']"));
        Assert.Empty(page.QuerySelectorAll("[style]"));
        Assert.Empty(page.QuerySelectorAll("script:not([src])"));
        Assert.True(overdue > 0);
    }
}
