using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Tests.TestData;

namespace EpaPortal.Domain.Tests.Assessment;

/// <summary>Booking the interview again after quality assurance returned the case to the pre-interview review.</summary>
[Trait("Category", "Unit")]
public class InterviewRebookTests
{
    private static readonly DateTimeOffset Now = TestClock.Now;

    [Fact]
    public void Rebook_ACompletedInterview_MovesTheSameEventAndClearsTheCompletion()
    {
        var uid = Guid.NewGuid();
        var interview = new Interview(42, 1, Now.AddDays(-7), 60, InterviewMode.VideoCall, "https://video.example/a", uid);
        interview.MarkCompleted(Now.AddDays(-7).AddHours(1));

        interview.Rebook(Now.AddDays(5), 90, InterviewMode.InPerson, "1 Test Street", "Returned by QA: explore security again.");

        Assert.Null(interview.CompletedAt);
        Assert.Equal(Now.AddDays(5), interview.StartsAt);
        Assert.Equal(90, interview.DurationMinutes);
        Assert.Equal(InterviewMode.InPerson, interview.Mode);
        Assert.Equal(uid, interview.CalendarUid);
        Assert.Equal(1, interview.CalendarSequence);
        Assert.Equal("Returned by QA: explore security again.", interview.LastRescheduleReason);
    }

    [Fact]
    public void Rebook_AnInterviewNotYetCompleted_Throws()
    {
        var interview = new Interview(42, 1, Now.AddDays(2), 60, InterviewMode.VideoCall, "https://video.example/a", Guid.NewGuid());

        Assert.Throws<InvalidOperationException>(() => interview.Rebook(Now.AddDays(5), 60, InterviewMode.VideoCall, "https://video.example/b", "Moved."));
    }

    [Fact]
    public void ScheduleInterview_AfterARebookInTheFuture_IsAllowed()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.PreInterviewReview, CaseState.InterviewScheduled);
        var interview = new Interview(scenario.Case.Id, scenario.Case.Attempt, Now.AddDays(-7), 60, InterviewMode.VideoCall, "https://video.example/a", Guid.NewGuid());
        interview.MarkCompleted(Now.AddDays(-7).AddHours(1));
        interview.Rebook(Now.AddDays(14), 60, InterviewMode.VideoCall, "https://video.example/b", "Returned by QA.");
        scenario.Interview = interview;

        var outcome = scenario.Move(CaseState.InterviewScheduled);

        Assert.True(outcome.Succeeded, string.Join(" ", outcome.Problems));
    }
}
