using System.Net;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Web.Tests.Infrastructure;
using EpaPortal.Web.Tests.Quality;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Tests.Results;

/// <summary>
/// After a recorded Fail the admin plans a re-sit or re-take with the employer's agreement; its grade is
/// capped at the standard version's cap unless exceptional circumstances were recorded; a Pass cannot be
/// re-sat. This class's portal caps ST0128 v1.0 re-sits at Pass (the real plan has no cap).
/// </summary>
[Trait(Category.Name, Category.Integration)]
public sealed class ResitTests : IClassFixture<PortalFactory>, IAsyncLifetime
{
    private readonly PortalFactory _factory;
    private readonly CaseJourney _journey;

    public ResitTests(PortalFactory factory)
    {
        _factory = factory;
        _journey = new CaseJourney(factory);
    }

    public Task InitializeAsync() =>
        _factory.WithDbAsync(async db =>
        {
            var version = await db.StandardVersions.Include(v => v.Standard).SingleAsync(v => v.Standard!.Reference == "ST0128" && v.Version == "1.0");
            version.Settings.ResitGradeCap = Grade.Pass;
            await db.SaveChangesAsync();
        });

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AResitGradedAboveTheCap_IsCappedAtPass_AndTheApprenticeIsToldWhy()
    {
        var journey = await FailedAndRecordedAsync();
        using var admin = await _factory.SignInAsync(Demo.Admin);
        var url = $"/admin/results/cases/{journey.CaseId}";

        var withoutAgreement = await admin.SubmitFormAsync(url, new Dictionary<string, string> { ["NextAttempt.Kind"] = "Resit" }, "#next-attempt-form");
        Assert.Equal(HttpStatusCode.OK, withoutAgreement.StatusCode);
        PageChecks.NoInlineCode(await PortalClient.ParseAsync(withoutAgreement), "re-sit refused");
        Assert.Contains("The employer has not agreed to the re-sit.", (await PortalClient.ParseAsync(withoutAgreement)).QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(CaseState.FailRecorded, await _journey.StateAsync(journey.CaseId));

        var planned = await admin.SubmitFormAsync(url, new Dictionary<string, string>
        {
            ["NextAttempt.Kind"] = "Resit",
            ["NextAttempt.EmployerAgreed"] = "true",
            ["NextAttempt.Note"] = "Agreed with Erin Employer by phone.",
        }, "#next-attempt-form");
        Assert.Equal(HttpStatusCode.Redirect, planned.StatusCode);
        var epaCase = await _factory.WithDbAsync(db => db.Cases.SingleAsync(c => c.Id == journey.CaseId));
        Assert.Equal((CaseState.ResitPlanned, 2, AttemptKind.Resit), (epaCase.State, epaCase.Attempt, epaCase.AttemptKind));

        await _journey.GradeAttemptAsync(journey, new GradingPlan(AreaLevel.Above, AreaLevel.Above, AreaLevel.Above));
        var decision = await _factory.WithDbAsync(db => db.GradeDecisions.SingleAsync(d => d.CaseId == journey.CaseId && d.Attempt == 2));
        Assert.Equal((Grade.Distinction, Grade.Pass, Grade.Distinction), (decision.ComputedGrade, decision.FinalGrade, decision.CappedFrom!.Value));

        await _journey.ApproveAndReleaseAsync(journey.CaseId);
        using var apprentice = await _factory.SignInAsync(journey.ApprenticeEmail);
        var (_, page) = await apprentice.GetPageAsync("/apprentice/result");
        Assert.Equal("Pass", page.QuerySelector("#result-current .result-grade")!.TextContent);
        Assert.Contains("Attempt 2 (re-sit)", page.QuerySelector("#result-current")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Pass: the assessment plan caps the grade of a re-sit or re-take at Pass. The assessment itself reached Distinction.", page.QuerySelector("#result-current .result-reason")!.TextContent);
        Assert.Contains("Attempt 1: Fail", page.QuerySelector("#result-earlier")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExceptionalCircumstances_RecordedByTheAdmin_LiftTheCap_AndAreAudited()
    {
        var journey = await FailedAndRecordedAsync();
        using var admin = await _factory.SignInAsync(Demo.Admin);
        var url = $"/admin/results/cases/{journey.CaseId}";

        var missingReason = await admin.SubmitFormAsync(url, new Dictionary<string, string> { ["Exceptional.Recorded"] = "true" }, "#exceptional-form");
        Assert.Equal(HttpStatusCode.OK, missingReason.StatusCode);
        PageChecks.NoInlineCode(await PortalClient.ParseAsync(missingReason), "exceptional circumstances refused");
        Assert.NotNull((await PortalClient.ParseAsync(missingReason)).QuerySelector("[data-valmsg-for='Exceptional.Reason'].field-validation-error"));

        var recorded = await admin.SubmitFormAsync(url, new Dictionary<string, string>
        {
            ["Exceptional.Recorded"] = "true",
            ["Exceptional.Reason"] = "Hospital stay during attempt 1.",
        }, "#exceptional-form");
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        var audit = await _factory.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.CaseId == journey.CaseId && a.Action == "ExceptionalCircumstancesRecorded"));
        Assert.Equal("Hospital stay during attempt 1.", audit.Reason);

        await admin.SubmitFormAsync(url, new Dictionary<string, string>
        {
            ["NextAttempt.Kind"] = "Retake",
            ["NextAttempt.EmployerAgreed"] = "true",
        }, "#next-attempt-form");
        Assert.Equal(CaseState.RetakePlanned, await _journey.StateAsync(journey.CaseId));
        await _journey.GradeAttemptAsync(journey, new GradingPlan(AreaLevel.Above, AreaLevel.Above, AreaLevel.Above));

        var decision = await _factory.WithDbAsync(db => db.GradeDecisions.SingleAsync(d => d.CaseId == journey.CaseId && d.Attempt == 2));
        Assert.Equal(Grade.Distinction, decision.FinalGrade);
        Assert.Null(decision.CappedFrom);
        Assert.Contains("an admin recorded exceptional circumstances (Hospital stay during attempt 1.)", decision.Reasons, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APass_CannotBeResat_AndThePageSaysWhy()
    {
        var journey = await _journey.GradedAsync(Demo.Assessor, new GradingPlan());
        await _journey.ApproveAndReleaseAsync(journey.CaseId);
        using var admin = await _factory.SignInAsync(Demo.Admin);

        var (_, page) = await admin.GetPageAsync($"/admin/results/cases/{journey.CaseId}");

        Assert.Equal("A Pass cannot be re-sat or re-taken to improve it: only a Fail leads to a new attempt.", page.QuerySelector("#next-attempt-refusal")!.TextContent);
        Assert.Null(page.QuerySelector("#next-attempt-form"));
        var forced = await admin.PostWithTokenAsync($"/admin/results/cases/{journey.CaseId}", $"/admin/results/cases/{journey.CaseId}/next-attempt", [new("NextAttempt.Kind", "Resit"), new("NextAttempt.EmployerAgreed", "true")]);
        Assert.Equal(HttpStatusCode.OK, forced.StatusCode);
        Assert.Contains("cannot move to 'Re-sit planned'", (await PortalClient.ParseAsync(forced)).QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(CaseState.ResultReleased, await _journey.StateAsync(journey.CaseId));
    }

    private async Task<JourneyCase> FailedAndRecordedAsync()
    {
        var journey = await _journey.GradedAsync(Demo.Assessor, GradingPlan.Fail());
        await _journey.MoveAsync(journey.CaseId, CaseState.IqaApproved, Demo.QualityAssurer);
        using var admin = await _factory.SignInAsync(Demo.Admin);
        await admin.SubmitFormAsync($"/admin/results/cases/{journey.CaseId}", new Dictionary<string, string>(), "#release-form");
        Assert.Equal(CaseState.FailRecorded, await _journey.StateAsync(journey.CaseId));
        return journey;
    }
}
