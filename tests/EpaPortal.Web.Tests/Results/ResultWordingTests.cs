using System.Net;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.TestSupport;
using EpaPortal.Web.Data.Seed;
using EpaPortal.Web.Tests.Infrastructure;
using EpaPortal.Web.Tests.Performance;
using EpaPortal.Web.Tests.Quality;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpaPortal.Web.Tests.Results;

/// <summary>
/// What the apprentice and employer read on a released result: the final grade, the assessment plan's
/// reason for it in plain words (each area's level with the assessor's rationale) and the assessor's
/// feedback; never the grading service's working (the computed grade, the override and its justification,
/// quality assurance), which staff pages keep.
/// </summary>
[Trait(Category.Name, Category.Integration)]
public sealed class ResultWordingTests(VolumePortalFactory factory) : IClassFixture<VolumePortalFactory>
{
    /// <summary>Words of the grading service's working, for staff only.</summary>
    private static readonly string[] InternalWording =
    [
        "Overridden", "overridden", "override", "quality assurance)", "because", "computed", "Justification", "justification",
    ];

    private readonly CaseJourney _journey = new(factory);

    [Theory]
    [InlineData(AreaLevel.Above, AreaLevel.Above, AreaLevel.Expected, Grade.Distinction)]
    [InlineData(AreaLevel.Expected, AreaLevel.Expected, AreaLevel.Expected, Grade.Merit)]
    public async Task AnOverriddenResult_ShowsTheGradeItsPlainReasonAndTheFeedback_AndNoneOfTheInternalWording(AreaLevel what, AreaLevel how, AreaLevel withWhom, Grade proposed)
    {
        var justification = "JUSTIFICATION-" + Guid.NewGuid().ToString("N");
        var marker = "FEEDBACK-" + Guid.NewGuid().ToString("N");
        var journey = await _journey.GradedAsync(Demo.Assessor, new GradingPlan(what, how, withWhom, Marker: marker, Proposed: proposed, Justification: justification));
        await _journey.ApproveAndReleaseAsync(journey.CaseId);
        using var apprentice = await factory.SignInAsync(journey.ApprenticeEmail);
        using var employer = await factory.SignInAsync(Demo.Employer);

        foreach (var (client, url) in new[] { (apprentice, "/apprentice/result"), (employer, $"/employer/cases/{journey.CaseId}/result") })
        {
            var probe = await factory.ProbeAsync(client, url);
            Assert.Equal(HttpStatusCode.OK, probe.Status);
            Assert.True(probe.PageCommands.Count <= BudgetPages.MaxCommands, probe.Describe());
            var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(probe.Html);
            var result = page.QuerySelector("#result-current")!;
            Assert.Equal(proposed.ToString(), result.QuerySelector(".result-grade")!.TextContent);
            Assert.Equal($"{proposed}: the assessor judged the evidence from all four assessment methods, taken together, to be at {proposed} level.", result.QuerySelector(".result-reason")!.TextContent);
            Assert.Contains($"Feedback {marker}", result.QuerySelector(".result-feedback")!.TextContent, StringComparison.Ordinal);
            var main = page.QuerySelector("main")!.TextContent;
            Assert.DoesNotContain(justification, probe.Html, StringComparison.Ordinal);
            foreach (var word in InternalWording)
            {
                Assert.False(main.Contains(word, StringComparison.Ordinal), $"{url} shows '{word}': {main}");
            }

            // The final judgements are theirs to read once released (domain.md section 6): each area's level and rationale.
            Assert.Contains($"What judged {what}: {marker}", result.QuerySelector(".result-judged")!.TextContent, StringComparison.Ordinal);
        }

        // Staff pages keep the full detail.
        using var admin = await factory.SignInAsync(Demo.Admin);
        var (_, staff) = await admin.GetPageAsync($"/admin/results/cases/{journey.CaseId}");
        Assert.Contains($"to {proposed} by the assessor: {justification}", staff.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(AreaLevel.Above, AreaLevel.Above, AreaLevel.Expected, "Merit", "Merit: What was judged significantly above the expected level, and How too.")]
    [InlineData(AreaLevel.Above, AreaLevel.Expected, AreaLevel.Above, "Merit", "Merit: What was judged significantly above the expected level, and With Whom too.")]
    [InlineData(AreaLevel.Above, AreaLevel.Above, AreaLevel.Above, "Distinction", "Distinction: What, How and With Whom were all judged significantly above the expected level.")]
    [InlineData(AreaLevel.Expected, AreaLevel.Above, AreaLevel.Above, "Pass", "Pass: every area was judged at the expected level or above. A Merit needs What and one more area significantly above the expected level.")]
    [InlineData(AreaLevel.Expected, AreaLevel.Below, AreaLevel.Expected, "Fail", "Fail: How was judged below the expected level. A pass needs every area at the expected level or above.")]
    public async Task AResult_GivesThePlansReasonInPlainWords_WithEachAreasLevel(AreaLevel what, AreaLevel how, AreaLevel withWhom, string grade, string reason)
    {
        var journey = await _journey.GradedAsync(Demo.Assessor, new GradingPlan(what, how, withWhom, Recommendation: AttemptKind.Resit));
        await _journey.ApproveAndReleaseAsync(journey.CaseId);
        using var apprentice = await factory.SignInAsync(journey.ApprenticeEmail);

        var (_, page) = await apprentice.GetPageAsync("/apprentice/result");

        var result = page.QuerySelector("#result-current")!;
        Assert.Equal(grade, result.QuerySelector(".result-grade")!.TextContent);
        Assert.Equal(reason, result.QuerySelector(".result-reason")!.TextContent);
        Assert.Equal(
            [$"What: {ReleasedResultExplainer.Describe(what)}", $"How: {ReleasedResultExplainer.Describe(how)}", $"With Whom: {ReleasedResultExplainer.Describe(withWhom)}"],
            result.QuerySelectorAll(".result-judged .result-level").Select(li => li.TextContent).ToArray());
        Assert.DoesNotContain("because", result.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("WithWhom", result.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AfterAnUpheldAppeal_TheResultPagesSayTheResultWasWithdrawn_AndAReassessmentIsUnderWay()
    {
        int caseId;
        string email;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var scenarios = new TestScenarios(scope.ServiceProvider);
            var organisationId = await factory.WithDbAsync(db => db.Organisations.Where(o => o.Name == DemoDataSeeder.Acme).Select(o => o.Id).SingleAsync());
            var apprentice = await scenarios.CreateApprenticeAsync(organisationId, PortalFactory.DemoPassword);
            email = apprentice.Email;
            caseId = await scenarios.CreateAsync(apprentice.Id, CaseState.AppealUpheld, new ScenarioOptions { AssessorEmail = Demo.Assessor });
        }

        using var apprenticeClient = await factory.SignInAsync(email);
        using var employer = await factory.SignInAsync(Demo.Employer);
        foreach (var (client, url) in new[] { (apprenticeClient, "/apprentice/result"), (employer, $"/employer/cases/{caseId}/result") })
        {
            var (response, page) = await client.GetPageAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Null(page.QuerySelector("#result-current"));
            var notice = page.QuerySelector("#result-reassessment")!.TextContent;
            Assert.Contains("The earlier result was withdrawn", notice, StringComparison.Ordinal);
            Assert.Contains("(Merit) has been withdrawn: an appeal against it was upheld.", notice, StringComparison.Ordinal);
            Assert.Contains("A re-assessment by a different assessor is under way", notice, StringComparison.Ordinal);
            Assert.Contains("This result was withdrawn: an appeal against it was upheld, and the apprentice is being re-assessed.", page.QuerySelector("#result-earlier")!.TextContent, StringComparison.Ordinal);
        }

        var (_, dashboard) = await apprenticeClient.GetPageAsync("/apprentice");
        Assert.Contains("Your appeal was upheld: your earlier result was withdrawn", dashboard.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(CaseState.AppealUpheld, await _journey.StateAsync(caseId));
    }
}
