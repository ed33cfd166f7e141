using EpaPortal.Domain.Access;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Grading;
using EpaPortal.Domain.Tests.TestData;
using Moq;
using static EpaPortal.Domain.Assessment.AreaLevel;

namespace EpaPortal.Domain.Tests.Cases;

/// <summary>
/// A whole case as the web layer drives it: the workflow for every state change and the grading service
/// for every grade, on one clock that moves forward. A first attempt fails, the re-sit is capped.
/// </summary>
[Trait("Category", "Unit")]
public class CaseLifecycleTests
{
    private DateTimeOffset _now = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void FailedFirstAttemptThenResit_WalksEveryStepAndCapsTheResitGrade()
    {
        var clock = new Mock<TimeProvider>();
        clock.Setup(c => c.GetUtcNow()).Returns(() => _now);
        clock.Setup(c => c.LocalTimeZone).Returns(TimeZoneInfo.Utc);
        var workflow = new CaseWorkflow(clock.Object);
        var grading = new GradingService(clock.Object);
        var scenario = CaseScenario.In(CaseState.GatewayApproved);
        scenario.Version = StandardVersions.St0128V1(s => s.ResitGradeCap = Grade.Pass);
        var version = scenario.Version;
        var epaCase = scenario.Case;
        var trail = new List<CaseAuditRecord>();

        void Move(CaseState to, Actor actor, string? reason = null, int advanceHours = 1)
        {
            _now = _now.AddHours(advanceHours);
            var outcome = workflow.Transition(epaCase, to, actor, scenario.Facts(), reason);
            Assert.True(outcome.Succeeded, $"{to}: {string.Join(" ", outcome.Problems)}");
            trail.Add(outcome.Audit!);
        }

        void Attempt(int attempt, Judgement judgement, GradeProposal proposal)
        {
            // Two weeks' notice of a one-working-week window, and of the interview (the plan's timing rules).
            scenario.Project = CaseScenario.NewProject(attempt, _now.AddDays(14));
            Move(CaseState.ProjectScheduled, Actors.Admin);
            Move(CaseState.ProjectInProgress, Actor.System, advanceHours: 24 * 14);
            Move(CaseState.ProjectSubmitted, Actors.Apprentice, advanceHours: 72);
            Move(CaseState.PreInterviewReview, Actors.Assessor);
            scenario.Note = new AssessorNote(42, attempt, Actors.AssessorId, _now);
            foreach (var area in version.Areas)
            {
                scenario.Note.SetConclusion(area.Code, null, InitialLevel.Expected, [], null);
            }

            foreach (var competency in version.Competencies)
            {
                scenario.Note.SetConclusion(null, competency.Id, InitialLevel.NotYetEvident, [], "Explore at interview.");
            }

            scenario.Questions.Clear();
            scenario.Questions.Add(new InterviewQuestion(42, attempt, "Talk me through your tests.", QuestionOrigin.Planned, 1, [105]));
            scenario.Interview = new Interview(42, attempt, _now.AddDays(14), 60, InterviewMode.VideoCall, "link", Guid.NewGuid());
            Move(CaseState.InterviewScheduled, Actors.Assessor);
            scenario.Questions[0].Asked = true;
            scenario.Questions[0].AnswerSummary = "Unit tests for each rule, one integration test.";
            Move(CaseState.InterviewCompleted, Actors.Assessor, advanceHours: 24 * 14);
            var decided = grading.Decide(epaCase, version, judgement, AssessmentProgress.AllAssessed, proposal);
            Assert.True(decided.Succeeded, string.Join(" ", decided.Problems));
            scenario.Decision = decided.Decision;
            Move(CaseState.Graded, Actors.Assessor);
            Move(CaseState.IqaApproved, Actors.QualityAssurer, advanceHours: 24);
            Move(CaseState.ResultReleased, Actors.Admin);
        }

        Attempt(1, JudgementBuilder.For(version).WithLevel("How", Below).Build(), new GradeProposal(Recommendation: AttemptKind.Resit));
        Assert.Equal(Grade.Fail, scenario.Decision!.FinalGrade);
        Move(CaseState.FailRecorded, Actor.System);
        Move(CaseState.ResitPlanned, Actors.Admin);

        Attempt(2, JudgementBuilder.For(version).ForAttempt(2).WithLevels(Above, Above, Expected).Build(), new GradeProposal());
        Move(CaseState.CertificateRequested, Actors.Admin);

        Assert.Equal((CaseState.CertificateRequested, 2, AttemptKind.Resit), (epaCase.State, epaCase.Attempt, epaCase.AttemptKind));
        Assert.Equal((Grade.Merit, Grade.Pass, (Grade?)Grade.Merit), (scenario.Decision!.ComputedGrade, scenario.Decision.FinalGrade, scenario.Decision.CappedFrom));
        Assert.Equal(21, trail.Count);
        Assert.All(trail.Zip(trail.Skip(1)), pair => Assert.Equal(pair.First.To, pair.Second.From));
        Assert.All(trail.Zip(trail.Skip(1)), pair => Assert.True(pair.First.At < pair.Second.At));
    }
}
