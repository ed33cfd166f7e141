using System.Net;
using EpaPortal.Domain.Cases;
using EpaPortal.Web.Data.Seed;
using EpaPortal.Web.Features.Admin;
using EpaPortal.Web.Features.Notifications;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Tests.Admin;

/// <summary>Assessor allocation with conflicts of interest (issue 7, item 3).</summary>
[Trait(Category.Name, Category.Integration)]
public class AllocationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Allocate_AnAssessorWhoDeclaredAConflictWithTheEmployer_IsRefusedWithAClearMessage()
    {
        var caseId = await AdminTestData.CaseAsync(factory, CaseState.GatewaySubmitted, DemoDataSeeder.Northwind);
        var assessor2 = await AdminTestData.UserIdAsync(factory, Demo.Assessor2);
        var northwind = await AdminTestData.OrganisationIdAsync(factory, DemoDataSeeder.Northwind);

        // The assessor declares the conflict on their own page.
        using (var assessor = await factory.SignInAsync(Demo.Assessor2))
        {
            var declared = await assessor.SubmitFormAsync("/assessor/conflicts", new Dictionary<string, string>
            {
                ["Input.OrganisationId"] = northwind.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Input.Reason"] = "My sister is Northwind's engineering manager.",
                ["Input.From"] = "2026-01-01",
            });
            Assert.Equal(HttpStatusCode.Redirect, declared.StatusCode);
        }

        using var admin = await factory.SignInAsync(Demo.Admin);
        var (page, document) = await admin.GetPageAsync($"/admin/cases/{caseId}/allocate");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Null(document.QuerySelector($"#eligible-assessors tr[data-assessor-id='{assessor2}']"));
        Assert.Contains("This assessor declared a conflict with Northwind Digital Ltd.", document.QuerySelector("#ineligible-assessors")!.TextContent, StringComparison.Ordinal);

        // Forcing the refused assessor past the list: the domain refuses, and says why.
        var response = await admin.PostWithTokenAsync($"/admin/cases/{caseId}/allocate", $"/admin/cases/{caseId}/allocate", [new("assessorId", assessor2)]);
        var body = await AdminTestData.BodyAsync(response);
        Assert.Contains("This assessor declared a conflict with Northwind Digital Ltd.", body, StringComparison.Ordinal);
        Assert.Null(await AdminTestData.CaseValueAsync(factory, caseId, c => c.AssessorId));
        Assert.Empty(await AdminTestData.AuditAsync(factory, db => db.AuditEntries.Where(a => a.CaseId == caseId && a.Action == CaseActions.AssessorAllocated)));
    }

    [Fact]
    public async Task AllocationPage_ListsOnlyEligibleAssessorsWithTheirCaseload()
    {
        var busyCase = await AdminTestData.CaseAsync(factory, CaseState.PreInterviewReview, assessorEmail: Demo.Assessor);
        var caseId = await AdminTestData.CaseAsync(factory, CaseState.GatewaySubmitted);
        var assessor1 = await AdminTestData.UserIdAsync(factory, Demo.Assessor);
        var caseload = await factory.WithDbAsync(db => db.Cases.CountAsync(c => c.AssessorId == assessor1 && AllocationService.CaseloadStates.Contains(c.State)));
        Assert.True(caseload >= 1, $"case {busyCase} should count");

        using var admin = await factory.SignInAsync(Demo.Admin);
        var (_, document) = await admin.GetPageAsync($"/admin/cases/{caseId}/allocate");

        var rows = document.QuerySelectorAll("#eligible-assessors tbody tr");
        Assert.All(rows, row => Assert.NotNull(row.GetAttribute("data-assessor-id")));
        var row = document.QuerySelector($"#eligible-assessors tr[data-assessor-id='{assessor1}']")!;
        Assert.Equal(caseload.ToString(System.Globalization.CultureInfo.InvariantCulture), row.QuerySelectorAll("td")[3].TextContent.Trim());
        var qa = await AdminTestData.UserIdAsync(factory, Demo.QualityAssurer);
        Assert.Null(document.QuerySelector($"#eligible-assessors tr[data-assessor-id='{qa}']"));
    }

    [Fact]
    public async Task Allocate_AnEligibleAssessor_AllocatesAuditsAndTellsThem()
    {
        var caseId = await AdminTestData.CaseAsync(factory, CaseState.GatewaySubmitted);
        var assessor2 = await AdminTestData.UserIdAsync(factory, Demo.Assessor2);
        using var admin = await factory.SignInAsync(Demo.Admin);

        var response = await admin.SubmitFormAsync($"/admin/cases/{caseId}/allocate", new Dictionary<string, string> { ["assessorId"] = assessor2 });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/admin/cases/{caseId}", response.Headers.Location!.OriginalString);
        Assert.Equal(assessor2, await AdminTestData.CaseValueAsync(factory, caseId, c => c.AssessorId));
        Assert.Single(await AdminTestData.AuditAsync(factory, db => db.AuditEntries.Where(a => a.CaseId == caseId && a.Action == CaseActions.AssessorAllocated)));
        Assert.True(await factory.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.CaseId == caseId && m.Kind == NotificationKind.AssessorAllocated && m.ToAddress == Demo.Assessor2)));
    }

    [Fact]
    public async Task Allocate_WithNoAssessorChosen_ShowsTheMessageNextToTheList()
    {
        var caseId = await AdminTestData.CaseAsync(factory, CaseState.GatewaySubmitted);
        using var admin = await factory.SignInAsync(Demo.Admin);

        var response = await admin.PostWithTokenAsync($"/admin/cases/{caseId}/allocate", $"/admin/cases/{caseId}/allocate", []);

        var document = await PortalClient.ParseAsync(response);
        Assert.Equal("Choose the assessor to allocate.", document.QuerySelector("#assessor-error")!.TextContent.Trim());
    }

    [Fact]
    public async Task AssessorConflicts_DeclaredWithoutReason_ShowsTheMessageAndKeepsTheInput()
    {
        using var assessor = await factory.SignInAsync(Demo.Assessor);
        var response = await assessor.SubmitFormAsync("/assessor/conflicts", new Dictionary<string, string>
        {
            ["Input.OrganisationId"] = (await AdminTestData.OrganisationIdAsync(factory, DemoDataSeeder.Acme)).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Reason"] = string.Empty,
            ["Input.From"] = "2026-03-01",
            ["Input.To"] = "2026-02-01",
        });

        var body = await AdminTestData.BodyAsync(response);
        Assert.Contains("Say what the conflict is", body, StringComparison.Ordinal);
        Assert.Contains("The end date cannot be before the start date.", body, StringComparison.Ordinal);
        Assert.Equal("2026-03-01", PortalClient.DateShown(new AngleSharp.Html.Parser.HtmlParser().ParseDocument(body), "Input_From"));
    }
}
