using System.Net;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Grading;
using EpaPortal.Web.Features.Grading;
using EpaPortal.Web.Features.Notifications;
using EpaPortal.Web.Tests.Assessor;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Tests.Grading;

/// <summary>The final judgement: only after the interview, graded by the domain's grading service, never silently overwritten.</summary>
[Trait(Category.Name, Category.Integration)]
public class JudgementTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    public static TheoryData<AreaLevel, AreaLevel, AreaLevel> Combinations() => new()
    {
        { AreaLevel.Above, AreaLevel.Above, AreaLevel.Expected },
        { AreaLevel.Above, AreaLevel.Above, AreaLevel.Above },
        { AreaLevel.Expected, AreaLevel.Above, AreaLevel.Above },
        { AreaLevel.Above, AreaLevel.Expected, AreaLevel.Expected },
        { AreaLevel.Expected, AreaLevel.Expected, AreaLevel.Expected },
        { AreaLevel.Below, AreaLevel.Above, AreaLevel.Above },
    };

    [Fact]
    public async Task TheJudgement_BeforeTheInterviewIsCompleted_SaysWhyAndCannotBeGraded()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.InterviewScheduled);
        using var assessor = await factory.SignInAsync(Demo.Assessor);

        var (page, document) = await assessor.GetPageAsync($"/assessor/cases/{testCase.CaseId}/judgement");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var explanation = document.QuerySelector(".judgement-not-started")!.TextContent;
        Assert.Contains("once the interview has been recorded and marked completed", explanation, StringComparison.Ordinal);
        Assert.Null(document.QuerySelector("#judgement-form"));

        var response = await assessor.PostWithTokenAsync($"/assessor/cases/{testCase.CaseId}/interview", $"/assessor/cases/{testCase.CaseId}/judgement",
        [
            new("Areas[0].AreaCode", "What"), new("Areas[0].Level", "Above"), new("Areas[0].Rationale", "Too early"),
            new("Submit", "true"),
        ]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("No grade can be decided until all the evidence, including the interview, has been assessed.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(CaseState.InterviewScheduled, await AssessorJourney.StateAsync(factory, testCase.CaseId));
        Assert.False(await factory.WithDbAsync(db => db.Judgements.AnyAsync(j => j.CaseId == testCase.CaseId)));
        Assert.False(await factory.WithDbAsync(db => db.GradeDecisions.AnyAsync(g => g.CaseId == testCase.CaseId)));
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public async Task ASubmittedJudgement_GetsTheGradeTheGradingRulesGive(AreaLevel what, AreaLevel how, AreaLevel withWhom)
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.InterviewCompleted);
        using var assessor = await factory.SignInAsync(Demo.Assessor);
        var form = await AssessorJourney.JudgementFormAsync(assessor, testCase.CaseId, what, how, withWhom, "Rationale citing the evidence");
        var expected = HolisticAreasGrading.Combine(what, how, withWhom);
        if (expected == Grade.Fail)
        {
            form.Set("Recommendation", nameof(AttemptKind.Resit));
        }

        form.Set("Submit", "true");
        var response = await form.PostAsync(assessor);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(CaseState.Graded, await AssessorJourney.StateAsync(factory, testCase.CaseId));
        var decision = await factory.WithDbAsync(db => db.GradeDecisions.SingleAsync(g => g.CaseId == testCase.CaseId));
        Assert.Equal(expected, decision.ComputedGrade);
        Assert.Equal(expected, decision.FinalGrade);
        Assert.False(decision.IsOverride);

        // The same judgement, given to the domain's grading service directly, explains itself the same way.
        var (version, judgement) = await factory.WithDbAsync(async db => (
            await db.StandardVersions.AsNoTracking().Include(v => v.Standard).Include(v => v.Areas).Include(v => v.Competencies).Include(v => v.KnowledgeModules).Include(v => v.Criteria).Include(v => v.GradeLookup)
                .SingleAsync(v => v.Id == db.Cases.Single(c => c.Id == testCase.CaseId).StandardVersionId),
            await db.Judgements.AsNoTracking().Include(j => j.Areas).Include(j => j.CompetencyEvidence).SingleAsync(j => j.CaseId == testCase.CaseId)));
        var calculation = GradingService.Calculate(version, judgement, AssessmentProgress.AllAssessed);
        Assert.Equal(expected, calculation.Grade);
        Assert.StartsWith(string.Join('\n', calculation.Reasons), decision.Reasons, StringComparison.Ordinal);
        Assert.Equal(expected == Grade.Fail ? AttemptKind.Resit : null, decision.Recommendation);
        Assert.Equal(QaStatus.Pending, decision.QaStatus);
        Assert.True(await factory.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.CaseId == testCase.CaseId && m.Kind == NotificationKind.ReadyForQa && m.ToAddress == Demo.QualityAssurer)));
    }

    [Fact]
    public async Task Saving_ShowsTheComputedGradeAndItsReasons_WithoutSubmitting()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.InterviewCompleted);
        using var assessor = await factory.SignInAsync(Demo.Assessor);
        var form = await AssessorJourney.JudgementFormAsync(assessor, testCase.CaseId, AreaLevel.Above, AreaLevel.Above, AreaLevel.Expected, "Rationale");

        Assert.Equal(HttpStatusCode.Redirect, (await form.PostAsync(assessor)).StatusCode);

        var (_, page) = await assessor.GetPageAsync($"/assessor/cases/{testCase.CaseId}/judgement");
        Assert.Equal("Merit", page.QuerySelector(".computed-grade-value")!.TextContent);
        Assert.Contains("Merit because What is Above and How is Above.", page.QuerySelector(".computed-grade")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(CaseState.InterviewCompleted, await AssessorJourney.StateAsync(factory, testCase.CaseId));
        Assert.False(await factory.WithDbAsync(db => db.GradeDecisions.AnyAsync(g => g.CaseId == testCase.CaseId)));
    }

    [Fact]
    public async Task AnAreaJudgedExpected_WithACompetencyUnevidenced_IsRefusedNamingIt()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.InterviewCompleted);
        using var assessor = await factory.SignInAsync(Demo.Assessor);
        var form = await AssessorJourney.JudgementFormAsync(assessor, testCase.CaseId, AreaLevel.Expected, AreaLevel.Expected, AreaLevel.Expected, "Rationale");
        var security = await factory.WithDbAsync(db => db.Competencies.Where(c => c.Code == "C2").Select(c => c.Id).FirstAsync());
        for (var i = 0; form.Get($"Competencies[{i}].CompetencyId") is { } id; i++)
        {
            if (id == security.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                form.Set($"Competencies[{i}].EvidenceRefs");
            }
        }

        form.Set("Submit", "true");
        var response = await form.PostAsync(assessor);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("What is judged Expected, so every competency in it needs evidence: none is cited for C2 Security.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(CaseState.InterviewCompleted, await AssessorJourney.StateAsync(factory, testCase.CaseId));
        Assert.False(await factory.WithDbAsync(db => db.GradeDecisions.AnyAsync(g => g.CaseId == testCase.CaseId)));
    }

    [Fact]
    public async Task AProposedGrade_NeedsAJustification_AndThenGoesToQualityAssurance()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.InterviewCompleted);
        using var assessor = await factory.SignInAsync(Demo.Assessor);
        var form = await AssessorJourney.JudgementFormAsync(assessor, testCase.CaseId, AreaLevel.Expected, AreaLevel.Expected, AreaLevel.Expected, "Rationale");
        form.Set("ProposedGrade", nameof(Grade.Merit)).Set("OverrideJustification").Set("Submit", "true");

        var refused = await form.PostAsync(assessor);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("A grade other than the computed one (Pass) needs a written justification.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var again = await FormData.LoadAsync(assessor, $"/assessor/cases/{testCase.CaseId}/judgement", "#judgement-form");
        Assert.Equal(nameof(Grade.Merit), again.Get("ProposedGrade"));
        again.Set("OverrideJustification", "Outstanding interview on security.").Set("Submit", "true");
        Assert.Equal(HttpStatusCode.Redirect, (await again.PostAsync(assessor)).StatusCode);

        var decision = await factory.WithDbAsync(db => db.GradeDecisions.SingleAsync(g => g.CaseId == testCase.CaseId));
        Assert.Equal(Grade.Pass, decision.ComputedGrade);
        Assert.Equal(Grade.Merit, decision.FinalGrade);
        Assert.Equal("Outstanding interview on security.", decision.OverrideJustification);
        Assert.Equal(QaStatus.Pending, decision.QaStatus);
    }

    [Fact]
    public async Task ARefusedSubmission_CorrectedOnTheFormItReturned_IsSubmittedWithoutAConflict()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.InterviewCompleted);
        using var assessor = await factory.SignInAsync(Demo.Assessor);
        var form = await AssessorJourney.JudgementFormAsync(assessor, testCase.CaseId, AreaLevel.Expected, AreaLevel.Expected, AreaLevel.Expected, "Rationale");
        form.Set("ProposedGrade", nameof(Grade.Merit)).Set("OverrideJustification").Set("Submit", "true");

        var refused = await form.PostAsync(assessor);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await PortalClient.ParseAsync(refused);
        Assert.Contains("A grade other than the computed one (Pass) needs a written justification.", page.QuerySelector("#problems")!.TextContent, StringComparison.Ordinal);

        // The assessor, working alone, corrects the form the refusal came back with and submits it again.
        var corrected = FormData.From(page, $"/assessor/cases/{testCase.CaseId}/judgement", "#judgement-form");
        Assert.Equal(nameof(Grade.Merit), corrected.Get("ProposedGrade"));
        corrected.Set("OverrideJustification", "Outstanding interview on security.").Set("Submit", "true");
        var submitted = await corrected.PostAsync(assessor);

        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal(CaseState.Graded, await AssessorJourney.StateAsync(factory, testCase.CaseId));
        var decision = await factory.WithDbAsync(db => db.GradeDecisions.SingleAsync(g => g.CaseId == testCase.CaseId));
        Assert.Equal((Grade.Pass, Grade.Merit, "Outstanding interview on security."), (decision.ComputedGrade, decision.FinalGrade, decision.OverrideJustification));
    }

    [Fact]
    public async Task ASubmissionSentToQualityAssurance_SaysSoAndWhy()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.InterviewCompleted);
        using var assessor = await factory.SignInAsync(Demo.Assessor);
        var form = await AssessorJourney.JudgementFormAsync(assessor, testCase.CaseId, AreaLevel.Expected, AreaLevel.Expected, AreaLevel.Expected, "Rationale");
        form.Set("ProposedGrade", nameof(Grade.Merit)).Set("OverrideJustification", "Outstanding interview on security.").Set("Submit", "true");

        Assert.Equal(HttpStatusCode.Redirect, (await form.PostAsync(assessor)).StatusCode);

        var (_, page) = await assessor.GetPageAsync($"/assessor/cases/{testCase.CaseId}/judgement");
        Assert.Equal(
            "The judgement is submitted and the grade decided (Merit). It goes to quality assurance (override): a quality assurer checks it before an admin can release the result.",
            page.QuerySelector(".alert-success")!.TextContent);
    }

    [Fact]
    public async Task ASaveFromAStaleForm_IsRefused_ShowingTheNewerJudgementAndKeepingWhatWasTyped()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.InterviewCompleted);
        using var assessor = await factory.SignInAsync(Demo.Assessor);
        var first = await AssessorJourney.JudgementFormAsync(assessor, testCase.CaseId, AreaLevel.Expected, AreaLevel.Expected, AreaLevel.Expected, "First");
        Assert.Equal(HttpStatusCode.Redirect, (await first.PostAsync(assessor)).StatusCode);

        var tabA = await FormData.LoadAsync(assessor, $"/assessor/cases/{testCase.CaseId}/judgement", "#judgement-form");
        var tabB = await FormData.LoadAsync(assessor, $"/assessor/cases/{testCase.CaseId}/judgement", "#judgement-form");
        tabA.Set("Areas[0].Rationale", "Rationale from tab A");
        Assert.Equal(HttpStatusCode.Redirect, (await tabA.PostAsync(assessor)).StatusCode);
        tabB.Set("Areas[0].Rationale", "Rationale from tab B").Set("Submit", "true");
        var refused = await tabB.PostAsync(assessor);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var page = await PortalClient.ParseAsync(refused);
        Assert.Contains(JudgementController.ConflictMessage, page.QuerySelector("#problems")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Rationale from tab A", page.QuerySelector(".conflict-theirs")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Rationale from tab B", page.QuerySelector("textarea[name='Areas[0].Rationale']")!.TextContent);
        Assert.Equal(CaseState.InterviewCompleted, await AssessorJourney.StateAsync(factory, testCase.CaseId));
        var saved = await factory.WithDbAsync(db => db.Judgements.Where(j => j.CaseId == testCase.CaseId).SelectMany(j => j.Areas).Where(a => a.AreaCode == "What").Select(a => a.Rationale).SingleAsync());
        Assert.Equal("Rationale from tab A", saved);
    }

    [Fact]
    public async Task AGradeReturnedByQualityAssurance_ShowsTheReason_AndASecondSubmissionBecomesCurrent()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.InterviewCompleted);
        using var assessor = await factory.SignInAsync(Demo.Assessor);
        var form = await AssessorJourney.JudgementFormAsync(assessor, testCase.CaseId, AreaLevel.Above, AreaLevel.Expected, AreaLevel.Expected, "First rationale");
        form.Set("Submit", "true");
        Assert.Equal(HttpStatusCode.Redirect, (await form.PostAsync(assessor)).StatusCode);

        await AssessorJourney.ReturnByQaAsync(factory, testCase.CaseId, CaseState.InterviewCompleted, "The How rationale does not cite the interview.");

        var (_, casePage) = await assessor.GetPageAsync($"/assessor/cases/{testCase.CaseId}");
        Assert.Contains("The How rationale does not cite the interview.", casePage.QuerySelector(".qa-returned")!.TextContent, StringComparison.Ordinal);
        var (_, caseload) = await assessor.GetPageAsync($"/assessor?state=InterviewCompleted");
        Assert.NotNull(caseload.QuerySelector($"tr[data-case='{testCase.CaseId}'].caseload-needsaction"));

        var revised = await FormData.LoadAsync(assessor, $"/assessor/cases/{testCase.CaseId}/judgement", "#judgement-form");
        revised.Set("Areas[0].Level", nameof(AreaLevel.Above)).Set("Areas[1].Level", nameof(AreaLevel.Above)).Set("Areas[1].Rationale", "Revised: cites interview answer 2").Set("Submit", "true");
        Assert.Equal(HttpStatusCode.Redirect, (await revised.PostAsync(assessor)).StatusCode);

        var decisions = await factory.WithDbAsync(db => db.GradeDecisions.Where(g => g.CaseId == testCase.CaseId).OrderBy(g => g.Id).ToListAsync());
        Assert.Equal(2, decisions.Count);
        Assert.Equal(QaStatus.Returned, decisions[0].QaStatus);
        Assert.Equal(Grade.Pass, decisions[0].FinalGrade);
        Assert.Equal(QaStatus.Pending, decisions[1].QaStatus);
        Assert.Equal(Grade.Merit, decisions[1].FinalGrade);
        Assert.Equal(CaseState.Graded, await AssessorJourney.StateAsync(factory, testCase.CaseId));

        var (_, judgementPage) = await assessor.GetPageAsync($"/assessor/cases/{testCase.CaseId}/judgement");
        Assert.Contains("Grade decision: Merit", judgementPage.QuerySelector(".grade-decision h3")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Earlier decisions of this attempt (1)", judgementPage.QuerySelector(".grade-decision details")!.TextContent, StringComparison.Ordinal);
    }
}

/// <summary>Quality assurance sampling: overrides and Fails always go to QA; other grades by the configured share.</summary>
[Trait(Category.Name, Category.Integration)]
public class QaSamplingTests(QaSamplingTests.NoSampling factory) : IClassFixture<QaSamplingTests.NoSampling>
{
    public sealed class NoSampling : PortalFactory
    {
        protected override void ConfigureSettings(IWebHostBuilder builder) => builder.UseSetting("Quality:SamplePercent", "0");
    }

    [Theory]
    [InlineData(AreaLevel.Above, QaStatus.NotSampled)]
    [InlineData(AreaLevel.Below, QaStatus.Pending)]
    public async Task WithNoSampling_APassIsNotSampled_ButAFailAlwaysGoesToQa(AreaLevel what, QaStatus expected)
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.InterviewCompleted);
        using var assessor = await factory.SignInAsync(Demo.Assessor);
        var form = await AssessorJourney.JudgementFormAsync(assessor, testCase.CaseId, what, AreaLevel.Expected, AreaLevel.Expected, "Rationale");
        form.Set("Recommendation", what == AreaLevel.Below ? nameof(AttemptKind.Retake) : string.Empty).Set("Submit", "true");

        Assert.Equal(HttpStatusCode.Redirect, (await form.PostAsync(assessor)).StatusCode);

        var decision = await factory.WithDbAsync(db => db.GradeDecisions.SingleAsync(g => g.CaseId == testCase.CaseId));
        Assert.Equal(expected, decision.QaStatus);
        Assert.Equal(expected == QaStatus.Pending, await factory.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.CaseId == testCase.CaseId && m.Kind == NotificationKind.ReadyForQa)));
    }

    [Theory]
    [InlineData(AreaLevel.Above, "The judgement is submitted and the grade decided (Pass). It was not sampled for quality assurance, so it is ready for an admin to release.")]
    [InlineData(AreaLevel.Below, "The judgement is submitted and the grade decided (Fail). It goes to quality assurance (fail): a quality assurer checks it before an admin can release the result.")]
    public async Task AfterASubmission_TheMessageSaysWhatReallyHappensNext(AreaLevel what, string message)
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.InterviewCompleted);
        using var assessor = await factory.SignInAsync(Demo.Assessor);
        var form = await AssessorJourney.JudgementFormAsync(assessor, testCase.CaseId, what, AreaLevel.Expected, AreaLevel.Expected, "Rationale");
        form.Set("Recommendation", what == AreaLevel.Below ? nameof(AttemptKind.Retake) : string.Empty).Set("Submit", "true");

        Assert.Equal(HttpStatusCode.Redirect, (await form.PostAsync(assessor)).StatusCode);

        var (_, page) = await assessor.GetPageAsync($"/assessor/cases/{testCase.CaseId}/judgement");
        Assert.Equal(message, page.QuerySelector(".alert-success")!.TextContent);
    }

    [Fact]
    public async Task AGradeReturnedByQa_ReJudged_GoesToTheQaQueue_AndIsReleasedOnlyAfterQaApprovesIt()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.InterviewCompleted);
        using var assessor = await factory.SignInAsync(Demo.Assessor);
        var form = await AssessorJourney.JudgementFormAsync(assessor, testCase.CaseId, AreaLevel.Above, AreaLevel.Expected, AreaLevel.Expected, "First rationale");
        form.Set("Submit", "true");
        Assert.Equal(HttpStatusCode.Redirect, (await form.PostAsync(assessor)).StatusCode);
        Assert.Equal(QaStatus.NotSampled, await factory.WithDbAsync(db => db.GradeDecisions.Where(g => g.CaseId == testCase.CaseId).Select(g => g.QaStatus).SingleAsync()));

        // A quality assurer looked at it all the same and returned it; the assessor re-judges with no sampling at all.
        await AssessorJourney.ReturnByQaAsync(factory, testCase.CaseId, CaseState.InterviewCompleted, "The How rationale does not cite the interview.");
        var revised = await FormData.LoadAsync(assessor, $"/assessor/cases/{testCase.CaseId}/judgement", "#judgement-form");
        revised.Set("Areas[1].Rationale", "Revised: cites interview answer 2").Set("Submit", "true");
        Assert.Equal(HttpStatusCode.Redirect, (await revised.PostAsync(assessor)).StatusCode);

        var (_, judgementPage) = await assessor.GetPageAsync($"/assessor/cases/{testCase.CaseId}/judgement");
        Assert.Equal(
            "The judgement is submitted and the grade decided (Pass). It goes to quality assurance (returned by QA): a quality assurer checks it before an admin can release the result.",
            judgementPage.QuerySelector(".alert-success")!.TextContent);
        var current = await factory.WithDbAsync(db => db.GradeDecisions.Where(g => g.CaseId == testCase.CaseId).OrderBy(g => g.Id).Select(g => g.QaStatus).ToListAsync());
        Assert.Equal([QaStatus.Returned, QaStatus.Pending], current);

        using var qa = await factory.SignInAsync(Demo.QualityAssurer);
        var (_, queue) = await qa.GetPageAsync("/quality");
        Assert.Contains("Returned by QA", queue.QuerySelector($"#qa-queue tr[data-case-id='{testCase.CaseId}']")!.TextContent, StringComparison.Ordinal);

        using var admin = await factory.SignInAsync(Demo.Admin);
        var (_, results) = await admin.GetPageAsync("/admin/results");
        Assert.Null(results.QuerySelector($"#release-table tr[data-case-id='{testCase.CaseId}']"));
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostWithTokenAsync("/admin/results", "/admin/results/release", [new("CaseIds", testCase.CaseId.ToString(System.Globalization.CultureInfo.InvariantCulture))])).StatusCode);
        Assert.Equal(CaseState.Graded, await AssessorJourney.StateAsync(factory, testCase.CaseId));

        var approve = await qa.PostWithTokenAsync($"/quality/cases/{testCase.CaseId}", $"/quality/cases/{testCase.CaseId}/approve", []);
        Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);
        Assert.Equal(CaseState.IqaApproved, await AssessorJourney.StateAsync(factory, testCase.CaseId));
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostWithTokenAsync("/admin/results", "/admin/results/release", [new("CaseIds", testCase.CaseId.ToString(System.Globalization.CultureInfo.InvariantCulture))])).StatusCode);
        Assert.Equal(CaseState.ResultReleased, await AssessorJourney.StateAsync(factory, testCase.CaseId));
    }
}
