using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Identifiers;
using EpaPortal.TestSupport;
using EpaPortal.Web.Data.Seed;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpaPortal.Web.Tests.Foundation;

/// <summary>The shared builder reaches every state it offers through the real workflow, with its audit trail.</summary>
[Trait(Category.Name, Category.Integration)]
public class CaseScenarioTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    public static TheoryData<CaseState> PassingStates() => new(
        CaseState.Registered, CaseState.GatewaySubmitted, CaseState.GatewayRejected, CaseState.GatewayApproved,
        CaseState.ProjectScheduled, CaseState.ProjectInProgress, CaseState.ProjectSubmitted, CaseState.PreInterviewReview,
        CaseState.InterviewScheduled, CaseState.InterviewCompleted, CaseState.Graded, CaseState.IqaApproved,
        CaseState.ResultReleased, CaseState.CertificateRequested, CaseState.AppealLodged, CaseState.Withdrawn);

    [Theory]
    [MemberData(nameof(PassingStates))]
    public async Task Scenario_ReachesTheTargetState(CaseState target)
    {
        var (caseId, state, audits) = await RunAsync(target, null);
        Assert.Equal(target, state);
        Assert.True(audits >= 1, $"Case {caseId} has no audit trail.");
    }

    [Theory]
    [InlineData(CaseState.FailRecorded)]
    [InlineData(CaseState.ResitPlanned)]
    [InlineData(CaseState.RetakePlanned)]
    public async Task FailScenario_ReachesTheTargetState(CaseState target)
    {
        var (_, state, _) = await RunAsync(target, ScenarioOptions.Fail);
        Assert.Equal(target, state);
    }

    [Fact]
    public async Task ReleasedScenario_HasTheGradeTheJudgementsGive()
    {
        var (caseId, _, _) = await RunAsync(CaseState.ResultReleased, new ScenarioOptions { What = Domain.Assessment.AreaLevel.Above, How = Domain.Assessment.AreaLevel.Above, WithWhom = Domain.Assessment.AreaLevel.Above });
        var decision = await factory.WithDbAsync(db => db.GradeDecisions.SingleAsync(g => g.CaseId == caseId));
        Assert.Equal(Grade.Distinction, decision.FinalGrade);
        Assert.NotNull(decision.ReleasedAt);
        Assert.NotNull(decision.QaDecisionDate);
    }

    [Fact]
    public async Task ScheduledProject_OpensInTheFuture_AndScheduledInterviewIsAhead()
    {
        var (projectCase, _, _) = await RunAsync(CaseState.ProjectScheduled, null);
        var (interviewCase, _, _) = await RunAsync(CaseState.InterviewScheduled, null);
        var now = factory.Clock.GetUtcNow();
        Assert.True(await factory.WithDbAsync(db => db.ProjectSubmissions.SingleAsync(p => p.CaseId == projectCase)) is { } project && project.WindowOpensAt > now);
        Assert.True(await factory.WithDbAsync(db => db.Interviews.SingleAsync(i => i.CaseId == interviewCase)) is { } interview && interview.StartsAt > now);
    }

    [Fact]
    public async Task NewUln_IsValid()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var scenarios = new TestScenarios(scope.ServiceProvider);
        for (var i = 0; i < 20; i++)
        {
            Assert.Null(Uln.Validate(await scenarios.NewUlnAsync()));
        }
    }

    private async Task<(int CaseId, CaseState State, int Audits)> RunAsync(CaseState target, ScenarioOptions? options)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var scenarios = new TestScenarios(scope.ServiceProvider);
        var organisationId = await factory.WithDbAsync(db => db.Organisations.Where(o => o.Name == DemoDataSeeder.Acme).Select(o => o.Id).SingleAsync());
        var apprentice = await scenarios.CreateApprenticeAsync(organisationId);
        var caseId = await scenarios.CreateAsync(apprentice.Id, target, options);
        return await factory.WithDbAsync(async db =>
        {
            var state = await db.Cases.Where(c => c.Id == caseId).Select(c => c.State).SingleAsync();
            var audits = await db.AuditEntries.CountAsync(a => a.CaseId == caseId);
            return (caseId, state, audits);
        });
    }
}
