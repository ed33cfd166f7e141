using EpaPortal.Domain.Access;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Tests.TestData;

namespace EpaPortal.Domain.Tests.Access;

/// <summary>The "who sees what" table of domain.md section 6, row by row and column by column.</summary>
[Trait("Category", "Unit")]
public class CaseVisibilityTests
{
    /// <summary>
    /// One row per cell of the table: the data, the viewer, the moment, and whether they may see it.
    /// Viewers: the case's apprentice, an employer of the apprentice's organisation, a user of its training provider, the allocated
    /// assessor, a quality assurer (not the case's assessor), an admin, and an unrelated user.
    /// </summary>
    [Theory]
    [InlineData("project brief", "provider", "before the window opens", false)]
    [InlineData("project brief", "provider", "after the window opens", true)]
    [InlineData("assessor notes", "provider", "after everything", false)]
    [InlineData("result", "provider", "before release", false)]
    [InlineData("result", "provider", "after release", true)]
    [InlineData("employer reference", "provider", "before submission", false)]
    [InlineData("employer reference", "provider", "after submission", true)]
    [InlineData("evidence files", "provider", "before anything", true)]
    [InlineData("interview booking", "provider", "before the interview is scheduled", false)]
    [InlineData("interview booking", "provider", "once the interview is scheduled", true)]
    [InlineData("project brief", "apprentice", "before the window opens", false)]
    [InlineData("project brief", "employer", "before the window opens", false)]
    [InlineData("project brief", "assessor", "before the window opens", true)]
    [InlineData("project brief", "quality assurer", "before the window opens", true)]
    [InlineData("project brief", "admin", "before the window opens", true)]
    [InlineData("project brief", "unrelated", "before the window opens", false)]
    [InlineData("project brief", "apprentice", "after the window opens", true)]
    [InlineData("project brief", "employer", "after the window opens", true)]
    [InlineData("project brief", "assessor", "after the window opens", true)]
    [InlineData("project brief", "quality assurer", "after the window opens", true)]
    [InlineData("project brief", "admin", "after the window opens", true)]
    [InlineData("project brief", "unrelated", "after the window opens", false)]
    [InlineData("assessor notes", "apprentice", "after everything", false)]
    [InlineData("assessor notes", "employer", "after everything", false)]
    [InlineData("assessor notes", "assessor", "before anything", true)]
    [InlineData("assessor notes", "quality assurer", "before anything", true)]
    [InlineData("assessor notes", "admin", "before anything", true)]
    [InlineData("assessor notes", "unrelated", "after everything", false)]
    [InlineData("result", "apprentice", "before release", false)]
    [InlineData("result", "employer", "before release", false)]
    [InlineData("result", "assessor", "before release", true)]
    [InlineData("result", "quality assurer", "before release", true)]
    [InlineData("result", "admin", "before release", true)]
    [InlineData("result", "unrelated", "before release", false)]
    [InlineData("result", "apprentice", "after release", true)]
    [InlineData("result", "employer", "after release", true)]
    [InlineData("result", "assessor", "after release", true)]
    [InlineData("result", "quality assurer", "after release", true)]
    [InlineData("result", "admin", "after release", true)]
    [InlineData("result", "unrelated", "after release", false)]
    [InlineData("employer reference", "apprentice", "before submission", false)]
    [InlineData("employer reference", "employer", "before submission", true)]
    [InlineData("employer reference", "assessor", "before submission", true)]
    [InlineData("employer reference", "quality assurer", "before submission", true)]
    [InlineData("employer reference", "admin", "before submission", true)]
    [InlineData("employer reference", "unrelated", "before submission", false)]
    [InlineData("employer reference", "apprentice", "after submission", true)]
    [InlineData("employer reference", "employer", "after submission", true)]
    [InlineData("employer reference", "unrelated", "after submission", false)]
    [InlineData("evidence files", "apprentice", "before anything", true)]
    [InlineData("evidence files", "employer", "before anything", true)]
    [InlineData("evidence files", "assessor", "before anything", true)]
    [InlineData("evidence files", "quality assurer", "before anything", true)]
    [InlineData("evidence files", "admin", "before anything", true)]
    [InlineData("evidence files", "unrelated", "after everything", false)]
    [InlineData("interview booking", "apprentice", "before the interview is scheduled", false)]
    [InlineData("interview booking", "employer", "before the interview is scheduled", false)]
    [InlineData("interview booking", "assessor", "before the interview is scheduled", true)]
    [InlineData("interview booking", "admin", "before the interview is scheduled", true)]
    [InlineData("interview booking", "apprentice", "once the interview is scheduled", true)]
    [InlineData("interview booking", "employer", "once the interview is scheduled", true)]
    [InlineData("interview booking", "quality assurer", "once the interview is scheduled", true)]
    [InlineData("interview booking", "unrelated", "once the interview is scheduled", false)]
    public void Visibility_OfEachDataForEachViewer_FollowsTheTable(string data, string viewer, string moment, bool visible)
    {
        var view = CaseVisibility.For(RelationOf(viewer), ContextAt(moment));

        Assert.Equal(visible, Pick(view, data));
    }

    public static TheoryData<CaseState, CaseRelation> EveryStateForEachParty()
    {
        var data = new TheoryData<CaseState, CaseRelation>();
        foreach (var state in Enum.GetValues<CaseState>())
        {
            data.Add(state, CaseRelation.Apprentice);
            data.Add(state, CaseRelation.Employer);
            data.Add(state, CaseRelation.Provider);
            data.Add(state, CaseRelation.Employer | CaseRelation.Provider);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryStateForEachParty))]
    public void AssessorNotes_ForTheApprenticeEmployerOrProvider_AreNeverVisibleWhateverTheState(CaseState state, CaseRelation relation)
    {
        var view = CaseVisibility.For(relation, new VisibilityContext(state, ProjectWindowOpened: true, ReferenceSubmitted: true, ResultReleased: true));

        Assert.False(view.AssessorNotes);
        Assert.True(view.Case);
    }

    [Fact]
    public void AssessorNotes_ForAPartyWithAStaffRoleToo_StayHidden()
    {
        var view = CaseVisibility.For(CaseRelation.Apprentice | CaseRelation.Admin, ContextAt("after everything"));

        Assert.False(view.AssessorNotes);
    }

    [Fact]
    public void Unrelated_Viewer_SeesNothingAtAll()
    {
        Assert.Equal(CaseView.Nothing, CaseVisibility.For(CaseRelation.None, ContextAt("after everything")));
    }

    [Fact]
    public void Visibility_ForAnActor_DecidesTheRelationFirst()
    {
        var scenario = CaseScenario.In(CaseState.PreInterviewReview);
        var context = VisibilityContext.Of(scenario.Case, scenario.Project, reference: null, TestClock.Now);

        Assert.Equal(CaseView.Nothing, CaseVisibility.For(Actors.OtherAssessor, scenario.Case, Actors.Parties, context));
        Assert.Equal(CaseView.Everything, CaseVisibility.For(Actors.Assessor, scenario.Case, Actors.Parties, context));
        Assert.False(CaseVisibility.For(Actors.Employer, scenario.Case, Actors.Parties, context).AssessorNotes);
    }

    [Fact]
    public void Context_OfACase_ReadsTheWindowTheReferenceAndTheRelease()
    {
        var scenario = CaseScenario.In(CaseState.ResultReleased);
        var reference = new EmployerReference(42, TestClock.Now.AddDays(-40));
        reference.Submit("employer-1", TestClock.Now.AddDays(-35));

        var context = VisibilityContext.Of(scenario.Case, CaseScenario.NewProject(1, TestClock.Now.AddDays(-20)), reference, TestClock.Now);

        Assert.Equal(new VisibilityContext(CaseState.ResultReleased, true, true, true), context);
    }

    [Fact]
    public void Context_BeforeTheWindowOpensAndWithADraftReference_HidesBoth()
    {
        var scenario = CaseScenario.In(CaseState.ProjectScheduled);

        var context = VisibilityContext.Of(scenario.Case, scenario.Project, new EmployerReference(42, TestClock.Now), TestClock.Now);

        Assert.Equal(new VisibilityContext(CaseState.ProjectScheduled, false, false, false), context);
    }

    [Theory]
    [InlineData(CaseRelation.Apprentice, false, false)]
    [InlineData(CaseRelation.Apprentice, true, true)]
    [InlineData(CaseRelation.Employer, false, false)]
    [InlineData(CaseRelation.Employer, true, true)]
    [InlineData(CaseRelation.Provider, false, false)]
    [InlineData(CaseRelation.Provider, true, true)]
    [InlineData(CaseRelation.AllocatedAssessor, false, true)]
    [InlineData(CaseRelation.QualityAssurer, false, true)]
    [InlineData(CaseRelation.Admin, false, true)]
    [InlineData(CaseRelation.None, true, false)]
    public void GradeDecisionOfAnyAttempt_IsVisibleToPartiesOnlyOnceReleased(CaseRelation relation, bool released, bool visible)
    {
        var decision = new GradeDecision(42, 1, Actors.AssessorId, Grade.Fail, Grade.Fail, "Fail because How is Below the expected level.", TestClock.Now)
        {
            ReleasedAt = released ? TestClock.Now : null,
        };

        Assert.Equal(visible, CaseVisibility.CanSeeGradeDecision(relation, decision));
    }

    private static CaseRelation RelationOf(string viewer) => viewer switch
    {
        "apprentice" => CaseRelation.Apprentice,
        "employer" => CaseRelation.Employer,
        "provider" => CaseRelation.Provider,
        "assessor" => CaseRelation.AllocatedAssessor,
        "quality assurer" => CaseRelation.QualityAssurer,
        "admin" => CaseRelation.Admin,
        _ => CaseRelation.None,
    };

    private static VisibilityContext ContextAt(string moment) => moment switch
    {
        "before the window opens" => new(CaseState.ProjectScheduled, ProjectWindowOpened: false, ReferenceSubmitted: true, ResultReleased: false),
        "after the window opens" => new(CaseState.ProjectInProgress, ProjectWindowOpened: true, ReferenceSubmitted: true, ResultReleased: false),
        "before release" => new(CaseState.IqaApproved, true, true, ResultReleased: false),
        "after release" => new(CaseState.ResultReleased, true, true, ResultReleased: true),
        "before submission" => new(CaseState.Registered, false, ReferenceSubmitted: false, false),
        "after submission" => new(CaseState.GatewaySubmitted, false, ReferenceSubmitted: true, false),
        "before the interview is scheduled" => new(CaseState.PreInterviewReview, true, true, false),
        "once the interview is scheduled" => new(CaseState.InterviewScheduled, true, true, false),
        "before anything" => new(CaseState.Registered, false, false, false),
        _ => new(CaseState.ResultReleased, true, true, true),
    };

    private static bool Pick(CaseView view, string data) => data switch
    {
        "project brief" => view.ProjectBrief,
        "assessor notes" => view.AssessorNotes,
        "result" => view.Result,
        "employer reference" => view.EmployerReference,
        "evidence files" => view.EvidenceFiles,
        _ => view.InterviewBooking,
    };
}
