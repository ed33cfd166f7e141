using EpaPortal.Domain.Common;
using EpaPortal.Domain.Grading;
using EpaPortal.Domain.Standards;
using EpaPortal.Domain.Tests.TestData;
using static EpaPortal.Domain.Common.AssessmentMethod;

namespace EpaPortal.Domain.Tests.Grading;

/// <summary>The CriteriaPerMethod scheme: method grades from criteria, the overall grade from the table.</summary>
[Trait("Category", "Unit")]
public class CriteriaPerMethodGradingTests
{
    private static readonly StandardVersion ProjectAndInterview = StandardVersions.CriteriaPerMethod(Project, Interview);

    [Theory]
    [InlineData("P:met P:met D:met D:met", Grade.Distinction)]
    [InlineData("P:met P:met D:met D:unmet", Grade.Pass)]
    [InlineData("P:met P:met D:unmet D:unmet", Grade.Pass)]
    [InlineData("P:met P:met", Grade.Pass)]
    [InlineData("P:met P:unmet D:met D:met", Grade.Fail)]
    [InlineData("P:unmet P:unmet D:unmet D:unmet", Grade.Fail)]
    public void MethodGrade_FromItsCriteria_FollowsThePlan(string criteria, Grade expected)
    {
        var parsed = criteria.Split(' ').Select(c => (c[0] == 'P' ? CriterionLevel.Pass : CriterionLevel.Distinction, c.EndsWith(":met", StringComparison.Ordinal))).ToList();

        Assert.Equal(expected, CriteriaPerMethodGrading.MethodGrade(parsed));
    }

    /// <summary>The default table of domain.md section 7 for two methods, through the whole scheme.</summary>
    [Theory]
    [InlineData(Grade.Fail, Grade.Fail, Grade.Fail)]
    [InlineData(Grade.Fail, Grade.Pass, Grade.Fail)]
    [InlineData(Grade.Fail, Grade.Distinction, Grade.Fail)]
    [InlineData(Grade.Pass, Grade.Fail, Grade.Fail)]
    [InlineData(Grade.Pass, Grade.Pass, Grade.Pass)]
    [InlineData(Grade.Pass, Grade.Distinction, Grade.Merit)]
    [InlineData(Grade.Distinction, Grade.Fail, Grade.Fail)]
    [InlineData(Grade.Distinction, Grade.Pass, Grade.Merit)]
    [InlineData(Grade.Distinction, Grade.Distinction, Grade.Distinction)]
    public void MethodGrades_InEveryCombination_GiveTheGradeOfTheTable(Grade project, Grade interview, Grade expected)
    {
        var judgement = JudgementBuilder.For(ProjectAndInterview).WithMethodGrade(Project, project).WithMethodGrade(Interview, interview).Build();

        var result = GradingService.Calculate(ProjectAndInterview, judgement, AssessmentProgress.AllAssessed);

        Assert.Equal(expected, result.Grade);
        Assert.Equal($"{expected} because the grade table gives {expected} for {project}+{interview} (Synoptic project + Interview).", result.Reasons[0]);
    }

    [Fact]
    public void Reasons_AfterTheRule_ExplainEachMethod()
    {
        var judgement = JudgementBuilder.For(ProjectAndInterview).WithMethodGrade(Project, Grade.Distinction).WithCriterion(Interview, "D2", true).Build();

        var result = GradingService.Calculate(ProjectAndInterview, judgement, AssessmentProgress.AllAssessed);

        Assert.Equal(
            [
                "Merit because the grade table gives Merit for Distinction+Pass (Synoptic project + Interview).",
                "Synoptic project: Distinction — all 2 pass and 2 distinction criteria met.",
                "Interview: Pass — all 2 pass criteria met; distinction criteria not met: D1.",
            ],
            result.Reasons);
    }

    [Fact]
    public void Reasons_ForAFailedMethod_NameTheUnmetPassCriteria()
    {
        var judgement = JudgementBuilder.For(ProjectAndInterview).WithCriterion(Interview, "P1", false).WithCriterion(Interview, "P2", false).Build();

        var result = GradingService.Calculate(ProjectAndInterview, judgement, AssessmentProgress.AllAssessed);

        Assert.Equal("Interview: Fail — pass criteria not met: P1 and P2.", result.Reasons[2]);
    }

    [Fact]
    public void Grading_WithACriterionNotJudged_IsRefusedNamingIt()
    {
        var judgement = JudgementBuilder.For(ProjectAndInterview).WithoutCriterion(Interview, "P2").Build();

        Assert.Equal("Interview: criterion P2 has not been judged met or not met.", Assert.Single(GradingService.Calculate(ProjectAndInterview, judgement, AssessmentProgress.AllAssessed).Problems));
    }

    [Fact]
    public void Grading_WithTwoCriteriaNotJudged_NamesBoth()
    {
        var judgement = JudgementBuilder.For(ProjectAndInterview).WithoutCriterion(Project, "P1").WithoutCriterion(Project, "D2").Build();

        Assert.Equal("Synoptic project: criteria P1 and D2 have not been judged met or not met.", Assert.Single(GradingService.Calculate(ProjectAndInterview, judgement, AssessmentProgress.AllAssessed).Problems));
    }

    [Fact]
    public void Grading_BeforeAMethodIsAssessed_IsRefused()
    {
        var progress = new AssessmentProgress([Interview], InterviewCompleted: true);

        Assert.Equal("The synoptic project has not been assessed.", Assert.Single(GradingService.Calculate(ProjectAndInterview, JudgementBuilder.For(ProjectAndInterview).Build(), progress).Problems));
    }

    [Fact]
    public void Grading_BeforeTheInterviewIsCompleted_IsRefused()
    {
        var progress = AssessmentProgress.AllAssessed with { InterviewCompleted = false };

        Assert.Equal("The interview has not been completed.", Assert.Single(GradingService.Calculate(ProjectAndInterview, JudgementBuilder.For(ProjectAndInterview).Build(), progress).Problems));
    }

    [Fact]
    public void Grading_AVersionWithoutAnInterviewMethod_DoesNotWaitForAnInterview()
    {
        var version = StandardVersions.CriteriaPerMethod(Portfolio, Project);
        var progress = new AssessmentProgress([Portfolio, Project], InterviewCompleted: false);

        Assert.Equal(Grade.Pass, GradingService.Calculate(version, JudgementBuilder.For(version).Build(), progress).Grade);
    }

    [Fact]
    public void Grading_WithThreeMethods_UsesTheThreeMethodTable()
    {
        var version = StandardVersions.CriteriaPerMethod(Portfolio, Project, Interview);
        var judgement = JudgementBuilder.For(version).WithMethodGrade(Project, Grade.Distinction).Build();

        var result = GradingService.Calculate(version, judgement, AssessmentProgress.AllAssessed);

        Assert.Equal(Grade.Merit, result.Grade);
        Assert.StartsWith("Merit because the grade table gives Merit for Pass+Distinction+Pass", result.Reasons[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Grading_WithACustomTable_UsesTheVersionsRow()
    {
        var version = new Standard("ST0116", "Software Developer", 4).AddVersion("1.1", GradingScheme.CriteriaPerMethod, new StandardSettings());
        version.Methods.Add(Project);
        version.Methods.Add(Interview);
        foreach (var method in version.Methods)
        {
            version.AddCriterion(method, "P1", "Pass", CriterionLevel.Pass).WithId(method == Project ? 1 : 2);
            version.AddCriterion(method, "D1", "Distinction", CriterionLevel.Distinction).WithId(method == Project ? 3 : 4);
        }

        foreach (var (combination, grade) in GradeLookupTable.Default(2))
        {
            version.AddGradeLookup(combination, combination == "Pass+Distinction" ? Grade.Pass : grade);
        }

        var judgement = JudgementBuilder.For(version).WithMethodGrade(Interview, Grade.Distinction).Build();

        Assert.Equal(Grade.Pass, GradingService.Calculate(version, judgement, AssessmentProgress.AllAssessed).Grade);
    }

    [Fact]
    public void Grading_WithAGapInTheTable_IsRefusedAsAConfigurationError()
    {
        var version = new Standard("ST0128", "Software Development Technician", 3).AddVersion("1.1", GradingScheme.CriteriaPerMethod, new StandardSettings());
        version.Methods.Add(Project);
        version.AddCriterion(Project, "P1", "Pass", CriterionLevel.Pass).WithId(1);
        version.AddGradeLookup("Fail", Grade.Fail);
        version.AddGradeLookup("Pass", Grade.Pass);

        var result = GradingService.Calculate(version, JudgementBuilder.For(version).Build(), AssessmentProgress.AllAssessed);

        Assert.Equal("Configuration error in ST0128_1.1: The grade table (synoptic project) has no row for Distinction.", Assert.Single(result.Problems));
    }
}
