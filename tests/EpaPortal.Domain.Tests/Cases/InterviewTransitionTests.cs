using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Tests.TestData;

namespace EpaPortal.Domain.Tests.Cases;

/// <summary>The pre-interview review, the interview, and submitting the final judgements.</summary>
[Trait("Category", "Unit")]
public class InterviewTransitionTests
{
    private static readonly DateTimeOffset Now = TestClock.Now;

    [Fact]
    public void ScheduleInterview_WithNoInitialConclusions_IsRefused()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.PreInterviewReview, CaseState.InterviewScheduled);
        scenario.Note = null;

        Assert.Equal("The initial conclusions have not been recorded.", Assert.Single(scenario.Move(CaseState.InterviewScheduled).Problems));
    }

    [Fact]
    public void ScheduleInterview_WithConclusionsOfAnEarlierAttempt_IsRefused()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.PreInterviewReview, CaseState.InterviewScheduled);
        scenario.Case.Attempt = 2;
        scenario.Project = CaseScenario.NewProject(2, Now);
        scenario.Interview = new Interview(42, 2, Now.AddDays(14), 60, InterviewMode.VideoCall, "link", Guid.NewGuid());
        scenario.Questions.Add(new InterviewQuestion(42, 2, "Why?", QuestionOrigin.Planned, 1, [101]));

        Assert.Equal("The initial conclusions have not been recorded.", Assert.Single(scenario.Move(CaseState.InterviewScheduled).Problems));
    }

    [Fact]
    public void ScheduleInterview_WithAnAreaWithoutConclusion_IsRefusedNamingIt()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.PreInterviewReview, CaseState.InterviewScheduled);
        scenario.Note = NoteWithout(scenario.Version, areaCode: "WithWhom");

        Assert.Equal("Initial conclusions are missing for the area With Whom.", Assert.Single(scenario.Move(CaseState.InterviewScheduled).Problems));
    }

    [Fact]
    public void ScheduleInterview_WithACompetencyWithoutConclusion_IsRefusedNamingIt()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.PreInterviewReview, CaseState.InterviewScheduled);
        scenario.Note = NoteWithout(scenario.Version, competencyCode: "C3");

        Assert.Equal("Initial conclusions are missing for C3 Development support.", Assert.Single(scenario.Move(CaseState.InterviewScheduled).Problems));
    }

    [Theory]
    [InlineData(InitialLevel.Expected)]
    [InlineData(InitialLevel.Above)]
    public void ScheduleInterview_WithAPositiveConclusionWithoutEvidence_IsRefused(InitialLevel level)
    {
        var scenario = CaseScenario.ReadyFor(CaseState.PreInterviewReview, CaseState.InterviewScheduled);
        scenario.Note!.SetConclusion(null, scenario.Version.CompetencyId("C1"), level, ["not a reference"], null);

        Assert.Equal("An initial conclusion of Expected or Above needs an evidence reference: none is cited for C1 Logic.", Assert.Single(scenario.Move(CaseState.InterviewScheduled).Problems));
    }

    [Theory]
    [InlineData(InitialLevel.NotYetEvident)]
    [InlineData(InitialLevel.Below)]
    public void ScheduleInterview_WithAWeakConclusionWithoutEvidence_Succeeds(InitialLevel level)
    {
        var scenario = CaseScenario.ReadyFor(CaseState.PreInterviewReview, CaseState.InterviewScheduled);
        scenario.Note!.SetConclusion(null, scenario.Version.CompetencyId("C1"), level, [], "Explore at interview.");

        Assert.True(scenario.Move(CaseState.InterviewScheduled).Succeeded);
    }

    [Fact]
    public void ScheduleInterview_WithNoQuestions_IsRefused()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.PreInterviewReview, CaseState.InterviewScheduled);
        scenario.Questions.Clear();

        Assert.Equal("Write the questions to explore at interview.", Assert.Single(scenario.Move(CaseState.InterviewScheduled).Problems));
    }

    [Fact]
    public void ScheduleInterview_WithNoBooking_IsRefused()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.PreInterviewReview, CaseState.InterviewScheduled);
        scenario.Interview = null;

        Assert.Equal("The interview has not been booked.", Assert.Single(scenario.Move(CaseState.InterviewScheduled).Problems));
    }

    [Fact]
    public void ScheduleInterview_BookedInThePast_IsRefused()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.PreInterviewReview, CaseState.InterviewScheduled);
        scenario.Interview = new Interview(42, 1, Now.AddHours(-1), 60, InterviewMode.VideoCall, "link", Guid.NewGuid());

        Assert.Equal("The interview must be booked for a time in the future.", Assert.Single(scenario.Move(CaseState.InterviewScheduled).Problems));
    }

    [Theory]
    [InlineData(120, 121)]
    [InlineData(90, 100)]
    public void ScheduleInterview_LongerThanTheStandardAllows_IsRefused(int maximum, int booked)
    {
        var scenario = CaseScenario.ReadyFor(CaseState.PreInterviewReview, CaseState.InterviewScheduled);
        scenario.Version = StandardVersions.St0128V1(s => s.MaxInterviewMinutes = maximum);
        scenario.Interview = new Interview(42, 1, Now.AddDays(14), booked, InterviewMode.VideoCall, "link", Guid.NewGuid());

        Assert.Equal($"Interview duration: this standard's interview lasts between 45 and {maximum} minutes; 60 minutes would do.", Assert.Single(scenario.Move(CaseState.InterviewScheduled).Problems));
    }

    [Fact]
    public void ScheduleInterview_ByAnAdmin_Succeeds()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.PreInterviewReview, CaseState.InterviewScheduled);

        Assert.True(scenario.Move(CaseState.InterviewScheduled, Actors.Admin).Succeeded);
    }

    [Fact]
    public void CompleteInterview_BeforeItStarts_IsRefusedSayingWhen()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.InterviewScheduled, CaseState.InterviewCompleted);
        scenario.Interview = new Interview(42, 1, Now.AddDays(14), 60, InterviewMode.VideoCall, "link", Guid.NewGuid());

        Assert.Equal("The interview starts on 17 March 2027 at 10:00; it cannot be completed before then.", Assert.Single(scenario.Move(CaseState.InterviewCompleted).Problems));
    }

    [Fact]
    public void CompleteInterview_WithAQuestionNotRecorded_IsRefused()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.InterviewScheduled, CaseState.InterviewCompleted);
        scenario.Questions[0].Asked = null;

        Assert.Equal("Record whether each planned question was asked: 1 question has no record.", Assert.Single(scenario.Move(CaseState.InterviewCompleted).Problems));
    }

    [Fact]
    public void CompleteInterview_WithAnAskedQuestionUnanswered_IsRefused()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.InterviewScheduled, CaseState.InterviewCompleted);
        scenario.Questions[0].AnswerSummary = null;
        scenario.Questions[1].AnswerSummary = "";

        Assert.Equal("Summarise the answer to each question asked: 2 answers are missing.", Assert.Single(scenario.Move(CaseState.InterviewCompleted).Problems));
    }

    [Fact]
    public void CompleteInterview_WithAQuestionNotAsked_Succeeds()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.InterviewScheduled, CaseState.InterviewCompleted);
        scenario.Questions[0].Asked = false;
        scenario.Questions[0].AnswerSummary = null;

        Assert.True(scenario.Move(CaseState.InterviewCompleted).Succeeded);
    }

    [Fact]
    public void CompleteInterview_WhenRecorded_MarksTheInterviewCompleted()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.InterviewScheduled, CaseState.InterviewCompleted);

        scenario.Move(CaseState.InterviewCompleted);

        Assert.Equal(Now, scenario.Interview!.CompletedAt);
    }

    [Fact]
    public void CompleteInterview_WithNoBooking_IsRefused()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.InterviewScheduled, CaseState.InterviewCompleted);
        scenario.Interview = null;

        Assert.Equal("The interview has not been booked.", Assert.Single(scenario.Move(CaseState.InterviewCompleted).Problems));
    }

    [Fact]
    public void SubmitJudgements_BeforeTheGradingServiceDecided_IsRefused()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.InterviewCompleted, CaseState.Graded);
        scenario.Decision = null;

        Assert.Equal("The final judgements have not been graded: submit them to the grading service first.", Assert.Single(scenario.Move(CaseState.Graded).Problems));
    }

    [Fact]
    public void SubmitJudgements_WithTheGradeOfAnEarlierAttempt_IsRefused()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.InterviewCompleted, CaseState.Graded);
        scenario.Decision = new GradeDecision(42, 2, Actors.AssessorId, Grade.Pass, Grade.Pass, "Pass", Now);

        Assert.Equal("The final judgements have not been graded: submit them to the grading service first.", Assert.Single(scenario.Move(CaseState.Graded).Problems));
    }

    [Fact]
    public void SubmitJudgements_WithAGradeReturnedByQa_IsRefused()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.InterviewCompleted, CaseState.Graded);
        scenario.Decision!.QaStatus = QaStatus.Returned;

        Assert.Equal("This grade has already been through quality assurance: record the judgements again to grade them.", Assert.Single(scenario.Move(CaseState.Graded).Problems));
    }

    [Fact]
    public void SubmitJudgements_GradedByAnotherAssessor_IsRefused()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.InterviewCompleted, CaseState.Graded);
        scenario.Decision = new GradeDecision(42, 1, "assessor-2", Grade.Pass, Grade.Pass, "Pass", Now);

        Assert.Equal("The grade was decided by an assessor who is not allocated to this case.", Assert.Single(scenario.Move(CaseState.Graded).Problems));
    }

    [Fact]
    public void SubmitJudgements_WhenTheInterviewIsNotCompleted_IsRefused()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.InterviewCompleted, CaseState.Graded);
        scenario.Interview = new Interview(42, 1, Now.AddHours(-3), 60, InterviewMode.VideoCall, "link", Guid.NewGuid());

        Assert.Equal("The interview has not been completed.", Assert.Single(scenario.Move(CaseState.Graded).Problems));
    }

    private static AssessorNote NoteWithout(Domain.Standards.StandardVersion version, string? areaCode = null, string? competencyCode = null)
    {
        var note = new AssessorNote(42, 1, Actors.AssessorId, Now);
        foreach (var area in version.Areas.Where(a => a.Code != areaCode))
        {
            note.SetConclusion(area.Code, null, InitialLevel.Expected, [], null);
        }

        foreach (var competency in version.Competencies.Where(c => c.Code != competencyCode))
        {
            note.SetConclusion(null, competency.Id, InitialLevel.Expected, [$"ProjectFile:{competency.Id}"], null);
        }

        return note;
    }
}
