using System.Net;
using EpaPortal.Domain.Cases;
using EpaPortal.Web.Features.Notifications;
using EpaPortal.Web.Tests.Assessor;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Tests.Admin;

/// <summary>The gateway check item by item (issue 7, item 2): approval needs an allocated assessor; a refused decision keeps the items (issue 16, item 6).</summary>
[Trait(Category.Name, Category.Integration)]
public class GatewayReviewTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static Dictionary<string, string> Decisions(GatewayItemDecision decision, string? rejectedReason = null, string decide = "approve")
    {
        var fields = new Dictionary<string, string> { ["decision"] = decide };
        var items = Enum.GetValues<GatewayItem>();
        for (var i = 0; i < items.Length; i++)
        {
            var rejectThis = decision == GatewayItemDecision.Rejected && items[i] == GatewayItem.EnglishAndMaths;
            fields[$"Input.Items[{i}].Decision"] = (rejectThis ? GatewayItemDecision.Rejected : decision == GatewayItemDecision.Rejected ? GatewayItemDecision.Approved : decision).ToString();
            fields[$"Input.Items[{i}].Reason"] = rejectThis ? rejectedReason ?? string.Empty : string.Empty;
        }

        return fields;
    }

    [Fact]
    public async Task GatewayPage_ShowsEachItemWithItsEvidence()
    {
        var caseId = await AdminTestData.CaseAsync(factory, CaseState.GatewaySubmitted);
        using var admin = await factory.SignInAsync(Demo.Admin);

        var (response, document) = await admin.GetPageAsync($"/admin/cases/{caseId}/gateway");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var item in Enum.GetValues<GatewayItem>())
        {
            Assert.NotNull(document.QuerySelector($"#item-{item}"));
        }

        Assert.Equal(2, document.QuerySelectorAll("#item-KnowledgeModules a[href^='/evidence/files/']").Length);
        Assert.Contains("No assessor is allocated", document.QuerySelector("#gateway-assessor")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approve_WithoutAnAllocatedAssessor_IsRefusedAndKeepsTheDecisions()
    {
        var caseId = await AdminTestData.CaseAsync(factory, CaseState.GatewaySubmitted);
        using var admin = await factory.SignInAsync(Demo.Admin);

        var response = await admin.SubmitFormAsync($"/admin/cases/{caseId}/gateway", Decisions(GatewayItemDecision.Approved));

        var document = await PortalClient.ParseAsync(response);
        Assert.Contains("Allocate an assessor before approving the gateway.", document.QuerySelector("#problems")!.TextContent, StringComparison.Ordinal);
        Assert.True(document.QuerySelector("#item-Readiness-Approved")!.HasAttribute("checked"));
        Assert.Equal(CaseState.GatewaySubmitted, await AdminTestData.CaseValueAsync(factory, caseId, c => c.State));
    }

    [Fact]
    public async Task Approve_WithoutAnAllocatedAssessor_SavesTheDecisions_SoTheySurviveTheAllocation()
    {
        var caseId = await AdminTestData.CaseAsync(factory, CaseState.GatewaySubmitted);
        var assessor = await AdminTestData.UserIdAsync(factory, Demo.Assessor);
        using var admin = await factory.SignInAsync(Demo.Admin);
        var decisions = Decisions(GatewayItemDecision.Approved);
        decisions["Input.Items[1].Reason"] = "Maths exemption checked against the GCSE certificate.";

        var refused = await admin.SubmitFormAsync($"/admin/cases/{caseId}/gateway", decisions);

        var document = await PortalClient.ParseAsync(refused);
        Assert.Contains("Allocate an assessor before approving the gateway.", document.QuerySelector("#problems")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(document.QuerySelector("#decisions-kept"));
        Assert.Equal(CaseState.GatewaySubmitted, await AdminTestData.CaseValueAsync(factory, caseId, c => c.State));
        var kept = Assert.Single(await AdminTestData.AuditAsync(factory, db => db.AuditEntries.Where(a => a.CaseId == caseId && a.Action == CaseActions.GatewayReviewKept)));
        Assert.Contains("English and maths: approved", kept.Details, StringComparison.Ordinal);

        // The admin leaves to allocate the assessor and comes back: every decision is still there.
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitFormAsync($"/admin/cases/{caseId}/allocate", new Dictionary<string, string> { ["assessorId"] = assessor })).StatusCode);
        var form = await FormData.LoadAsync(admin, $"/admin/cases/{caseId}/gateway", $"form[action='/admin/cases/{caseId}/gateway']");
        foreach (var item in Enum.GetValues<GatewayItem>())
        {
            Assert.True(form.Page.QuerySelector($"#item-{item}-Approved")!.HasAttribute("checked"), $"{item} lost its decision.");
        }

        Assert.Equal("Maths exemption checked against the GCSE certificate.", form.Get("Input.Items[1].Reason"));
        Assert.Null(await factory.WithDbAsync(db => db.GatewaySubmissions.Where(g => g.CaseId == caseId).Select(g => g.ReviewedAt).SingleAsync()));

        var approved = await form.Set("decision", "approve").PostAsync(admin);

        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Equal(CaseState.GatewayApproved, await AdminTestData.CaseValueAsync(factory, caseId, c => c.State));
    }

    [Fact]
    public async Task Approve_AfterAllocation_ApprovesNotifiesAndAudits()
    {
        var caseId = await AdminTestData.CaseAsync(factory, CaseState.GatewaySubmitted);
        var assessor = await AdminTestData.UserIdAsync(factory, Demo.Assessor);
        using var admin = await factory.SignInAsync(Demo.Admin);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitFormAsync($"/admin/cases/{caseId}/allocate", new Dictionary<string, string> { ["assessorId"] = assessor })).StatusCode);

        var response = await admin.SubmitFormAsync($"/admin/cases/{caseId}/gateway", Decisions(GatewayItemDecision.Approved));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(CaseState.GatewayApproved, await AdminTestData.CaseValueAsync(factory, caseId, c => c.State));
        var reviews = await factory.WithDbAsync(db => db.GatewaySubmissions.Include(g => g.Reviews).Where(g => g.CaseId == caseId).SelectMany(g => g.Reviews).ToListAsync());
        Assert.Equal(6, reviews.Count(r => r.Decision == GatewayItemDecision.Approved));
        Assert.True(await factory.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.CaseId == caseId && m.Kind == NotificationKind.GatewayApproved)));
        Assert.Single(await AdminTestData.AuditAsync(factory, db => db.AuditEntries.Where(a => a.CaseId == caseId && a.ToState == nameof(CaseState.GatewayApproved))));
    }

    [Fact]
    public async Task Reject_AnItemWithoutAReason_ShowsTheMessageNextToIt()
    {
        var caseId = await AdminTestData.CaseAsync(factory, CaseState.GatewaySubmitted);
        using var admin = await factory.SignInAsync(Demo.Admin);

        var response = await admin.SubmitFormAsync($"/admin/cases/{caseId}/gateway", Decisions(GatewayItemDecision.Rejected, rejectedReason: null, decide: "reject"));

        var body = await AdminTestData.BodyAsync(response);
        Assert.Contains("Give the reason for rejecting &#x27;English and maths&#x27;.", body, StringComparison.Ordinal);
        Assert.Equal(CaseState.GatewaySubmitted, await AdminTestData.CaseValueAsync(factory, caseId, c => c.State));
    }

    [Fact]
    public async Task Reject_WithAReason_RejectsTheGatewayAndKeepsTheReason()
    {
        var caseId = await AdminTestData.CaseAsync(factory, CaseState.GatewaySubmitted);
        using var admin = await factory.SignInAsync(Demo.Admin);

        var response = await admin.SubmitFormAsync($"/admin/cases/{caseId}/gateway", Decisions(GatewayItemDecision.Rejected, "The maths certificate is for level 1.", "reject"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(CaseState.GatewayRejected, await AdminTestData.CaseValueAsync(factory, caseId, c => c.State));
        var rejected = await factory.WithDbAsync(db => db.GatewaySubmissions.Where(g => g.CaseId == caseId).SelectMany(g => g.Reviews).SingleAsync(r => r.Decision == GatewayItemDecision.Rejected));
        Assert.Equal((GatewayItem.EnglishAndMaths, "The maths certificate is for level 1."), (rejected.Item, rejected.Reason));
        Assert.True(await factory.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.CaseId == caseId && m.Kind == NotificationKind.GatewayRejected)));
    }
}
