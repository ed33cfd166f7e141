using EpaPortal.Domain.Access;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Tests.TestData;

namespace EpaPortal.Domain.Tests.Cases;

/// <summary>Releasing a result (the appeal clock starts), requesting the certificate, recording a fail.</summary>
[Trait("Category", "Unit")]
public class ResultTransitionTests
{
    private static readonly DateTimeOffset Now = TestClock.Now;

    [Fact]
    public void ReleaseResult_OnWednesday3March_SetsAnAppealDeadlineTwentyWorkingDaysLater()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.IqaApproved, CaseState.ResultReleased);

        var outcome = scenario.Move(CaseState.ResultReleased, Actors.Admin);

        Assert.Equal(Now, scenario.Case.ResultReleasedAt);
        Assert.Equal(new DateTimeOffset(2027, 3, 31, 23, 59, 59, TimeSpan.Zero), scenario.Case.AppealDeadline);
        Assert.Equal("Appeals accepted until 31 March 2027 at 23:59", outcome.Audit!.Details);
        Assert.Equal((Now, "admin-1"), (scenario.Decision!.ReleasedAt, scenario.Decision.ReleasedById));
    }

    [Fact]
    public void ReleaseResult_OverEaster_SkipsTheBankHolidays()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.IqaApproved, CaseState.ResultReleased);
        scenario.BankHolidays.AddRange([new DateOnly(2027, 3, 26), new DateOnly(2027, 3, 29)]);

        scenario.Move(CaseState.ResultReleased, Actors.Admin);

        Assert.Equal(new DateOnly(2027, 4, 2), DateOnly.FromDateTime(scenario.Case.AppealDeadline!.Value.DateTime));
    }

    [Fact]
    public void ReleaseResult_On7December2026_SkipsChristmasTheBoxingDaySubstituteAndNewYear()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.IqaApproved, CaseState.ResultReleased);
        scenario.Now = new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
        scenario.BankHolidays.AddRange(BankHolidayCalendar.UnitedKingdom.For(UkNation.EnglandAndWales));

        var outcome = scenario.Move(CaseState.ResultReleased, Actors.Admin);

        // 20 working days after Monday 7 December 2026, without Friday 25 December, Monday 28 December
        // (Boxing Day's substitute) and Friday 1 January 2027; with weekends only it would be 4 January.
        Assert.Equal(new DateTimeOffset(2027, 1, 7, 23, 59, 59, TimeSpan.Zero), scenario.Case.AppealDeadline);
        Assert.Equal("Appeals accepted until 7 January 2027 at 23:59", outcome.Audit!.Details);
    }

    [Fact]
    public void ReleaseResult_BeforeTheYearEndInScotland_AlsoSkipsTheSecondOfJanuarySubstitute()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.IqaApproved, CaseState.ResultReleased);
        scenario.Now = new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
        scenario.BankHolidays.AddRange(BankHolidayCalendar.UnitedKingdom.For(UkNation.Scotland));

        scenario.Move(CaseState.ResultReleased, Actors.Admin);

        Assert.Equal(new DateOnly(2027, 1, 8), DateOnly.FromDateTime(scenario.Case.AppealDeadline!.Value.DateTime));
    }

    [Fact]
    public void ReleaseResult_OverEaster_SkipsGoodFridayAndEasterMondayOfTheCalendar()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.IqaApproved, CaseState.ResultReleased);
        scenario.BankHolidays.AddRange(BankHolidayCalendar.UnitedKingdom.For(UkNation.EnglandAndWales));

        scenario.Move(CaseState.ResultReleased, Actors.Admin);

        // Released on Wednesday 3 March 2027; Good Friday is 26 March and Easter Monday 29 March.
        Assert.Equal(new DateOnly(2027, 4, 2), DateOnly.FromDateTime(scenario.Case.AppealDeadline!.Value.DateTime));
    }

    [Fact]
    public void ReleaseResult_InLondonAfterTheClocksChange_EndsTheDeadlineAtLocalMidnight()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.IqaApproved, CaseState.ResultReleased);
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

        new CaseWorkflow(TestClock.At(Now, london)).Transition(scenario.Case, CaseState.ResultReleased, Actors.Admin, scenario.Facts(), null);

        Assert.Equal(new DateTimeOffset(2027, 3, 31, 23, 59, 59, TimeSpan.FromHours(1)), scenario.Case.AppealDeadline);
    }

    [Fact]
    public void ReleaseResult_WithAShorterAppealWindowSetting_UsesIt()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.IqaApproved, CaseState.ResultReleased);
        scenario.Version = StandardVersions.St0128V1(s => s.AppealWindowWorkingDays = 2);

        scenario.Move(CaseState.ResultReleased, Actors.Admin);

        Assert.Equal(new DateOnly(2027, 3, 5), DateOnly.FromDateTime(scenario.Case.AppealDeadline!.Value.DateTime));
    }

    [Fact]
    public void ReleaseResult_Automatically_IsAllowedToThePortal()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.IqaApproved, CaseState.ResultReleased);

        Assert.True(scenario.Move(CaseState.ResultReleased, Actor.System).Succeeded);
        Assert.Equal("system", scenario.Decision!.ReleasedById);
    }

    [Fact]
    public void ReleaseResult_NotApprovedByQa_IsRefused()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.IqaApproved, CaseState.ResultReleased);
        scenario.Decision!.QaStatus = QaStatus.Pending;

        Assert.Equal("The grade has not been approved by quality assurance.", Assert.Single(scenario.Move(CaseState.ResultReleased, Actors.Admin).Problems));
    }

    [Fact]
    public void ReleaseResult_WithNoGrade_IsRefused()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.IqaApproved, CaseState.ResultReleased);
        scenario.Decision = null;

        Assert.Equal("There is no grade to release.", Assert.Single(scenario.Move(CaseState.ResultReleased, Actors.Admin).Problems));
    }

    [Fact]
    public void RequestCertificate_ForAPass_StampsTheRequest()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.ResultReleased, CaseState.CertificateRequested);

        scenario.Move(CaseState.CertificateRequested, Actors.Admin);

        Assert.Equal(Now, scenario.Case.CertificateRequestedAt);
    }

    [Fact]
    public void RequestCertificate_ForAFail_IsRefused()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.ResultReleased, CaseState.CertificateRequested);
        scenario.MakeDecisionFail();

        Assert.Equal("A Fail is not certificated: record the fail instead.", Assert.Single(scenario.Move(CaseState.CertificateRequested, Actors.Admin).Problems));
    }

    [Fact]
    public void RequestCertificate_WithoutTheApprenticesConsent_IsRefused()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.ResultReleased, CaseState.CertificateRequested);
        scenario.CertificateConsent = false;

        Assert.Equal("The apprentice has not consented to the certificate request.", Assert.Single(scenario.Move(CaseState.CertificateRequested, Actors.Admin).Problems));
    }

    [Fact]
    public void RequestCertificate_WithoutTheDeclarations_IsRefused()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.ResultReleased, CaseState.CertificateRequested);
        scenario.CertificateDeclarations = false;

        Assert.Equal("The certificate declarations have not been confirmed.", Assert.Single(scenario.Move(CaseState.CertificateRequested, Actors.Admin).Problems));
    }

    [Theory]
    [InlineData(Grade.Pass)]
    [InlineData(Grade.Merit)]
    [InlineData(Grade.Distinction)]
    public void RecordFail_ForAPassingGrade_IsRefused(Grade grade)
    {
        var scenario = CaseScenario.ReadyFor(CaseState.ResultReleased, CaseState.FailRecorded);
        scenario.Decision = new GradeDecision(42, 1, Actors.AssessorId, grade, grade, "…", Now) { QaStatus = QaStatus.Approved, QaDecisionDate = new DateOnly(2027, 3, 1) };

        Assert.Equal($"This result is a {grade}, not a Fail.", Assert.Single(scenario.Move(CaseState.FailRecorded, Actors.Admin).Problems));
    }

    [Fact]
    public void RecordFail_WithoutARecommendation_IsRefused()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.ResultReleased, CaseState.FailRecorded);
        scenario.MakeDecisionFail(recommendation: null);

        Assert.Equal("The feedback must recommend a re-sit or a re-take.", Assert.Single(scenario.Move(CaseState.FailRecorded, Actors.Admin).Problems));
    }
}
