using System.Net;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Records;
using EpaPortal.Web.Features.Records;
using EpaPortal.Web.Tests.Assessor;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Tests.Records;

/// <summary>
/// Correction and erasure requests (issue 22 item 3): the person asks with a form, an admin decides with a
/// reason, the portal carries out what was decided within the retention rules (anonymise, never break the
/// assessment record), and both steps are audited.
/// </summary>
[Trait(Category.Name, Category.Integration)]
public class PrivacyRequestTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<int> AskAsync(PortalClient person, string kind, string details)
    {
        var asked = await person.SubmitFormAsync("/account/privacy", new Dictionary<string, string> { ["Input.Kind"] = kind, ["Input.Details"] = details }, "form#privacy-request-form");
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        return await factory.WithDbAsync(db => db.PrivacyRequests.AsNoTracking().OrderByDescending(r => r.Id).Select(r => r.Id).FirstAsync());
    }

    [Fact]
    public async Task ACorrectionGranted_ChangesTheRecord_AndIsAudited()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.GatewaySubmitted);
        using var apprentice = await factory.SignInAsync(testCase.ApprenticeEmail);
        var id = await AskAsync(apprentice, "Rectification", "My family name is spelt Smythe, not Smith.");

        using var admin = await factory.SignInAsync(Demo.Admin);
        var decided = await admin.SubmitFormAsync($"/admin/privacy/requests/{id}",
            new Dictionary<string, string> { ["Input.Choice"] = "Grant", ["Input.FamilyName"] = "Smythe", ["Input.Reason"] = "Checked against the passport." }, "form#decision-form");

        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        var (status, family, actions) = await factory.WithDbAsync(async db => (
            await db.PrivacyRequests.AsNoTracking().Where(r => r.Id == id).Select(r => r.Status).SingleAsync(),
            await db.Cases.AsNoTracking().Where(c => c.Id == testCase.CaseId).Select(c => c.Apprentice!.FamilyName).SingleAsync(),
            await db.AuditEntries.AsNoTracking().Where(a => a.Details != null && a.Details.Contains($"request {id}") || a.Action == PrivacyService.RequestMade).Select(a => a.Action).ToListAsync()));
        Assert.Equal(PrivacyRequestStatus.Granted, status);
        Assert.Equal("Smythe", family);
        Assert.Contains(PrivacyService.RequestMade, actions);
        Assert.Contains(PrivacyAdminService.RequestDecided, actions);
        var (_, page) = await apprentice.GetPageAsync("/account/privacy");
        Assert.Contains("Checked against the passport.", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnErasureGranted_ForSomeoneWithAClosedCase_AnonymisesThem_ButKeepsTheGrade()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.CertificateRequested);
        var (userId, grade) = await factory.WithDbAsync(async db => (
            await db.Cases.AsNoTracking().Where(c => c.Id == testCase.CaseId).Select(c => c.Apprentice!.UserId!).SingleAsync(),
            await db.GradeDecisions.AsNoTracking().Where(g => g.CaseId == testCase.CaseId).Select(g => g.FinalGrade).SingleAsync()));
        using (var apprentice = await factory.SignInAsync(testCase.ApprenticeEmail))
        {
            // A case message they wrote keeps their name until they are anonymised (ADR 31).
            var sent = await apprentice.SubmitFormAsync($"/cases/{testCase.CaseId}/messages", new Dictionary<string, string> { ["Send.Topic"] = "General", ["Send.Body"] = "Thank you for the certificate." }, "#message-form");
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
            await AskAsync(apprentice, "Erasure", "Please delete my data now that I have my certificate.");
        }

        var id = await factory.WithDbAsync(db => db.PrivacyRequests.AsNoTracking().Where(r => r.UserId == userId).Select(r => r.Id).SingleAsync());
        using var admin = await factory.SignInAsync(Demo.Admin);
        var decided = await admin.SubmitFormAsync($"/admin/privacy/requests/{id}",
            new Dictionary<string, string> { ["Input.Choice"] = "Grant", ["Input.Reason"] = "No reason to keep the account." }, "form#decision-form");

        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        await factory.WithDbAsync(async db =>
        {
            var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId);
            var record = await db.Cases.AsNoTracking().Where(c => c.Id == testCase.CaseId).Select(c => new { c.Apprentice!.Email, c.Apprentice.GivenNames, c.Apprentice.Uln }).SingleAsync();
            Assert.True(PersonAnonymiser.IsAnonymised(user.Email));
            Assert.Null(user.PasswordHash);
            Assert.NotEqual(testCase.ApprenticeEmail, record.Email, StringComparer.OrdinalIgnoreCase);
            Assert.StartsWith("0", record.Uln.Trim(), StringComparison.Ordinal);
            Assert.Equal(grade, await db.GradeDecisions.AsNoTracking().Where(g => g.CaseId == testCase.CaseId).Select(g => g.FinalGrade).SingleAsync());
            Assert.Equal(user.DisplayName, await db.CaseMessages.AsNoTracking().Where(m => m.CaseId == testCase.CaseId && m.AuthorUserId == userId).Select(m => m.AuthorName).SingleAsync());
            var request = await db.PrivacyRequests.AsNoTracking().SingleAsync(r => r.Id == id);
            Assert.NotEqual(PrivacyRequestStatus.Refused, request.Status);
            Assert.Contains("Kept by the retention schedule", request.Outcome, StringComparison.Ordinal);
        });

        // The person can no longer sign in.
        using var again = factory.CreatePortalClient();
        await Assert.ThrowsAnyAsync<Exception>(() => again.SignInAsync(testCase.ApprenticeEmail, PortalFactory.DemoPassword));
    }

    [Fact]
    public async Task AnErasureOfSomeoneWithAnOpenCase_IsRefusedWithTheReason_AndChangesNothing()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.PreInterviewReview);
        using var apprentice = await factory.SignInAsync(testCase.ApprenticeEmail);
        var id = await AskAsync(apprentice, "Erasure", "Erase me.");

        using var admin = await factory.SignInAsync(Demo.Admin);
        var decided = await admin.SubmitFormAsync($"/admin/privacy/requests/{id}",
            new Dictionary<string, string> { ["Input.Choice"] = "Grant", ["Input.Reason"] = "Trying to grant." }, "form#decision-form");

        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        Assert.Contains("open case", await decided.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Trying to grant.", await decided.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(PrivacyRequestStatus.Open, await factory.WithDbAsync(db => db.PrivacyRequests.AsNoTracking().Where(r => r.Id == id).Select(r => r.Status).SingleAsync()));
    }
}
