using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Grading;
using EpaPortal.Domain.Tests.TestData;
using static EpaPortal.Domain.Assessment.AreaLevel;
using static EpaPortal.Domain.Common.AssessmentMethod;

namespace EpaPortal.Domain.Tests.Assessment;

/// <summary>
/// The released grade as the apprentice and employer read it: the plan's reason in plain words, never
/// the grading service's working (the computed grade, the override, quality assurance).
/// </summary>
[Trait("Category", "Unit")]
public class ReleasedResultExplainerTests
{
    public static TheoryData<AreaLevel, AreaLevel, AreaLevel> EveryCombination()
    {
        var data = new TheoryData<AreaLevel, AreaLevel, AreaLevel>();
        foreach (var what in Enum.GetValues<AreaLevel>())
        {
            foreach (var how in Enum.GetValues<AreaLevel>())
            {
                foreach (var withWhom in Enum.GetValues<AreaLevel>())
                {
                    data.Add(what, how, withWhom);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryCombination))]
    public void EveryHolisticResult_StartsWithItsGrade_AndListsEachAreasLevelInPlainWords(AreaLevel what, AreaLevel how, AreaLevel withWhom)
    {
        var version = StandardVersions.St0128V1();
        var grade = HolisticAreasGrading.Combine(what, how, withWhom);

        var reason = ReleasedResultExplainer.Explain(version, Decision(grade, grade), JudgementBuilder.For(version).WithLevels(what, how, withWhom).Build());

        Assert.StartsWith($"{grade}: ", reason.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("because", reason.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("rationale", reason.Summary, StringComparison.Ordinal);
        Assert.Equal([$"What: {ReleasedResultExplainer.Describe(what)}", $"How: {ReleasedResultExplainer.Describe(how)}", $"With Whom: {ReleasedResultExplainer.Describe(withWhom)}"], reason.Details.Select(d => d.Text));
        Assert.Equal(["What rationale citing the evidence.", "How rationale citing the evidence.", "With Whom rationale citing the evidence."], reason.Details.Select(d => d.Rationale));
    }

    [Theory]
    [InlineData(Above, Above, Expected, "Merit: What was judged significantly above the expected level, and How too.")]
    [InlineData(Above, Expected, Above, "Merit: What was judged significantly above the expected level, and With Whom too.")]
    [InlineData(Above, Above, Above, "Distinction: What, How and With Whom were all judged significantly above the expected level.")]
    [InlineData(Above, Expected, Expected, "Pass: every area was judged at the expected level or above. What was significantly above it, but a Merit needs How or With Whom significantly above it too.")]
    [InlineData(Expected, Above, Above, "Pass: every area was judged at the expected level or above. A Merit needs What and one more area significantly above the expected level.")]
    [InlineData(Below, Above, Below, "Fail: What and With Whom were judged below the expected level. A pass needs every area at the expected level or above.")]
    [InlineData(Above, Below, Above, "Fail: How was judged below the expected level. A pass needs every area at the expected level or above.")]
    public void HolisticResult_GivesThePlansRule(AreaLevel what, AreaLevel how, AreaLevel withWhom, string expected)
    {
        var version = StandardVersions.St0128V1();
        var grade = HolisticAreasGrading.Combine(what, how, withWhom);

        var reason = ReleasedResultExplainer.Explain(version, Decision(grade, grade), JudgementBuilder.For(version).WithLevels(what, how, withWhom).Build());

        Assert.Equal(expected, reason.Summary);
    }

    [Theory]
    [InlineData(Grade.Pass, Grade.Merit)]
    [InlineData(Grade.Merit, Grade.Distinction)]
    [InlineData(Grade.Distinction, Grade.Merit)]
    public void AnOverriddenGrade_IsTheAssessorsHolisticJudgement_WithoutTheOverrideOrItsJustification(Grade computed, Grade final)
    {
        var version = StandardVersions.St0128V1();
        var decision = Decision(computed, final);
        decision.OverrideJustification = "SECRET justification for QA";

        var reason = ReleasedResultExplainer.Explain(version, decision, JudgementBuilder.For(version).WithLevels(Above, Expected, Expected).Build());

        Assert.Equal($"{final}: the assessor judged the evidence from all four assessment methods, taken together, to be at {final} level.", reason.Summary);
        Assert.DoesNotContain(computed.ToString(), reason.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", reason.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void ACappedGrade_SaysThePlanCapsIt()
    {
        var version = StandardVersions.St0128V1();
        var decision = Decision(Grade.Distinction, Grade.Pass);
        decision.CappedFrom = Grade.Distinction;

        var reason = ReleasedResultExplainer.Explain(version, decision, JudgementBuilder.For(version).WithLevels(Above, Above, Above).Build());

        Assert.Equal("Pass: the assessment plan caps the grade of a re-sit or re-take at Pass. The assessment itself reached Distinction.", reason.Summary);
    }

    [Fact]
    public void CriteriaPerMethodResult_GivesTheMethodGradesTheTableCombines()
    {
        var version = StandardVersions.CriteriaPerMethod(Project, AssessmentMethod.Interview);
        var judgement = JudgementBuilder.For(version).WithMethodGrade(Project, Grade.Distinction).WithMethodGrade(AssessmentMethod.Interview, Grade.Pass).Build();

        var reason = ReleasedResultExplainer.Explain(version, Decision(Grade.Merit, Grade.Merit), judgement);

        Assert.Equal("Merit: the assessment plan gives Merit for these method grades: synoptic project Distinction and interview Pass.", reason.Summary);
        Assert.Equal(["Synoptic project: Distinction", "Interview: Pass"], reason.Details.Select(d => d.Text));
    }

    [Fact]
    public void WithoutItsJudgement_OnlyTheGradeIsGiven()
    {
        var reason = ReleasedResultExplainer.Explain(StandardVersions.St0128V1(), Decision(Grade.Pass, Grade.Pass), null);

        Assert.Equal(("Pass.", 0), (reason.Summary, reason.Details.Count));
    }

    private static GradeDecision Decision(Grade computed, Grade final) =>
        new(42, 1, Actors.AssessorId, computed, final, $"{computed} because of the grading service's working", TestClock.Now);
}
