using EpaPortal.Domain.Access;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Organisations;
using EpaPortal.Domain.Tests.TestData;

namespace EpaPortal.Domain.Tests.Cases;

/// <summary>Allocating the independent assessor: conflicts block it, and nobody holds two roles on a case.</summary>
[Trait("Category", "Unit")]
public class AssessorAllocationTests
{
    private static readonly DateTimeOffset Now = TestClock.Now;
    private static readonly Actor Kim = Actors.OtherAssessor;

    [Fact]
    public void Allocate_AnAssessorWithoutConflict_SetsTheAssessorAndAudits()
    {
        var scenario = CaseScenario.In(CaseState.GatewayApproved);
        scenario.Case.AssessorId = null;

        var outcome = Allocate(scenario, Kim);

        Assert.Equal("assessor-2", scenario.Case.AssessorId);
        Assert.Equal((CaseActions.AssessorAllocated, "Allocated Kim Assessor (assessor-2)"), (outcome.Audit!.Action, outcome.Audit.Details));
    }

    [Fact]
    public void Allocate_AnAssessorWithAConflictInForce_IsRefusedNamingTheOrganisation()
    {
        var scenario = CaseScenario.In(CaseState.GatewayApproved);

        var outcome = Allocate(scenario, Kim, Conflict("assessor-2", Actors.AcmeId, new DateOnly(2026, 1, 1), null));

        Assert.Equal("This assessor declared a conflict with Acme Ltd.", Assert.Single(outcome.Problems));
        Assert.Equal(Actors.AssessorId, scenario.Case.AssessorId);
    }

    [Theory]
    [InlineData("2026-01-01", "2027-03-02")]
    [InlineData("2027-03-04", null)]
    public void Allocate_AnAssessorWhoseConflictIsNotInForceToday_Succeeds(string from, string? to)
    {
        var scenario = CaseScenario.In(CaseState.GatewayApproved);

        var outcome = Allocate(scenario, Kim, Conflict("assessor-2", Actors.AcmeId, Day(from), to is null ? null : Day(to)));

        Assert.True(outcome.Succeeded);
    }

    [Fact]
    public void Allocate_AnAssessorWithAConflictOnTheLastDayOfIt_IsRefused()
    {
        var scenario = CaseScenario.In(CaseState.GatewayApproved);

        Assert.False(Allocate(scenario, Kim, Conflict("assessor-2", Actors.AcmeId, new DateOnly(2026, 1, 1), new DateOnly(2027, 3, 3))).Succeeded);
    }

    [Fact]
    public void Allocate_AnAssessorWithAConflictWithAnotherEmployer_Succeeds()
    {
        var scenario = CaseScenario.In(CaseState.GatewayApproved);

        Assert.True(Allocate(scenario, Kim, Conflict("assessor-2", 9, new DateOnly(2026, 1, 1), null)).Succeeded);
    }

    [Fact]
    public void Allocate_BySomeoneOtherThanAnAdmin_IsRefused()
    {
        var scenario = CaseScenario.In(CaseState.GatewayApproved);

        var outcome = scenario.Workflow().AllocateAssessor(scenario.Case, Actors.Assessor, Kim, [], scenario.Facts());

        Assert.Equal("Only an admin can allocate an assessor.", Assert.Single(outcome.Problems));
    }

    [Fact]
    public void Allocate_SomeoneWhoIsNotAnAssessor_IsRefused()
    {
        var scenario = CaseScenario.In(CaseState.GatewayApproved);

        Assert.Equal("Quinn Quality is not an assessor.", Assert.Single(Allocate(scenario, Actors.QualityAssurer).Problems));
    }

    [Fact]
    public void Allocate_TheSameAssessorAgain_IsRefused()
    {
        var scenario = CaseScenario.In(CaseState.GatewayApproved);

        Assert.Equal("Sam Assessor is already the case's assessor.", Assert.Single(Allocate(scenario, Actors.Assessor).Problems));
    }

    [Fact]
    public void Allocate_AnAssessorWhoIsAlsoTheApprenticesEmployer_IsRefused()
    {
        var scenario = CaseScenario.In(CaseState.GatewayApproved);
        var employerAssessor = new Actor("employer-assessor", "Jo", [PortalRole.Assessor, PortalRole.Employer], Actors.AcmeId);

        Assert.Equal("Jo is a party to this case and cannot assess it.", Assert.Single(Allocate(scenario, employerAssessor).Problems));
    }

    [Fact]
    public void Allocate_TheCasesQualityAssurer_IsRefused()
    {
        var scenario = CaseScenario.In(CaseState.ResitPlanned);
        scenario.QualityAssurerIds.Add("assessor-2");

        Assert.Equal("Kim Assessor quality-assured this case and cannot also assess it.", Assert.Single(Allocate(scenario, Kim).Problems));
    }

    [Fact]
    public void Allocate_ForAnUpheldAppeal_TheAssessorWhoGradedIt_IsRefused()
    {
        var scenario = CaseScenario.In(CaseState.AppealUpheld);
        scenario.Case.AssessorId = null;

        var outcome = Allocate(scenario, Actors.Assessor);

        Assert.Equal("The re-assessment of an appeal needs a different assessor from the one who graded the result.", Assert.Single(outcome.Problems));
    }

    [Fact]
    public void Allocate_ForAnUpheldAppeal_ADifferentAssessor_Succeeds()
    {
        var scenario = CaseScenario.In(CaseState.AppealUpheld);
        scenario.Case.AssessorId = Actors.AssessorId;
        scenario.Decision = new GradeDecision(42, 1, Actors.AssessorId, Grade.Fail, Grade.Fail, "…", Now);

        var outcome = Allocate(scenario, Actors.AssessorWithId("assessor-3"));

        Assert.Equal("Re-allocated from assessor-1 to Assessor assessor-3 (assessor-3)", outcome.Audit!.Details);
    }

    [Theory]
    [InlineData(CaseState.GatewaySubmitted, true)]
    [InlineData(CaseState.GatewayApproved, true)]
    [InlineData(CaseState.ProjectScheduled, true)]
    [InlineData(CaseState.ProjectInProgress, true)]
    [InlineData(CaseState.ProjectSubmitted, true)]
    [InlineData(CaseState.PreInterviewReview, true)]
    [InlineData(CaseState.InterviewScheduled, true)]
    [InlineData(CaseState.ResitPlanned, true)]
    [InlineData(CaseState.RetakePlanned, true)]
    [InlineData(CaseState.AppealUpheld, true)]
    [InlineData(CaseState.Registered, false)]
    [InlineData(CaseState.GatewayRejected, false)]
    [InlineData(CaseState.InterviewCompleted, false)]
    [InlineData(CaseState.Graded, false)]
    [InlineData(CaseState.IqaApproved, false)]
    [InlineData(CaseState.ResultReleased, false)]
    [InlineData(CaseState.FailRecorded, false)]
    [InlineData(CaseState.AppealLodged, false)]
    [InlineData(CaseState.AppealRejected, false)]
    public void Allocate_InEachState_IsAllowedOnlyFromGatewaySubmissionToInterview(CaseState state, bool allowed)
    {
        var scenario = CaseScenario.In(state);

        var outcome = Allocate(scenario, Actors.AssessorWithId("assessor-3"));

        Assert.Equal(allowed, outcome.Succeeded);
        if (!allowed)
        {
            Assert.Equal($"An assessor cannot be allocated to a case that is '{DisplayNames.Of(state)}'.", Assert.Single(outcome.Problems));
        }
    }

    [Theory]
    [InlineData(CaseState.CertificateRequested)]
    [InlineData(CaseState.Withdrawn)]
    public void Allocate_OnAFinalCase_IsRefused(CaseState state)
    {
        var scenario = CaseScenario.In(state);

        Assert.Equal($"The case is '{DisplayNames.Of(state)}', which is final.", Assert.Single(Allocate(scenario, Kim).Problems));
    }

    private static CaseOutcome Allocate(CaseScenario scenario, Actor assessor, params ConflictOfInterest[] conflicts) =>
        scenario.Workflow().AllocateAssessor(scenario.Case, Actors.Admin, assessor, conflicts, scenario.Facts());

    private static ConflictOfInterest Conflict(string assessorId, int organisationId, DateOnly from, DateOnly? to) =>
        new(assessorId, organisationId, "Former employee", from, to, Now.AddYears(-1));

    private static DateOnly Day(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
