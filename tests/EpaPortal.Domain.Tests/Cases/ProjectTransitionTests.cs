using EpaPortal.Domain.Access;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Organisations;
using EpaPortal.Domain.Tests.TestData;

namespace EpaPortal.Domain.Tests.Cases;

/// <summary>Scheduling the synoptic project, its window opening and closing by the clock, and submission.</summary>
[Trait("Category", "Unit")]
public class ProjectTransitionTests
{
    private static readonly DateTimeOffset Now = TestClock.Now;

    [Fact]
    public void ScheduleProject_WithNoAssessorAllocated_IsRefused()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.GatewayApproved, CaseState.ProjectScheduled);
        scenario.Case.AssessorId = null;

        Assert.Equal("No assessor has been allocated to the case.", Assert.Single(scenario.Move(CaseState.ProjectScheduled).Problems));
    }

    [Fact]
    public void ScheduleProject_WhenTheAssessorHasAConflictInForce_IsRefusedNamingTheOrganisation()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.GatewayApproved, CaseState.ProjectScheduled);
        scenario.Conflicts.Add(new ConflictOfInterest(Actors.AssessorId, Actors.AcmeId, "Former employee", new DateOnly(2026, 1, 1), null, Now));

        var outcome = scenario.Move(CaseState.ProjectScheduled);

        Assert.Equal("The allocated assessor declared a conflict with Acme Ltd: allocate another assessor.", Assert.Single(outcome.Problems));
    }

    [Theory]
    [InlineData(Actors.AssessorId, Actors.AcmeId, "2026-01-01", "2027-03-02")]
    [InlineData(Actors.AssessorId, Actors.AcmeId, "2027-03-04", null)]
    [InlineData(Actors.AssessorId, 9, "2026-01-01", null)]
    [InlineData("assessor-2", Actors.AcmeId, "2026-01-01", null)]
    public void ScheduleProject_WithAConflictNotInForceForThisCase_Succeeds(string assessorId, int organisationId, string from, string? to)
    {
        var scenario = CaseScenario.ReadyFor(CaseState.GatewayApproved, CaseState.ProjectScheduled);
        scenario.Conflicts.Add(new ConflictOfInterest(assessorId, organisationId, "Past work", DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), to is null ? null : DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture), Now));

        Assert.True(scenario.Move(CaseState.ProjectScheduled).Succeeded);
    }

    [Fact]
    public void ScheduleProject_WithoutABriefForThisAttempt_IsRefused()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.GatewayApproved, CaseState.ProjectScheduled);
        scenario.Project = null;

        Assert.Equal("The project brief and window for this attempt have not been set.", Assert.Single(scenario.Move(CaseState.ProjectScheduled).Problems));
    }

    [Fact]
    public void ScheduleResitProject_WithTheFirstAttemptsBrief_IsRefused()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.ResitPlanned, CaseState.ProjectScheduled);
        scenario.Project = CaseScenario.NewProject(attempt: 1, Now.AddDays(7));

        Assert.Equal("The project brief and window for this attempt have not been set.", Assert.Single(scenario.Move(CaseState.ProjectScheduled).Problems));
    }

    [Fact]
    public void ScheduleProject_WithAnEmptyBrief_IsRefused()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.GatewayApproved, CaseState.ProjectScheduled);
        scenario.Project!.BriefText = " ";

        Assert.Equal("The project brief needs a title and its text.", Assert.Single(scenario.Move(CaseState.ProjectScheduled).Problems));
    }

    [Fact]
    public void ScheduleProject_WithAWindowClosingBeforeItOpens_IsRefused()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.GatewayApproved, CaseState.ProjectScheduled);
        scenario.Project!.WindowClosesAt = scenario.Project.WindowOpensAt.AddHours(-1);

        Assert.Equal("The project window must close after it opens.", Assert.Single(scenario.Move(CaseState.ProjectScheduled).Problems));
    }

    [Fact]
    public void ScheduleProject_WithAWindowAlreadyOpen_IsRefusedSoTheBriefStaysHidden()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.GatewayApproved, CaseState.ProjectScheduled);
        scenario.Project = CaseScenario.NewProject(1, Now.AddMinutes(-1));

        Assert.Equal("The project window must open in the future, so that the brief stays hidden until then.", Assert.Single(scenario.Move(CaseState.ProjectScheduled).Problems));
    }

    [Fact]
    public void ScheduleProject_ByTheAllocatedAssessor_Succeeds()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.GatewayApproved, CaseState.ProjectScheduled);

        Assert.True(scenario.Move(CaseState.ProjectScheduled, Actors.Assessor).Succeeded);
    }

    [Fact]
    public void OpenWindow_BeforeItOpens_IsRefusedSayingWhen()
    {
        var scenario = CaseScenario.In(CaseState.ProjectScheduled);

        var outcome = scenario.Move(CaseState.ProjectInProgress, Actor.System);

        Assert.Equal("The project window opens on 10 March 2027 at 10:00.", Assert.Single(outcome.Problems));
    }

    [Fact]
    public void OpenWindow_InTheLondonTimeZone_SaysWhenInLocalTime()
    {
        var scenario = CaseScenario.In(CaseState.ProjectScheduled);
        scenario.Project = CaseScenario.NewProject(1, new DateTimeOffset(2027, 4, 5, 8, 0, 0, TimeSpan.Zero));
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

        var outcome = new CaseWorkflow(TestClock.At(Now, london)).Transition(scenario.Case, CaseState.ProjectInProgress, Actor.System, scenario.Facts(), null);

        Assert.Equal("The project window opens on 5 April 2027 at 09:00.", Assert.Single(outcome.Problems));
    }

    [Fact]
    public void OpenWindow_WithNoProject_IsRefused()
    {
        var scenario = CaseScenario.In(CaseState.ProjectScheduled);
        scenario.Project = null;

        Assert.Equal("The project for this attempt has not been set.", Assert.Single(scenario.Move(CaseState.ProjectInProgress, Actor.System).Problems));
    }

    [Fact]
    public void SubmitProject_ByTheApprenticeInsideTheWindow_MarksTheSubmission()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.ProjectInProgress, CaseState.ProjectSubmitted);

        var outcome = scenario.Move(CaseState.ProjectSubmitted, Actors.Apprentice);

        Assert.True(outcome.Succeeded);
        Assert.Equal(Now, scenario.Project!.SubmittedAt);
    }

    [Fact]
    public void SubmitProject_WithNoDeliverable_IsRefused()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.ProjectInProgress, CaseState.ProjectSubmitted);
        scenario.Deliverables = 0;

        Assert.Equal("Upload at least one project deliverable before submitting.", Assert.Single(scenario.Move(CaseState.ProjectSubmitted, Actors.Apprentice).Problems));
    }

    [Fact]
    public void SubmitProject_ByTheApprenticeAfterTheWindowClosed_IsRefused()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.ProjectInProgress, CaseState.ProjectSubmitted);
        scenario.Project = CaseScenario.NewProject(1, Now.AddDays(-10));

        var outcome = scenario.Move(CaseState.ProjectSubmitted, Actors.Apprentice);

        Assert.Equal("The project window closed on 26 February 2027 at 10:00; only an admin can grant an extension.", Assert.Single(outcome.Problems));
    }

    [Fact]
    public void SubmitProject_ByTheApprenticeWithinAnExtension_Succeeds()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.ProjectInProgress, CaseState.ProjectSubmitted);
        scenario.Project = CaseScenario.NewProject(1, Now.AddDays(-10));
        scenario.Project.GrantExtension(Now.AddDays(1), "Illness: special consideration", "admin-1");

        Assert.True(scenario.Move(CaseState.ProjectSubmitted, Actors.Apprentice).Succeeded);
    }

    [Fact]
    public void CloseWindow_ByTheClockBeforeItCloses_IsRefused()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.ProjectInProgress, CaseState.ProjectSubmitted);

        var outcome = scenario.Move(CaseState.ProjectSubmitted, Actor.System);

        Assert.Equal("The project window is open until 9 March 2027 at 10:00.", Assert.Single(outcome.Problems));
    }

    [Fact]
    public void CloseWindow_ByTheClockDuringAnExtension_IsRefused()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.ProjectInProgress, CaseState.ProjectSubmitted);
        scenario.Project = CaseScenario.NewProject(1, Now.AddDays(-10));
        scenario.Project.GrantExtension(Now.AddDays(1), "Illness: special consideration", "admin-1");

        Assert.Single(scenario.Move(CaseState.ProjectSubmitted, Actor.System).Problems);
    }

    [Fact]
    public void CloseWindow_ByTheClockAfterItClosed_MovesTheCaseWithoutMarkingASubmission()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.ProjectInProgress, CaseState.ProjectSubmitted);
        scenario.Project = CaseScenario.NewProject(1, Now.AddDays(-10));
        scenario.Deliverables = 0;

        var outcome = scenario.Move(CaseState.ProjectSubmitted, Actor.System);

        Assert.True(outcome.Succeeded);
        Assert.Null(scenario.Project.SubmittedAt);
        Assert.Equal("system", outcome.Audit!.ActorId);
    }
}
