using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Tests.TestData;

namespace EpaPortal.Domain.Tests.Scheduling;

/// <summary>The case workflow refuses a schedule that breaks the timing rules; an admin may override
/// only with a recorded reason; an interview far shorter than booked needs a reason.</summary>
[Trait("Category", "Unit")]
public class TimingRuleTransitionTests
{
    private static readonly DateTimeOffset Now = TestClock.Now;

    [Fact]
    public void ScheduleProject_OpeningTomorrow_IsRefusedNamingTheNoticeRule()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.GatewayApproved, CaseState.ProjectScheduled);
        scenario.Project = CaseScenario.NewProject(1, Now.AddDays(1));

        var outcome = scenario.Move(CaseState.ProjectScheduled, Actors.AssessorWithId(scenario.Case.AssessorId!));

        Assert.False(outcome.Succeeded);
        Assert.Contains(outcome.Problems, p => p.StartsWith("Project notice:", StringComparison.Ordinal) && p.Contains("Wednesday 10 March 2027", StringComparison.Ordinal));
    }

    [Fact]
    public void ScheduleProject_ByAnAssessorGivingAReason_IsStillRefused()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.GatewayApproved, CaseState.ProjectScheduled);
        scenario.Project = CaseScenario.NewProject(1, Now.AddDays(1));

        Assert.False(scenario.Move(CaseState.ProjectScheduled, Actors.AssessorWithId(scenario.Case.AssessorId!), "Apprentice asked for it").Succeeded);
    }

    [Fact]
    public void ScheduleProject_ByAnAdminWithoutAReason_IsRefusedSayingAReasonWouldOverride()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.GatewayApproved, CaseState.ProjectScheduled);
        scenario.Project = CaseScenario.NewProject(1, Now.AddDays(1));

        var outcome = scenario.Move(CaseState.ProjectScheduled, Actors.Admin, reason: null);

        Assert.Contains("As an admin you may schedule against these rules only by giving the reason for the override.", outcome.Problems);
    }

    [Fact]
    public void ScheduleProject_ByAnAdminWithAReason_IsAcceptedAndTheOverrideRecorded()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.GatewayApproved, CaseState.ProjectScheduled);
        scenario.Project = CaseScenario.NewProject(1, Now.AddDays(1));

        var outcome = scenario.Move(CaseState.ProjectScheduled, Actors.Admin, "Employer shutdown from next week");

        Assert.True(outcome.Succeeded);
        Assert.Equal("Project notice: Employer shutdown from next week", scenario.Project.ScheduleOverrideReason);
        Assert.Equal(Actors.Admin.UserId, scenario.Project.ScheduleOverriddenById);
        Assert.Equal("Employer shutdown from next week", outcome.Audit!.Reason);
    }

    [Fact]
    public void ScheduleProject_WithinTheRules_RecordsNoOverride()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.GatewayApproved, CaseState.ProjectScheduled);

        Assert.True(scenario.Move(CaseState.ProjectScheduled, Actors.Admin, "Any reason").Succeeded);
        Assert.Null(scenario.Project!.ScheduleOverrideReason);
    }

    [Fact]
    public void ScheduleProject_UsesTheApprenticesNationsBankHolidays()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.GatewayApproved, CaseState.ProjectScheduled);
        // A bank holiday inside the window (Friday 12 March) makes the working week end a day later.
        scenario.BankHolidays.Add(new DateOnly(2027, 3, 12));

        var outcome = scenario.Move(CaseState.ProjectScheduled, Actors.AssessorWithId(scenario.Case.AssessorId!));

        Assert.Contains(outcome.Problems, p => p.StartsWith("Project window length:", StringComparison.Ordinal) && p.Contains("Thursday 18 March 2027", StringComparison.Ordinal));
    }

    [Fact]
    public void ScheduleInterview_ThreeMinutesAhead_IsRefusedNamingTheNoticeRule()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.PreInterviewReview, CaseState.InterviewScheduled);
        scenario.Interview = new Interview(42, 1, Now.AddMinutes(3), 60, InterviewMode.VideoCall, "https://meet.example/abc", Guid.NewGuid());

        var problem = Assert.Single(scenario.Move(CaseState.InterviewScheduled).Problems);

        Assert.StartsWith("Interview notice:", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ScheduleInterview_ByAnAdminOverridingTheDuration_RecordsTheRuleAndReason()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.PreInterviewReview, CaseState.InterviewScheduled);
        scenario.Interview = new Interview(42, 1, Now.AddDays(14), 150, InterviewMode.VideoCall, "https://meet.example/abc", Guid.NewGuid());

        Assert.True(scenario.Move(CaseState.InterviewScheduled, Actors.Admin, "Approved extra time: reasonable adjustment").Succeeded);
        Assert.Equal("Interview duration: Approved extra time: reasonable adjustment", scenario.Interview.ScheduleOverrideReason);
    }

    [Fact]
    public void CompleteInterview_OneMinuteAfterItStarted_AsksForAReason()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.InterviewScheduled, CaseState.InterviewCompleted);
        scenario.Interview = new Interview(42, 1, Now.AddMinutes(-1), 60, InterviewMode.VideoCall, "https://meet.example/abc", Guid.NewGuid());

        var problem = Assert.Single(scenario.Move(CaseState.InterviewCompleted, scenario.AllocatedAssessor, reason: null).Problems);

        Assert.Equal("The interview is being recorded as completed 1 minute after it started, far shorter than the 60 minutes booked: give the reason it ended early.", problem);
    }

    [Fact]
    public void CompleteInterview_FarShorterWithAReason_IsAcceptedAndAudited()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.InterviewScheduled, CaseState.InterviewCompleted);
        scenario.Interview = new Interview(42, 1, Now.AddMinutes(-20), 60, InterviewMode.VideoCall, "https://meet.example/abc", Guid.NewGuid());

        var outcome = scenario.Move(CaseState.InterviewCompleted, scenario.AllocatedAssessor, "The apprentice was unwell and we stopped.");

        Assert.True(outcome.Succeeded);
        Assert.Equal("The apprentice was unwell and we stopped.", outcome.Audit!.Reason);
    }

    [Fact]
    public void CompleteInterview_BeforeItStarts_IsRefused()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.InterviewScheduled, CaseState.InterviewCompleted);
        scenario.Interview = new Interview(42, 1, Now.AddMinutes(5), 60, InterviewMode.VideoCall, "https://meet.example/abc", Guid.NewGuid());

        Assert.Contains(scenario.Move(CaseState.InterviewCompleted).Problems, p => p.Contains("it cannot be completed before then", StringComparison.Ordinal));
    }
}
