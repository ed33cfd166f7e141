using System.Net;
using EpaPortal.Domain.Cases;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Tests.Admin;

/// <summary>Standardisation records (issue 21, item 6): an assessor's lapsed occupational-competence or CPD record is a warning on single and bulk allocation.</summary>
[Trait(Category.Name, Category.Integration)]
public class StandardisationRecordTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task LapsedRecord_IsAWarningOnSingleAndBulkAllocation_AndACurrentOneIsNot()
    {
        var assessor = await AdminTestData.UserIdAsync(factory, Demo.Assessor);
        var assessor2 = await AdminTestData.UserIdAsync(factory, Demo.Assessor2);
        var caseId = await AdminTestData.CaseAsync(factory, CaseState.GatewaySubmitted);
        using var admin = await factory.SignInAsync(Demo.Admin);

        foreach (var (kind, title, from, to) in new[]
        {
            ("Cpd", "Assessment practice refresher", "2019-01-10", "2020-01-09"),
            ("OccupationalCompetence", "Senior developer, Example plc", "2020-01-01", "2099-12-31"),
        })
        {
            var added = await admin.SubmitFormAsync($"/admin/users/{assessor2}", new Dictionary<string, string>
            {
                ["NewRecord.Kind"] = kind,
                ["NewRecord.Title"] = title,
                ["NewRecord.AchievedOn"] = from,
                ["NewRecord.ExpiresOn"] = to,
            }, "#record-form");
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        Assert.Equal(2, (await AdminTestData.AuditAsync(factory, db => db.AuditEntries.Where(a => a.Action == "AssessorRecordAdded" && a.Details!.Contains(assessor2)))).Count);
        var warning = "Warning: CPD record lapsed on 9 January 2020.";

        var (_, single) = await admin.GetPageAsync($"/admin/cases/{caseId}/allocate");
        Assert.Equal(warning, single.QuerySelector($"#eligible-assessors tr[data-assessor-id='{assessor2}'] .assessor-warning")!.TextContent.Trim());
        Assert.Null(single.QuerySelector($"#eligible-assessors tr[data-assessor-id='{assessor}'] .assessor-warning"));

        var (_, bulk) = await admin.GetPageAsync("/admin/allocation");
        Assert.Equal(warning, bulk.QuerySelector($"#allocation-assessors tr[data-assessor-id='{assessor2}'] .assessor-warning")!.TextContent.Trim());
        Assert.Contains("record lapsed", bulk.QuerySelector($"#assessor-{caseId} option[value='{assessor2}']")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("record lapsed", bulk.QuerySelector($"#assessor-{caseId} option[value='{assessor}']")!.TextContent, StringComparison.Ordinal);

        var (_, userPage) = await admin.GetPageAsync($"/admin/users/{assessor2}");
        Assert.Equal(2, userPage.QuerySelectorAll("#assessor-records li").Length);
        Assert.Single(userPage.QuerySelectorAll("#assessor-records .badge"));
    }

    [Fact]
    public async Task AddRecord_WithBadDates_ShowsTheMessagesAndKeepsWhatWasTyped()
    {
        var assessor = await AdminTestData.UserIdAsync(factory, Demo.Assessor);
        using var admin = await factory.SignInAsync(Demo.Admin);

        var response = await admin.SubmitFormAsync($"/admin/users/{assessor}", new Dictionary<string, string>
        {
            ["NewRecord.Kind"] = "Cpd",
            ["NewRecord.Title"] = "Secure coding course",
            ["NewRecord.AchievedOn"] = "2026-05-01",
            ["NewRecord.ExpiresOn"] = "2026-04-01",
        }, "#record-form");

        var document = await PortalClient.ParseAsync(response);
        Assert.Equal("The expiry date must be after the date it was achieved.", document.QuerySelector("#NewRecord_ExpiresOn-error")!.TextContent.Trim());
        Assert.Equal("Secure coding course", document.QuerySelector("#record-title")!.GetAttribute("value"));
        Assert.Equal(["1", "4", "2026"], new[] { "#NewRecord_ExpiresOn", "#NewRecord_ExpiresOn_Month", "#NewRecord_ExpiresOn_Year" }.Select(id => document.QuerySelector(id)!.GetAttribute("value")));
        Assert.True(document.QuerySelector("#record-kind-Cpd")!.HasAttribute("checked"));
        Assert.False(await factory.WithDbAsync(db => db.AssessorRecords.AnyAsync(r => r.AssessorId == assessor)));

        var missing = await admin.SubmitFormAsync($"/admin/users/{assessor}", new Dictionary<string, string> { ["NewRecord.Title"] = "Kept" }, "#record-form");
        var missingDocument = await PortalClient.ParseAsync(missing);
        Assert.Equal("Choose whether this is occupational competence or CPD.", missingDocument.QuerySelector("#record-kind-error")!.TextContent.Trim());
        Assert.Equal("Enter the date it was achieved, for example 3 3 2026.", missingDocument.QuerySelector("#NewRecord_AchievedOn-error")!.TextContent.Trim());

        var impossible = await admin.SubmitFormAsync($"/admin/users/{assessor}", new Dictionary<string, string>
        {
            ["NewRecord.Kind"] = "Cpd",
            ["NewRecord.Title"] = "Kept",
            ["NewRecord.AchievedOn.Day"] = "31",
            ["NewRecord.AchievedOn.Month"] = "2",
            ["NewRecord.AchievedOn.Year"] = "2026",
            ["NewRecord.ExpiresOn"] = "2027-02-28",
        }, "#record-form");
        var impossibleDocument = await PortalClient.ParseAsync(impossible);
        Assert.Equal("Date achieved must be a real date", impossibleDocument.QuerySelector("#NewRecord_AchievedOn-error")!.TextContent.Trim());
        Assert.Equal("31", impossibleDocument.QuerySelector("#NewRecord_AchievedOn")!.GetAttribute("value"));
        Assert.Equal("28", impossibleDocument.QuerySelector("#NewRecord_ExpiresOn")!.GetAttribute("value"));
    }

    [Fact]
    public async Task StandardisationActivity_BadInputKeepsWhatWasTyped_ThenIsRecordedWithItsAttendees()
    {
        var assessor = await AdminTestData.UserIdAsync(factory, Demo.Assessor);
        var assessor2 = await AdminTestData.UserIdAsync(factory, Demo.Assessor2);
        var version = await factory.WithDbAsync(db => db.StandardVersions.OrderBy(v => v.Id).Select(v => v.Id).FirstAsync());
        using var admin = await factory.SignInAsync(Demo.Admin);
        var outcome = "Agreed what counts as significantly above the expected level for the How area.";

        var missing = await admin.SubmitFormAsync("/admin/standardisation", new Dictionary<string, string>
        {
            ["Input.HeldOn"] = "2026-10-20",
            ["Input.Outcome"] = outcome,
        }, "#standardisation-form");
        var document = await PortalClient.ParseAsync(missing);
        Assert.Equal("Tick the assessors who attended.", document.QuerySelector("#attendees-error")!.TextContent.Trim());
        Assert.Equal("Choose the standard version.", document.QuerySelector("#standard-version-error")!.TextContent.Trim());
        Assert.Equal(outcome, document.QuerySelector("#outcome")!.TextContent.Trim());
        Assert.Equal(["20", "10", "2026"], new[] { "#Input_HeldOn", "#Input_HeldOn_Month", "#Input_HeldOn_Year" }.Select(id => document.QuerySelector(id)!.GetAttribute("value")));

        var fields = new List<KeyValuePair<string, string>>
        {
            new("Input.HeldOn", "2026-10-20"),
            new("Input.StandardVersionId", version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Input.AttendeeIds", assessor),
            new("Input.AttendeeIds", assessor2),
            new("Input.Outcome", outcome),
        };
        var recorded = await admin.PostWithTokenAsync("/admin/standardisation", "/admin/standardisation", fields);
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);

        var (_, page) = await admin.GetPageAsync("/admin/standardisation");
        var item = page.QuerySelector("#standardisation-activities li")!.TextContent;
        Assert.Contains("20 October 2026", item, StringComparison.Ordinal);
        Assert.Contains("Asha Assessor", item, StringComparison.Ordinal);
        Assert.Contains("Sam Second-Assessor", item, StringComparison.Ordinal);
        Assert.Contains(outcome, item, StringComparison.Ordinal);
        Assert.Single(await AdminTestData.AuditAsync(factory, db => db.AuditEntries.Where(a => a.Action == "StandardisationRecorded")));

        var employer = await AdminTestData.UserIdAsync(factory, Demo.Employer);
        var refused = await admin.PostWithTokenAsync("/admin/standardisation", "/admin/standardisation", [.. fields.Where(f => f.Key != "Input.AttendeeIds"), new("Input.AttendeeIds", employer)]);
        Assert.Contains("Tick only assessors from the list.", await AdminTestData.BodyAsync(refused), StringComparison.Ordinal);
    }
}
