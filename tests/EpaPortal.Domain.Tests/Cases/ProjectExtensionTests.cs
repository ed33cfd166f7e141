using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Tests.TestData;

namespace EpaPortal.Domain.Tests.Cases;

/// <summary>Special consideration: an admin extends the project window, with a reason, audited.</summary>
[Trait("Category", "Unit")]
public class ProjectExtensionTests
{
    private const string Reason = "Hospital appointment on the last day of the window.";

    [Fact]
    public void Grant_WhileInProgress_ExtendsTheWindowAndAudits()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.ProjectInProgress, CaseState.ProjectSubmitted);
        var until = scenario.Project!.WindowClosesAt.AddDays(2);

        var outcome = scenario.Workflow().GrantProjectExtension(scenario.Case, Actors.Admin, scenario.Facts(), until, Reason);

        Assert.True(outcome.Succeeded, string.Join(" ", outcome.Problems));
        Assert.Equal((until, Reason, "admin-1"), (scenario.Project.ExtendedUntil, scenario.Project.ExtensionReason, scenario.Project.ExtensionGrantedById));
        Assert.Equal(until, scenario.Project.EffectiveClose);
        Assert.Equal((CaseActions.ProjectExtensionGranted, CaseState.ProjectInProgress, CaseState.ProjectInProgress, Reason), (outcome.Audit!.Action, outcome.Audit.From, outcome.Audit.To, outcome.Audit.Reason));
    }

    [Fact]
    public void Grant_AfterThePortalClosedTheWindow_ReopensTheProject()
    {
        var scenario = CaseScenario.In(CaseState.ProjectSubmitted);
        scenario.Project = CaseScenario.NewProject(1, scenario.Now.AddDays(-10));
        var until = scenario.Now.AddDays(3);

        var outcome = scenario.Workflow().GrantProjectExtension(scenario.Case, Actors.Admin, scenario.Facts(), until, Reason);

        Assert.True(outcome.Succeeded, string.Join(" ", outcome.Problems));
        Assert.Equal(CaseState.ProjectInProgress, scenario.Case.State);
        Assert.Equal((CaseState.ProjectSubmitted, CaseState.ProjectInProgress), (outcome.Audit!.From, outcome.Audit.To));
    }

    [Fact]
    public void Grant_AfterTheApprenticeSubmitted_IsRefused()
    {
        var scenario = CaseScenario.In(CaseState.ProjectSubmitted);
        scenario.Project = CaseScenario.NewProject(1, scenario.Now.AddDays(-10));
        scenario.Project.MarkSubmitted(scenario.Now.AddDays(-4));

        var outcome = scenario.Workflow().GrantProjectExtension(scenario.Case, Actors.Admin, scenario.Facts(), scenario.Now.AddDays(3), Reason);

        Assert.Equal("The apprentice has already submitted the project.", Assert.Single(outcome.Problems));
        Assert.Null(scenario.Project.ExtendedUntil);
    }

    [Fact]
    public void Grant_WithoutReasonByAnAssessorEndingTooEarly_ListsEveryProblem()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.ProjectInProgress, CaseState.ProjectSubmitted);
        var tooEarly = scenario.Project!.WindowClosesAt.AddHours(-1);

        var outcome = scenario.Workflow().GrantProjectExtension(scenario.Case, Actors.Assessor, scenario.Facts(), tooEarly, " ");

        Assert.Equal(3, outcome.Problems.Count);
        Assert.Contains("Only an admin can grant a project extension.", outcome.Problems);
        Assert.Contains("Give the reason for the extension (the special consideration).", outcome.Problems);
        Assert.StartsWith("The extension must end after the window's close", outcome.Problems[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Grant_OnceTheReviewHasStarted_IsRefused()
    {
        var scenario = CaseScenario.In(CaseState.PreInterviewReview);

        var outcome = scenario.Workflow().GrantProjectExtension(scenario.Case, Actors.Admin, scenario.Facts(), scenario.Now.AddDays(3), Reason);

        Assert.Equal("A project extension can only be granted while the project is scheduled, in progress or just closed; the case is 'Pre-interview review'.", Assert.Single(outcome.Problems));
    }
}
