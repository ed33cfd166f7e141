using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;

namespace EpaPortal.Domain.Tests.Assessment;

/// <summary>When the assessor's records may be written (by state and clock), and which methods a judgement has assessed.</summary>
[Trait("Category", "Unit")]
public class AssessmentRulesTests
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(CaseState.GatewayApproved, true)]
    [InlineData(CaseState.ResitPlanned, true)]
    [InlineData(CaseState.RetakePlanned, true)]
    [InlineData(CaseState.ProjectScheduled, true)]
    [InlineData(CaseState.Registered, false)]
    [InlineData(CaseState.ProjectInProgress, false)]
    [InlineData(CaseState.Graded, false)]
    public void Brief_IsSet_BeforeTheWindowOpens(CaseState state, bool allowed)
    {
        Assert.Equal(allowed, AssessmentRules.WhyBriefCannotBeSet(state, onHold: false) is null);
        Assert.Equal("The case is on hold.", AssessmentRules.WhyBriefCannotBeSet(state, onHold: true));
    }

    [Theory]
    [InlineData(CaseState.PreInterviewReview, null, true)]
    [InlineData(CaseState.InterviewScheduled, 1, true)]
    [InlineData(CaseState.InterviewScheduled, -1, false)]
    [InlineData(CaseState.ProjectSubmitted, null, false)]
    [InlineData(CaseState.InterviewCompleted, null, false)]
    public void Notes_AreWritten_FromTheReviewUntilTheInterviewStarts(CaseState state, int? interviewInHours, bool allowed)
    {
        DateTimeOffset? startsAt = interviewInHours is { } hours ? Now.AddHours(hours) : null;
        var reason = AssessmentRules.WhyNotesCannotChange(state, onHold: false, startsAt, Now, Zone);
        Assert.Equal(allowed, reason is null);
        if (state == CaseState.InterviewScheduled && !allowed)
        {
            Assert.Equal("The interview started on 2 November 2026 at 08:00: the planned questions are now recorded on the interview page.", reason);
        }
    }

    [Fact]
    public void Interview_IsRecorded_OnceItHasStarted_AndAfterItsCompletion()
    {
        var interview = new Interview(1, 1, Now.AddHours(2), 60, InterviewMode.VideoCall, "https://meet.example.test", Guid.NewGuid());
        Assert.Equal("You can record the interview once it starts, on 2 November 2026 at 11:00.", AssessmentRules.WhyInterviewCannotBeRecorded(CaseState.InterviewScheduled, false, interview, Now, Zone));
        Assert.Null(AssessmentRules.WhyInterviewCannotBeRecorded(CaseState.InterviewScheduled, false, interview, Now.AddHours(3), Zone));
        Assert.Null(AssessmentRules.WhyInterviewCannotBeRecorded(CaseState.InterviewCompleted, false, interview, Now.AddHours(3), Zone));
        Assert.NotNull(AssessmentRules.WhyInterviewCannotBeRecorded(CaseState.PreInterviewReview, false, null, Now, Zone));
        Assert.Equal("The case is on hold.", AssessmentRules.WhyInterviewCannotBeRecorded(CaseState.InterviewScheduled, true, interview, Now.AddHours(3), Zone));
    }

    [Fact]
    public void Interview_IsBooked_InTheReview_AndMoved_OnlyBeforeItsCompletion()
    {
        var interview = new Interview(1, 1, Now.AddHours(2), 60, InterviewMode.VideoCall, "https://meet.example.test", Guid.NewGuid());
        Assert.Null(AssessmentRules.WhyInterviewCannotBeBooked(CaseState.PreInterviewReview, false));
        Assert.NotNull(AssessmentRules.WhyInterviewCannotBeBooked(CaseState.InterviewScheduled, false));
        Assert.Null(AssessmentRules.WhyInterviewCannotBeMoved(CaseState.InterviewScheduled, false, interview));
        Assert.NotNull(AssessmentRules.WhyInterviewCannotBeMoved(CaseState.InterviewCompleted, false, interview));
        Assert.NotNull(AssessmentRules.WhyInterviewCannotBeMoved(CaseState.InterviewScheduled, false, null));
    }

    [Theory]
    [InlineData(CaseState.InterviewCompleted, false, true, true)]
    [InlineData(CaseState.Graded, false, true, false)]
    [InlineData(CaseState.ResultReleased, false, true, false)]
    [InlineData(CaseState.InterviewScheduled, false, false, false)]
    [InlineData(CaseState.PreInterviewReview, true, false, false)]
    [InlineData(CaseState.ProjectSubmitted, false, false, false)]
    public void Judgement_StartsAfterTheInterview_AndChangesUntilItIsSubmitted(CaseState state, bool returnedByQa, bool canStart, bool canChange)
    {
        Assert.Equal(canStart, AssessmentRules.WhyJudgementCannotStart(state, returnedByQa, Now, Zone) is null);
        Assert.Equal(canChange, AssessmentRules.WhyJudgementCannotChange(state, onHold: false, returnedByQa, Now, Zone) is null);
        Assert.NotNull(AssessmentRules.WhyJudgementCannotChange(state, onHold: true, returnedByQa, Now, Zone));
    }

    [Fact]
    public void Judgement_BeforeTheInterview_SaysWhenItIsBooked_AndThatNoGradeComesFirst()
    {
        var reason = AssessmentRules.WhyJudgementCannotStart(CaseState.InterviewScheduled, false, Now.AddDays(3), Zone)!;
        Assert.Contains("The interview is booked for 5 November 2026 at 09:00.", reason, StringComparison.Ordinal);
        Assert.EndsWith("No grade can be decided until all the evidence, including the interview, has been assessed.", reason, StringComparison.Ordinal);
        Assert.StartsWith("Quality assurance returned the case", AssessmentRules.WhyJudgementCannotStart(CaseState.PreInterviewReview, true, null, Zone), StringComparison.Ordinal);
    }

    [Fact]
    public void Coverage_CountsAMethodCited_OrWithNothingToCite()
    {
        var coverage = AssessmentRules.Coverage(
            Enum.GetValues<AssessmentMethod>(),
            cited: [EvidenceSource.PortfolioItem, EvidenceSource.ReferenceSection],
            offered: [EvidenceSource.PortfolioItem, EvidenceSource.ReferenceSection, EvidenceSource.InterviewAnswer]);

        Assert.Equal(
            [(AssessmentMethod.Portfolio, true), (AssessmentMethod.Project, true), (AssessmentMethod.EmployerReference, true), (AssessmentMethod.Interview, false)],
            coverage.Select(m => (m.Method, m.Assessed)));
        var progress = AssessmentRules.Progress(coverage, interviewCompleted: true);
        Assert.Equal([AssessmentMethod.Portfolio, AssessmentMethod.Project, AssessmentMethod.EmployerReference], progress.MethodsAssessed);
        Assert.True(progress.InterviewCompleted);
    }
}
