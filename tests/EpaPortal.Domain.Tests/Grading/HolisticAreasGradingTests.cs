using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Grading;
using EpaPortal.Domain.Tests.TestData;
using static EpaPortal.Domain.Assessment.AreaLevel;

namespace EpaPortal.Domain.Tests.Grading;

/// <summary>The HolisticAreas scheme of domain.md section 7 (ST0128 v1.0), every combination and guard.</summary>
[Trait("Category", "Unit")]
public class HolisticAreasGradingTests
{
    private static readonly Domain.Standards.StandardVersion Version = StandardVersions.St0128V1();

    /// <summary>All 27 combinations of What / How / With Whom, with the grade and the rule that explains it.</summary>
    [Theory]
    [InlineData(Below, Below, Below, Grade.Fail, "Fail because What, How and With Whom are Below the expected level.")]
    [InlineData(Below, Below, Expected, Grade.Fail, "Fail because What and How are Below the expected level.")]
    [InlineData(Below, Below, Above, Grade.Fail, "Fail because What and How are Below the expected level.")]
    [InlineData(Below, Expected, Below, Grade.Fail, "Fail because What and With Whom are Below the expected level.")]
    [InlineData(Below, Expected, Expected, Grade.Fail, "Fail because What is Below the expected level.")]
    [InlineData(Below, Expected, Above, Grade.Fail, "Fail because What is Below the expected level.")]
    [InlineData(Below, Above, Below, Grade.Fail, "Fail because What and With Whom are Below the expected level.")]
    [InlineData(Below, Above, Expected, Grade.Fail, "Fail because What is Below the expected level.")]
    [InlineData(Below, Above, Above, Grade.Fail, "Fail because What is Below the expected level.")]
    [InlineData(Expected, Below, Below, Grade.Fail, "Fail because How and With Whom are Below the expected level.")]
    [InlineData(Expected, Below, Expected, Grade.Fail, "Fail because How is Below the expected level.")]
    [InlineData(Expected, Below, Above, Grade.Fail, "Fail because How is Below the expected level.")]
    [InlineData(Expected, Expected, Below, Grade.Fail, "Fail because With Whom is Below the expected level.")]
    [InlineData(Expected, Expected, Expected, Grade.Pass, "Pass because no area is Below and What is Expected (Merit and Distinction need What to be Above).")]
    [InlineData(Expected, Expected, Above, Grade.Pass, "Pass because no area is Below and What is Expected (Merit and Distinction need What to be Above).")]
    [InlineData(Expected, Above, Below, Grade.Fail, "Fail because With Whom is Below the expected level.")]
    [InlineData(Expected, Above, Expected, Grade.Pass, "Pass because no area is Below and What is Expected (Merit and Distinction need What to be Above).")]
    [InlineData(Expected, Above, Above, Grade.Pass, "Pass because no area is Below and What is Expected (Merit and Distinction need What to be Above).")]
    [InlineData(Above, Below, Below, Grade.Fail, "Fail because How and With Whom are Below the expected level.")]
    [InlineData(Above, Below, Expected, Grade.Fail, "Fail because How is Below the expected level.")]
    [InlineData(Above, Below, Above, Grade.Fail, "Fail because How is Below the expected level.")]
    [InlineData(Above, Expected, Below, Grade.Fail, "Fail because With Whom is Below the expected level.")]
    [InlineData(Above, Expected, Expected, Grade.Pass, "Pass because What is Above but neither How nor With Whom is Above (Merit needs one of them Above too).")]
    [InlineData(Above, Expected, Above, Grade.Merit, "Merit because What is Above and With Whom is Above.")]
    [InlineData(Above, Above, Below, Grade.Fail, "Fail because With Whom is Below the expected level.")]
    [InlineData(Above, Above, Expected, Grade.Merit, "Merit because What is Above and How is Above.")]
    [InlineData(Above, Above, Above, Grade.Distinction, "Distinction because What, How and With Whom are all Above.")]
    public void AreaLevels_InEveryCombination_GiveTheGradeAndRuleOfThePlan(AreaLevel what, AreaLevel how, AreaLevel withWhom, Grade grade, string rule)
    {
        var judgement = JudgementBuilder.For(Version).WithLevels(what, how, withWhom).Build();

        var result = GradingService.Calculate(Version, judgement, AssessmentProgress.AllAssessed);

        Assert.Equal(grade, result.Grade);
        Assert.Equal(rule, result.Reasons[0]);
        Assert.Equal(grade, HolisticAreasGrading.Combine(what, how, withWhom));
    }

    [Fact]
    public void Reasons_AfterTheRule_GiveEachAreaWithItsLevelAndRationale()
    {
        var judgement = JudgementBuilder.For(Version).WithLevels(Above, Above, Expected)
            .WithRationale("How", "Version control and CI used throughout (portfolio items 3, 7).").Build();

        var result = GradingService.Calculate(Version, judgement, AssessmentProgress.AllAssessed);

        Assert.Equal(
            [
                "Merit because What is Above and How is Above.",
                "What: Above — What rationale citing the evidence.",
                "How: Above — Version control and CI used throughout (portfolio items 3, 7).",
                "With Whom: Expected — With Whom rationale citing the evidence.",
            ],
            result.Reasons);
    }

    [Theory]
    [InlineData(AssessmentMethod.Portfolio, "The portfolio has not been assessed.")]
    [InlineData(AssessmentMethod.Project, "The synoptic project has not been assessed.")]
    [InlineData(AssessmentMethod.EmployerReference, "The employer reference has not been assessed.")]
    [InlineData(AssessmentMethod.Interview, "The interview has not been assessed.")]
    public void Grading_BeforeEveryMethodIsAssessed_IsRefused(AssessmentMethod missing, string expected)
    {
        var progress = new AssessmentProgress(Enum.GetValues<AssessmentMethod>().Where(m => m != missing).ToList(), InterviewCompleted: true);

        var result = GradingService.Calculate(Version, JudgementBuilder.For(Version).Build(), progress);

        Assert.Null(result.Grade);
        Assert.Equal(expected, Assert.Single(result.Problems));
    }

    [Fact]
    public void Grading_BeforeTheInterviewIsCompleted_IsRefused()
    {
        var progress = AssessmentProgress.AllAssessed with { InterviewCompleted = false };

        var result = GradingService.Calculate(Version, JudgementBuilder.For(Version).Build(), progress);

        Assert.Equal("The interview has not been completed.", Assert.Single(result.Problems));
    }

    [Fact]
    public void Grading_WithAnAreaWithoutLevel_IsRefused()
    {
        var judgement = JudgementBuilder.For(Version).WithLevel("How", null).Build();

        Assert.Equal("How: no level has been judged.", Assert.Single(GradingService.Calculate(Version, judgement, AssessmentProgress.AllAssessed).Problems));
    }

    [Fact]
    public void Grading_WithAnAreaNotJudgedAtAll_IsRefused()
    {
        var judgement = JudgementBuilder.For(Version).WithoutArea("WithWhom").Build();

        Assert.Equal("With Whom: no level has been judged.", Assert.Single(GradingService.Calculate(Version, judgement, AssessmentProgress.AllAssessed).Problems));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Grading_WithAnAreaWithoutRationale_IsRefused(string? rationale)
    {
        var judgement = JudgementBuilder.For(Version).WithRationale("WithWhom", rationale).Build();

        Assert.Equal("With Whom: a written rationale is needed.", Assert.Single(GradingService.Calculate(Version, judgement, AssessmentProgress.AllAssessed).Problems));
    }

    [Fact]
    public void Grading_BelowWithoutRationale_IsStillRefused()
    {
        var judgement = JudgementBuilder.For(Version).WithLevel("How", Below).WithRationale("How", null).Build();

        Assert.Equal("How: a written rationale is needed.", Assert.Single(GradingService.Calculate(Version, judgement, AssessmentProgress.AllAssessed).Problems));
    }

    [Theory]
    [InlineData(Expected, "C2", "What is judged Expected, so every competency in it needs evidence: none is cited for C2 Security.")]
    [InlineData(Above, "C2", "What is judged Above, so every competency in it needs evidence: none is cited for C2 Security.")]
    [InlineData(Expected, "B6", "With Whom is judged Expected, so every competency in it needs evidence: none is cited for B6 Working with others.")]
    [InlineData(Above, "B3", "How is judged Above, so every competency in it needs evidence: none is cited for B3 Working independently.")]
    public void Grading_ExpectedOrAboveWithACompetencyUnevidenced_IsRefusedNamingIt(AreaLevel level, string competency, string expected)
    {
        var area = StandardVersions.What.Contains(competency) ? "What" : StandardVersions.How.Contains(competency) ? "How" : "WithWhom";
        var judgement = JudgementBuilder.For(Version).WithLevel(area, level).WithoutEvidence(competency).Build();

        Assert.Equal(expected, Assert.Single(GradingService.Calculate(Version, judgement, AssessmentProgress.AllAssessed).Problems));
    }

    [Fact]
    public void Grading_WithTwoCompetenciesUnevidenced_NamesBoth()
    {
        var judgement = JudgementBuilder.For(Version).WithoutEvidence("C11").WithoutEvidence("B7").Build();

        Assert.Equal("With Whom is judged Expected, so every competency in it needs evidence: none is cited for C11 Communication (a) and B7 Communicating effectively.", Assert.Single(GradingService.Calculate(Version, judgement, AssessmentProgress.AllAssessed).Problems));
    }

    [Theory]
    [InlineData("Portfolio 12")]
    [InlineData("Email:3")]
    [InlineData("PortfolioItem:")]
    [InlineData(":12")]
    public void Grading_WithOnlyUnparsableEvidence_TreatsTheCompetencyAsUnevidenced(string reference)
    {
        var judgement = JudgementBuilder.For(Version).WithEvidence("C1", reference).Build();

        Assert.Single(GradingService.Calculate(Version, judgement, AssessmentProgress.AllAssessed).Problems);
    }

    [Theory]
    [InlineData("PortfolioItem:12")]
    [InlineData("ProjectFile:4f1c")]
    [InlineData("ReferenceSection:How")]
    [InlineData("InterviewAnswer:3")]
    public void Grading_WithOneReferenceFromAnyMethod_CountsAsEvidence(string reference)
    {
        var judgement = JudgementBuilder.For(Version).WithEvidence("C1", reference).Build();

        Assert.Equal(Grade.Pass, GradingService.Calculate(Version, judgement, AssessmentProgress.AllAssessed).Grade);
    }

    [Fact]
    public void Grading_AnAreaBelowWithoutEvidence_IsAllowedAndFails()
    {
        var judgement = JudgementBuilder.For(Version).WithLevel("How", Below).WithoutEvidence("C3").WithoutEvidence("B1").Build();

        Assert.Equal(Grade.Fail, GradingService.Calculate(Version, judgement, AssessmentProgress.AllAssessed).Grade);
    }

    [Fact]
    public void Grading_WithAnAreaTheStandardDoesNotHave_IsRefused()
    {
        var judgement = JudgementBuilder.For(Version).WithUnknownArea("Why").Build();

        Assert.Equal("The judgement names a grading area 'Why' that this standard version does not have.", Assert.Single(GradingService.Calculate(Version, judgement, AssessmentProgress.AllAssessed).Problems));
    }

    [Fact]
    public void Grading_WithSeveralProblems_ListsThemAll()
    {
        var judgement = JudgementBuilder.For(Version).WithLevel("What", null).WithRationale("How", null).WithoutEvidence("C11").Build();

        var result = GradingService.Calculate(Version, judgement, AssessmentProgress.AllAssessed with { InterviewCompleted = false });

        Assert.Equal(4, result.Problems.Count);
        Assert.False(result.Succeeded);
    }

    [Fact]
    public void Grading_OnAMisconfiguredVersion_IsRefusedAsAConfigurationError()
    {
        var version = StandardVersions.St0128V1(s => s.InterviewMinutes = 0);

        var result = GradingService.Calculate(version, JudgementBuilder.For(version).Build(), AssessmentProgress.AllAssessed);

        Assert.Equal("Configuration error in ST0128_1.0: The interview length must be between 1 and 120 minutes.", Assert.Single(result.Problems));
    }
}
