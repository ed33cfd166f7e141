using System.Net;
using EpaPortal.Domain.Cases;
using EpaPortal.Web.Features.Notifications;
using EpaPortal.Web.Security;
using EpaPortal.Web.Tests.Infrastructure;
using EpaPortal.Web.Tests.Quality;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Tests.Appeals;

/// <summary>
/// Appeals: lodged with grounds inside the window by the apprentice or the employer, refused after the
/// deadline, reviewed by an admin who had no part in the case, decided with reasons, and an upheld
/// appeal re-assessed by a different assessor.
/// </summary>
[Trait(Category.Name, Category.Integration)]
public sealed class AppealTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Grounds = "The interview was stopped after 20 minutes because of a fire alarm and never resumed.";

    private readonly CaseJourney _journey = new(factory);

    [Fact]
    public async Task TheApprentice_LodgesAnAppealWithGrounds_InsideTheWindow_AndEveryoneConcernedIsTold()
    {
        var journey = await ReleasedAsync();
        using var apprentice = await factory.SignInAsync(journey.ApprenticeEmail);

        var (_, page) = await apprentice.GetPageAsync("/apprentice/appeal");
        PageChecks.NoInlineCode(page, "/apprentice/appeal");
        Assert.NotNull(page.QuerySelector("#appeal-form"));
        Assert.Contains("23:59", page.QuerySelector("#appeal-deadline")!.TextContent, StringComparison.Ordinal);

        var empty = await apprentice.SubmitFormAsync("/apprentice/appeal", new Dictionary<string, string> { ["Lodge.Grounds"] = " " }, "#appeal-form");
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        PageChecks.NoInlineCode(await PortalClient.ParseAsync(empty), "appeal page with an error");
        Assert.Contains("Give the grounds for the appeal", (await PortalClient.ParseAsync(empty)).QuerySelector("[data-valmsg-for='Lodge.Grounds']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(CaseState.ResultReleased, await _journey.StateAsync(journey.CaseId));

        var lodged = await apprentice.SubmitFormAsync("/apprentice/appeal", new Dictionary<string, string> { ["Lodge.Grounds"] = Grounds }, "#appeal-form");

        Assert.Equal(HttpStatusCode.Redirect, lodged.StatusCode);
        Assert.Equal(CaseState.AppealLodged, await _journey.StateAsync(journey.CaseId));
        var appeal = await factory.WithDbAsync(db => db.Appeals.SingleAsync(a => a.CaseId == journey.CaseId));
        Assert.Equal((1, Grounds, await _journey.UserIdAsync(journey.ApprenticeEmail)), (appeal.Attempt, appeal.Grounds, appeal.LodgedById));
        var mail = await factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.CaseId == journey.CaseId && m.Kind == NotificationKind.AppealReceived).ToListAsync());
        Assert.Contains(mail, m => m.ToAddress == journey.ApprenticeEmail);
        Assert.Contains(mail, m => m.ToAddress == Demo.Employer);
        Assert.Contains(mail, m => m.ToAddress == Demo.Admin);
        Assert.All(mail, m => Assert.DoesNotContain("fire alarm", m.TextBody + m.HtmlBody, StringComparison.Ordinal));

        var (_, after) = await apprentice.GetPageAsync("/apprentice/appeal");
        Assert.Null(after.QuerySelector("#appeal-form"));
        Assert.Contains("a reviewer who had no part", after.QuerySelector(".appeal-status")!.TextContent, StringComparison.OrdinalIgnoreCase);
        var again = await apprentice.PostWithTokenAsync("/apprentice/appeal", "/apprentice/appeal", [new("Lodge.Grounds", "Second try")]);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1, await factory.WithDbAsync(db => db.Appeals.CountAsync(a => a.CaseId == journey.CaseId)));
    }

    [Fact]
    public async Task AfterTheDeadline_NoAppealIsAccepted_FromTheApprenticeOrTheEmployer()
    {
        var journey = await ReleasedAsync();
        var deadline = await factory.WithDbAsync(db => db.Cases.Where(c => c.Id == journey.CaseId).Select(c => c.AppealDeadline!.Value).SingleAsync());
        factory.Clock.Advance(deadline - factory.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        using var apprentice = await factory.SignInAsync(journey.ApprenticeEmail);
        using var employer = await factory.SignInAsync(Demo.Employer);

        var (_, page) = await apprentice.GetPageAsync("/apprentice/appeal");
        PageChecks.NoInlineCode(page, "/apprentice/appeal after the deadline");
        Assert.Null(page.QuerySelector("#appeal-form"));
        Assert.Contains("The appeal window closed on", page.QuerySelector("#appeal-unavailable")!.TextContent, StringComparison.Ordinal);

        var late = await apprentice.PostWithTokenAsync("/apprentice/appeal", "/apprentice/appeal", [new("Lodge.Grounds", Grounds)]);
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Contains("The appeal window closed on", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var employerLate = await employer.PostWithTokenAsync("/employer", $"/employer/cases/{journey.CaseId}/appeal", [new("Lodge.Grounds", Grounds)]);
        Assert.Equal(HttpStatusCode.OK, employerLate.StatusCode);

        Assert.Equal(CaseState.ResultReleased, await _journey.StateAsync(journey.CaseId));
        Assert.Equal(0, await factory.WithDbAsync(db => db.Appeals.CountAsync(a => a.CaseId == journey.CaseId)));
    }

    [Fact]
    public async Task OnTheLastMinute_TheEmployerCanStillAppeal()
    {
        var journey = await ReleasedAsync();
        var deadline = await factory.WithDbAsync(db => db.Cases.Where(c => c.Id == journey.CaseId).Select(c => c.AppealDeadline!.Value).SingleAsync());
        factory.Clock.Advance(deadline - factory.Clock.GetUtcNow() - TimeSpan.FromMinutes(1));
        using var employer = await factory.SignInAsync(Demo.Employer);

        var lodged = await employer.SubmitFormAsync($"/employer/cases/{journey.CaseId}/appeal", new Dictionary<string, string> { ["Lodge.Grounds"] = Grounds }, "#appeal-form");

        Assert.Equal(HttpStatusCode.Redirect, lodged.StatusCode);
        Assert.Equal(CaseState.AppealLodged, await _journey.StateAsync(journey.CaseId));
        Assert.Equal(await _journey.UserIdAsync(Demo.Employer), await factory.WithDbAsync(db => db.Appeals.Where(a => a.CaseId == journey.CaseId).Select(a => a.LodgedById).SingleAsync()));
    }

    [Fact]
    public async Task TheReviewer_IsAnAdminWithNoPartInTheCase_DecidesWithReasons_AndAnUpheldAppealIsReassessedByAnotherAssessor()
    {
        // An admin who is also a quality assurer approved this grade: they may not review its appeal.
        const string qaAdmin = "qa-admin@test.test";
        await _journey.UserAsync(qaAdmin, "Quinn Admin-Quality", Roles.Admin, Roles.QualityAssurer);
        var journey = await _journey.GradedAsync(Demo.Assessor, new GradingPlan());
        await _journey.MoveAsync(journey.CaseId, CaseState.IqaApproved, qaAdmin);
        await _journey.MoveAsync(journey.CaseId, CaseState.ResultReleased, Demo.Admin);
        using (var apprentice = await factory.SignInAsync(journey.ApprenticeEmail))
        {
            await apprentice.SubmitFormAsync("/apprentice/appeal", new Dictionary<string, string> { ["Lodge.Grounds"] = Grounds }, "#appeal-form");
        }

        using var admin = await factory.SignInAsync(Demo.Admin);
        using var otherAdmin = await factory.SignInAsync(qaAdmin);
        var url = $"/admin/cases/{journey.CaseId}/appeal";
        var (_, page) = await admin.GetPageAsync(url);
        PageChecks.NoInlineCode(page, url);
        var reviewers = page.QuerySelectorAll("#Assign_ReviewerId option").Select(o => o.TextContent).ToList();
        Assert.Contains("Alex Admin", reviewers);
        Assert.DoesNotContain("Quinn Admin-Quality", reviewers);
        Assert.Contains(Grounds, page.QuerySelector(".appeal-grounds")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Assign a reviewer first", page.QuerySelector("#decide-blocked")!.TextContent, StringComparison.Ordinal);

        var notIndependent = await admin.PostWithTokenAsync(url, $"{url}/reviewer", [new("Assign.ReviewerId", await _journey.UserIdAsync(qaAdmin))]);
        Assert.Equal(HttpStatusCode.OK, notIndependent.StatusCode);
        PageChecks.NoInlineCode(await PortalClient.ParseAsync(notIndependent), "admin appeal page with an error");
        Assert.Contains("only an admin who had no part in the case", await notIndependent.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var assigned = await admin.SubmitFormAsync(url, new Dictionary<string, string> { ["Assign.ReviewerId"] = await _journey.UserIdAsync(Demo.Admin) }, "#reviewer-form");
        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        Assert.Equal(1, await factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.CaseId == journey.CaseId && a.Action == "AppealReviewerAssigned")));

        var (_, notTheirs) = await otherAdmin.GetPageAsync(url);
        Assert.Contains("Only the assigned reviewer", notTheirs.QuerySelector("#decide-blocked")!.TextContent, StringComparison.Ordinal);
        var stolen = await otherAdmin.PostWithTokenAsync(url, $"{url}/decision", [new("Decide.Outcome", "Rejected"), new("Decide.Reason", "No.")]);
        Assert.Equal(HttpStatusCode.OK, stolen.StatusCode);
        Assert.Equal(CaseState.AppealLodged, await _journey.StateAsync(journey.CaseId));

        var noReason = await admin.SubmitFormAsync(url, new Dictionary<string, string> { ["Decide.Outcome"] = "Upheld" }, "#decision-form");
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Equal(CaseState.AppealLodged, await _journey.StateAsync(journey.CaseId));

        const string reason = "The interview did not cover the project: the evidence was not fully assessed.";
        var decided = await admin.SubmitFormAsync(url, new Dictionary<string, string> { ["Decide.Outcome"] = "Upheld", ["Decide.Reason"] = reason }, "#decision-form");
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        Assert.Equal(CaseState.AppealUpheld, await _journey.StateAsync(journey.CaseId));
        var appeal = await factory.WithDbAsync(db => db.Appeals.SingleAsync(a => a.CaseId == journey.CaseId));
        Assert.Equal((AppealOutcome.Upheld, reason, await _journey.UserIdAsync(Demo.Admin)), (appeal.Outcome, appeal.DecisionReason, appeal.ReviewerId));
        var told = await factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.CaseId == journey.CaseId && m.Kind == NotificationKind.AppealDecided).Select(m => m.ToAddress).ToListAsync());
        Assert.Contains(journey.ApprenticeEmail, told);
        Assert.Contains(Demo.Employer, told);

        using (var apprentice = await factory.SignInAsync(journey.ApprenticeEmail))
        {
            var (_, own) = await apprentice.GetPageAsync("/apprentice/appeal");
            Assert.StartsWith("Upheld", own.QuerySelector(".appeal-status")!.TextContent, StringComparison.Ordinal);
            Assert.Contains(reason, own.QuerySelector(".appeal-decision-reason")!.TextContent, StringComparison.Ordinal);
            var (_, result) = await apprentice.GetPageAsync("/apprentice/result");
            Assert.Null(result.QuerySelector("#result-current"));
            Assert.Contains("an appeal against it was upheld", result.QuerySelector("#result-earlier")!.TextContent, StringComparison.Ordinal);
        }

        // The re-assessment needs a different assessor.
        var sameAssessor = await admin.SubmitFormAsync(url, new Dictionary<string, string>(), "#reassessment-form");
        Assert.Equal(HttpStatusCode.OK, sameAssessor.StatusCode);
        Assert.Contains("needs a different assessor", await sameAssessor.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await _journey.AllocateAsync(journey.CaseId, Demo.Assessor2);
        var started = await admin.SubmitFormAsync(url, new Dictionary<string, string>(), "#reassessment-form");
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        Assert.Equal(CaseState.PreInterviewReview, await _journey.StateAsync(journey.CaseId));
    }

    [Fact]
    public async Task ARejectedAppeal_LeavesTheResultStanding_AndTheCertificateCanBeRequested()
    {
        var journey = await ReleasedAsync();
        using (var apprentice = await factory.SignInAsync(journey.ApprenticeEmail))
        {
            await apprentice.SubmitFormAsync("/apprentice/appeal", new Dictionary<string, string> { ["Lodge.Grounds"] = Grounds }, "#appeal-form");
        }

        using var admin = await factory.SignInAsync(Demo.Admin);
        var url = $"/admin/cases/{journey.CaseId}/appeal";
        await admin.SubmitFormAsync(url, new Dictionary<string, string> { ["Assign.ReviewerId"] = await _journey.UserIdAsync(Demo.Admin) }, "#reviewer-form");
        await admin.SubmitFormAsync(url, new Dictionary<string, string> { ["Decide.Outcome"] = "Rejected", ["Decide.Reason"] = "The recording shows a full 60-minute interview." }, "#decision-form");
        Assert.Equal(CaseState.AppealRejected, await _journey.StateAsync(journey.CaseId));

        using (var apprentice = await factory.SignInAsync(journey.ApprenticeEmail))
        {
            var (_, result) = await apprentice.GetPageAsync("/apprentice/result");
            Assert.Equal("Pass", result.QuerySelector("#result-current .result-grade")!.TextContent);
        }

        var certificate = await admin.SubmitFormAsync($"/admin/results/cases/{journey.CaseId}", new Dictionary<string, string>
        {
            ["Certificate.DetailsChecked"] = "true",
            ["Certificate.RequirementsMet"] = "true",
        }, "#certificate-form");
        Assert.Equal(HttpStatusCode.Redirect, certificate.StatusCode);
        Assert.Equal(CaseState.CertificateRequested, await _journey.StateAsync(journey.CaseId));

        var (_, list) = await admin.GetPageAsync("/admin/appeals");
        Assert.Contains("Rejected", list.QuerySelectorAll($"tr[data-case-id='{journey.CaseId}']")[^1].TextContent, StringComparison.Ordinal);
    }

    private async Task<JourneyCase> ReleasedAsync()
    {
        var journey = await _journey.GradedAsync(Demo.Assessor, new GradingPlan());
        await _journey.ApproveAndReleaseAsync(journey.CaseId);
        return journey;
    }
}
