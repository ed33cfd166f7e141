using EpaPortal.Domain.Access;
using EpaPortal.Domain.Cases;
using EpaPortal.Web.Data;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpaPortal.Web.Tests.Performance;

/// <summary>
/// The one loader of case facts (issue 17, item 2): the same compiled queries, untracked for pages and tracked
/// for commands, give the workflow the same facts and so the same answers, for a case in every state and every
/// kind of viewer; the tracked load tracks the case and the current attempt's entities, never the cached
/// standard version; both take three commands whatever the case's history.
/// </summary>
[Trait(Category.Name, Category.Performance)]
[Collection(VolumeCollection.Name)]
public class CaseSnapshotTests(VolumeFixture volume)
{
    [Fact]
    public async Task TrackedAndUntrackedLoads_GiveTheWorkflowTheSameAnswers_InEveryState()
    {
        Assert.Equal(VolumeFixture.States, volume.TemplateCases.Count);
        foreach (var (state, caseId) in volume.TemplateCases)
        {
            await using var scope = volume.Large.Services.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var loader = services.GetRequiredService<CaseFactsLoader>();
            var workflow = services.GetRequiredService<CaseWorkflow>();
            var db = services.GetRequiredService<PortalDbContext>();

            var forUpdate = (await loader.LoadForUpdateAsync(caseId))!;
            var (tracked, facts) = (forUpdate.Case, forUpdate.Facts);
            var snapshot = (await loader.LoadAsync(caseId))!;
            var view = snapshot.Facts;

            Assert.Equal(EntityState.Unchanged, db.Entry(tracked).State);
            Assert.Equal(EntityState.Detached, db.Entry(snapshot.Case).State);
            Assert.Equal(EntityState.Detached, db.Entry(facts.StandardVersion).State);
            Assert.Null(tracked.StandardVersion);
            if (facts.Project is { } project)
            {
                Assert.Equal(EntityState.Unchanged, db.Entry(project).State);
            }

            Assert.Equal(state, snapshot.Case.State);
            Assert.Equal(facts.Parties, view.Parties);
            Assert.Equal(facts.PortfolioItemCount, view.PortfolioItemCount);
            Assert.Equal(facts.EmployerReferenceSubmitted, view.EmployerReferenceSubmitted);
            Assert.Equal(facts.ApprenticeshipStartDate, view.ApprenticeshipStartDate);
            Assert.Equal(facts.Gateway?.Id, view.Gateway?.Id);
            Assert.Equal(facts.Gateway?.Reviews.Count, view.Gateway?.Reviews.Count);
            Assert.Equal(facts.Gateway?.ModuleResults.Count, view.Gateway?.ModuleResults.Count);
            Assert.Equal(facts.Project?.Id, view.Project?.Id);
            Assert.Equal(facts.ProjectDeliverableCount, view.ProjectDeliverableCount);
            Assert.Equal(facts.AssessorNote?.Id, view.AssessorNote?.Id);
            Assert.Equal(facts.AssessorNote?.Conclusions.Count, view.AssessorNote?.Conclusions.Count);
            Assert.Equal(facts.InterviewQuestions.Select(q => q.Id), view.InterviewQuestions.Select(q => q.Id));
            Assert.Equal(facts.Interview?.Id, view.Interview?.Id);
            Assert.Equal(facts.GradeDecision?.Id, view.GradeDecision?.Id);
            Assert.Equal(facts.GradeReturnedByQa, view.GradeReturnedByQa);
            Assert.Contains(new DateOnly(2026, 12, 25), view.BankHolidays);
            Assert.Equal(facts.BankHolidays.Order(), view.BankHolidays.Order());
            Assert.Equal(facts.Appeal?.Id, view.Appeal?.Id);
            Assert.Equal(facts.AssessorConflicts.Select(c => c.Id).Order(), view.AssessorConflicts.Select(c => c.Id).Order());
            Assert.Equal(facts.EarlierAssessorIds.Order(StringComparer.Ordinal), view.EarlierAssessorIds.Order(StringComparer.Ordinal));
            Assert.Equal(facts.QualityAssurerIds.Order(StringComparer.Ordinal), view.QualityAssurerIds.Order(StringComparer.Ordinal));
            Assert.Equal(facts.ApprenticeConsentedToCertificate, view.ApprenticeConsentedToCertificate);
            Assert.Equal(facts.StandardVersion.Id, view.StandardVersion.Id);
            Assert.Equal(facts.StandardVersion.Competencies.Count, view.StandardVersion.Competencies.Count);

            foreach (var actor in await ViewersAsync(db, tracked, facts))
            {
                Assert.Equal(workflow.AvailableTransitions(tracked, actor, facts), workflow.AvailableTransitions(snapshot.Case, actor, view));
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Loader_TakesThreeCommands_ForACaseWithItsWholeHistory(bool forUpdate)
    {
        var caseId = volume.TemplateCases[CaseState.ResultReleased];
        await using var scope = volume.Large.Services.CreateAsyncScope();
        var loader = scope.ServiceProvider.GetRequiredService<CaseFactsLoader>();
        await loader.LoadAsync(caseId);

        var probe = Guid.NewGuid().ToString("N");
        using (CommandRecorder.Scope(probe))
        {
            Assert.NotNull(forUpdate ? await loader.LoadForUpdateAsync(caseId) : await loader.LoadAsync(caseId));
        }

        Assert.Equal(3, volume.Large.Commands.Take(probe).Count);
    }

    private static async Task<List<Actor>> ViewersAsync(PortalDbContext db, EpaCase epaCase, CaseFacts facts)
    {
        var admin = await db.Users.Where(u => u.Email == Demo.Admin).Select(u => u.Id).SingleAsync();
        var qa = await db.Users.Where(u => u.Email == Demo.QualityAssurer).Select(u => u.Id).SingleAsync();
        var employer = await db.Users.Where(u => u.OrganisationId == facts.Parties.ApprenticeOrganisationId).Select(u => u.Id).FirstAsync();
        var viewers = new List<Actor>
        {
            Actor.System,
            new(admin, "Admin", [PortalRole.Admin]),
            new(qa, "Quality", [PortalRole.QualityAssurer]),
            new(employer, "Employer", [PortalRole.Employer], facts.Parties.ApprenticeOrganisationId),
            new(facts.Parties.ApprenticeUserId!, "Apprentice", [PortalRole.Apprentice]),
        };
        if (epaCase.AssessorId is { } assessor)
        {
            viewers.Add(new Actor(assessor, "Assessor", [PortalRole.Assessor]));
        }

        return viewers;
    }
}
