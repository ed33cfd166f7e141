using EpaPortal.Domain.Adjustments;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Scheduling;
using EpaPortal.Domain.Tests.TestData;

namespace EpaPortal.Domain.Tests.Scheduling;

/// <summary>Issue 18, items 4 and 6 in the workflow: booking the interview keeps the assessor's availability
/// (overridable by an admin with a reason), never clashes (not overridable), and uses the adjusted length.</summary>
[Trait("Category", "Unit")]
public class BookingTransitionTests
{
    // Wednesday 17 March 2027 at 10:00 (GMT): two weeks after the test clock's now.
    private static readonly DateTimeOffset Slot = TestClock.Now.AddDays(14);

    private static CaseScenario Booked(int minutes = 60)
    {
        var scenario = CaseScenario.ReadyFor(CaseState.PreInterviewReview, CaseState.InterviewScheduled);
        scenario.Interview = new Interview(42, 1, Slot, minutes, InterviewMode.VideoCall, "https://meet.example/abc", Guid.NewGuid());
        scenario.Availability = Availability.Of(null);
        return scenario;
    }

    [Fact]
    public void ScheduleInterview_InAFreeSlot_IsAccepted()
    {
        Assert.True(Booked().Move(CaseState.InterviewScheduled).Succeeded);
    }

    [Fact]
    public void ScheduleInterview_ClashingWithTheAssessorsOtherInterview_IsRefusedEvenForAnAdminWithAReason()
    {
        var scenario = Booked();
        scenario.Busy.Add(new BusyTime(Slot.AddMinutes(30), Slot.AddMinutes(90), BusyOwner.Assessor, "case 9"));

        var byAssessor = scenario.Move(CaseState.InterviewScheduled);
        var byAdmin = scenario.Move(CaseState.InterviewScheduled, Actors.Admin, "The assessor can do both.");

        Assert.Contains(byAssessor.Problems, p => p.StartsWith("Clash: The assessor already has an interview", StringComparison.Ordinal));
        Assert.False(byAdmin.Succeeded);
        Assert.Contains(byAdmin.Problems, p => p.StartsWith("Clash:", StringComparison.Ordinal));
    }

    [Fact]
    public void ScheduleInterview_ClashingWithTheApprenticesOtherInterview_IsRefused()
    {
        var scenario = Booked();
        scenario.Busy.Add(new BusyTime(Slot.AddMinutes(-30), Slot.AddMinutes(30), BusyOwner.Apprentice, "case 11"));

        Assert.Contains(scenario.Move(CaseState.InterviewScheduled).Problems, p => p.StartsWith("Clash: The apprentice", StringComparison.Ordinal));
    }

    [Fact]
    public void ScheduleInterview_OnTheAssessorsLeave_IsRefused_UnlessAnAdminOverridesWithAReason()
    {
        var scenario = Booked();
        var day = DateOnly.FromDateTime(Slot.UtcDateTime);
        scenario.Availability = new Availability(AssessorDiary.DefaultHours, [new LeaveRange(day, day, null)]);

        Assert.Contains(scenario.Move(CaseState.InterviewScheduled).Problems, p => p.StartsWith("Assessor availability:", StringComparison.Ordinal));
        Assert.True(scenario.Move(CaseState.InterviewScheduled, Actors.Admin, "The assessor moved their leave.").Succeeded);
        Assert.Equal("Assessor availability: The assessor moved their leave.", scenario.Interview!.ScheduleOverrideReason);
    }

    [Fact]
    public void ScheduleInterview_WithAnApprovedExtraHalfHour_NeedsTheAdjustedLength()
    {
        var plain = Booked(60);
        plain.Adjustment = new ScheduleAdjustment(0, 30);
        var adjusted = Booked(90);
        adjusted.Adjustment = new ScheduleAdjustment(0, 30);

        Assert.Contains(plain.Move(CaseState.InterviewScheduled).Problems, p => p.StartsWith("Interview duration:", StringComparison.Ordinal) && p.Contains("90 minutes would do", StringComparison.Ordinal));
        Assert.True(adjusted.Move(CaseState.InterviewScheduled).Succeeded);
    }
}
