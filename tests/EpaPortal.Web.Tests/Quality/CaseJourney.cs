using System.Globalization;
using EpaPortal.Domain.Access;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Grading;
using EpaPortal.TestSupport;
using EpaPortal.Web.Data;
using EpaPortal.Web.Data.Seed;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Security;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpaPortal.Web.Tests.Quality;

/// <summary>A case made by <see cref="CaseJourney"/>, with its apprentice's login and identity.</summary>
public sealed record JourneyCase(int CaseId, string ApprenticeEmail, string Uln, string GivenNames, string FamilyName);

/// <summary>How the assessor judges an attempt. <c>Marker</c> goes into every area rationale and the
/// feedback (released with the result); <c>ConfidentialMarker</c> into the notes, initial conclusions,
/// interview questions and answers (never shown to the apprentice or employer).</summary>
public sealed record GradingPlan(
    AreaLevel What = AreaLevel.Expected,
    AreaLevel How = AreaLevel.Expected,
    AreaLevel WithWhom = AreaLevel.Expected,
    string Marker = "rationale",
    string ConfidentialMarker = "confidential",
    Grade? Proposed = null,
    string? Justification = null,
    AttemptKind? Recommendation = null,
    QaStatus Qa = QaStatus.Pending)
{
    public static GradingPlan Fail(string marker = "rationale") => new(How: AreaLevel.Below, Marker: marker, Recommendation: AttemptKind.Resit);
}

/// <summary>
/// Drives cases through the real case workflow and grading service over the portal's database, as the
/// people of the case would (apprentice, employer, admin, assessor, the portal's clock): never by
/// setting a state. Moves the factory's clock forward where a window or an interview must pass.
/// </summary>
public sealed class CaseJourney(PortalFactory factory)
{
    public PortalFactory Factory => factory;

    /// <summary>A user with the given roles (created once per e-mail); returns their id.</summary>
    public async Task<string> UserAsync(string email, string name, params string[] roles)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, CreatedAt = factory.Clock.GetUtcNow() };
            Assert.True((await users.CreateAsync(user, PortalFactory.DemoPassword)).Succeeded);
            foreach (var role in roles)
            {
                Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
            }
        }

        return user.Id;
    }

    public Task<string> UserIdAsync(string email) =>
        factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    /// <summary>The admin allocates (or re-allocates) the assessor.</summary>
    public async Task AllocateAsync(int caseId, string assessorEmail)
    {
        var admin = await ActorAsync(Demo.Admin);
        var assessor = await ActorAsync(assessorEmail);
        await StepAsync(caseId, (workflow, epaCase, facts) => workflow.AllocateAssessor(epaCase, admin, assessor, facts.AssessorConflicts, facts));
    }

    /// <summary>
    /// A new apprentice of the organisation (password <see cref="PortalFactory.DemoPassword"/>) whose case
    /// the shared <see cref="CaseScenarios"/> drives to the completed interview with the assessor, then
    /// graded here as <paramref name="grading"/> says (override, QA sample, markers).
    /// </summary>
    public async Task<JourneyCase> GradedAsync(string assessorEmail, GradingPlan grading, string organisation = DemoDataSeeder.Acme, string? familyName = null)
    {
        JourneyCase journey;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var scenarios = new TestScenarios(scope.ServiceProvider);
            var organisationId = await db.Organisations.Where(o => o.Name == organisation).Select(o => o.Id).SingleAsync();
            var apprentice = await scenarios.CreateApprenticeAsync(organisationId, PortalFactory.DemoPassword, familyName is null ? null : $"Jo {familyName}");
            var caseId = await scenarios.CreateAsync(apprentice.Id, CaseState.InterviewCompleted, new ScenarioOptions { AssessorEmail = assessorEmail, ConfidentialMarker = grading.ConfidentialMarker });
            journey = new JourneyCase(caseId, apprentice.Email, apprentice.Uln, apprentice.GivenNames, apprentice.FamilyName);
        }

        await GradeAsync(journey, grading);
        return journey;
    }

    private const string CompressedTimeline = "Test journey: the attempt is compressed into days.";

    /// <summary>
    /// A later attempt (re-sit or re-take planned, assessor allocated): project scheduled, opened and
    /// closed by the clock, pre-interview review, interview booked and held, then graded.
    /// (<see cref="CaseScenarios"/> stops at the planned re-sit.)
    /// </summary>
    public async Task GradeAttemptAsync(JourneyCase journey, GradingPlan grading)
    {
        var caseId = journey.CaseId;
        var admin = await ActorAsync(Demo.Admin);
        var now = factory.Clock.GetUtcNow();
        var attempt = await factory.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.Attempt).SingleAsync());
        await factory.WithDbAsync(async db =>
        {
            db.ProjectSubmissions.Add(new ProjectSubmission(caseId, attempt, "Room booking component", "Build and test a room booking component.", now.AddHours(1), now.AddDays(1)));
            await db.SaveChangesAsync();
        });
        // The journey compresses the attempt into days: the admin overrides the plan's notice and window rules.
        await StepAsync(caseId, (workflow, epaCase, facts) => workflow.Transition(epaCase, CaseState.ProjectScheduled, admin, facts, CompressedTimeline));
        factory.Clock.Advance(TimeSpan.FromDays(2));
        await StepAsync(caseId, (workflow, epaCase, facts) => workflow.Transition(epaCase, CaseState.ProjectInProgress, Actor.System, facts, null));
        await StepAsync(caseId, (workflow, epaCase, facts) => workflow.Transition(epaCase, CaseState.ProjectSubmitted, Actor.System, facts, null));

        var assessorId = await factory.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.AssessorId!).SingleAsync());
        var assessor = await ActorByIdAsync(assessorId);
        await StepAsync(caseId, (workflow, epaCase, facts) => workflow.Transition(epaCase, CaseState.PreInterviewReview, assessor, facts, null));

        now = factory.Clock.GetUtcNow();
        await factory.WithDbAsync(async db =>
        {
            var version = await VersionAsync(db, caseId);
            var item = await db.EvidenceItems.Where(e => e.CaseId == caseId).Select(e => e.Id).FirstAsync();
            var note = new AssessorNote(caseId, attempt, assessorId, now) { Notes = $"Notes {grading.ConfidentialMarker}" };
            foreach (var area in version.Areas)
            {
                note.SetConclusion(area.Code, null, InitialLevel.Expected, [], $"Conclusion {grading.ConfidentialMarker}");
            }

            foreach (var competency in version.Competencies)
            {
                note.SetConclusion(null, competency.Id, InitialLevel.Expected, [$"PortfolioItem:{item.ToString(CultureInfo.InvariantCulture)}"], null);
            }

            db.AssessorNotes.Add(note);
            db.InterviewQuestions.Add(new InterviewQuestion(caseId, attempt, $"Question {grading.ConfidentialMarker}: how did you test it?", QuestionOrigin.Planned, 1, [version.Competencies[0].Id]));
            db.Interviews.Add(new Interview(caseId, attempt, now.AddHours(1), 60, InterviewMode.VideoCall, "https://meet.example.test/epa", Guid.NewGuid()));
            await db.SaveChangesAsync();
        });
        await StepAsync(caseId, (workflow, epaCase, facts) => workflow.Transition(epaCase, CaseState.InterviewScheduled, admin, facts, CompressedTimeline));

        factory.Clock.Advance(TimeSpan.FromHours(3));
        await factory.WithDbAsync(async db =>
        {
            foreach (var question in await db.InterviewQuestions.Where(q => q.CaseId == caseId && q.Attempt == attempt).ToListAsync())
            {
                question.Asked = true;
                question.AnswerSummary = $"Answer {grading.ConfidentialMarker}: unit and integration tests.";
            }

            await db.SaveChangesAsync();
        });
        await StepAsync(caseId, (workflow, epaCase, facts) => workflow.Transition(epaCase, CaseState.InterviewCompleted, assessor, facts, null));
        await GradeAsync(journey, grading);
    }

    /// <summary>The assessor's final judgements for the current attempt, graded by the grading service and
    /// submitted (InterviewCompleted → Graded), with the QA sample status the grading pages would give.</summary>
    public async Task GradeAsync(JourneyCase journey, GradingPlan grading)
    {
        var caseId = journey.CaseId;
        var now = factory.Clock.GetUtcNow();
        var (attempt, assessorId) = await factory.WithDbAsync(async db =>
        {
            var row = await db.Cases.Where(c => c.Id == caseId).Select(c => new { c.Attempt, c.AssessorId }).SingleAsync();
            return (row.Attempt, row.AssessorId!);
        });
        var assessor = await ActorByIdAsync(assessorId);
        var itemId = await factory.WithDbAsync(db => db.EvidenceItems.Where(e => e.CaseId == caseId).OrderBy(e => e.Id).Select(e => e.Id).FirstAsync());
        await factory.WithDbAsync(async db =>
        {
            var loader = new CaseFactsLoader(db, factory.Services.GetRequiredService<StandardVersionCache>(), factory.Services.GetRequiredService<EpaPortal.Web.Features.Scheduling.BankHolidaySource>());
            var snapshot = (await loader.LoadForUpdateAsync(caseId))!;
            var epaCase = snapshot.Case;
            var version = snapshot.Facts.StandardVersion;
            var judgement = new Judgement(caseId, attempt, assessorId, now);
            var levels = new Dictionary<string, AreaLevel> { ["What"] = grading.What, ["How"] = grading.How, ["WithWhom"] = grading.WithWhom };
            foreach (var area in version.Areas)
            {
                judgement.SetArea(area.Code, levels[area.Code], $"{area.Name} judged {levels[area.Code]}: {grading.Marker}");
            }

            foreach (var competency in version.Competencies)
            {
                judgement.SetCompetencyEvidence(competency.Id, [$"PortfolioItem:{itemId.ToString(CultureInfo.InvariantCulture)}", $"ReferenceSection:{competency.AreaCode}"]);
            }

            db.Judgements.Add(judgement);
            var graded = new GradingService(factory.Clock).Decide(epaCase, version, judgement, AssessmentProgress.AllAssessed,
                new GradeProposal(grading.Proposed, grading.Justification, grading.Recommendation, $"Feedback {grading.Marker}"));
            Assert.True(graded.Succeeded, string.Join(" ", graded.Problems));
            var decision = graded.Decision!;
            var returned = await db.GradeDecisions.AnyAsync(d => d.CaseId == caseId && d.Attempt == attempt && d.QaStatus == QaStatus.Returned);
            decision.QaStatus = QaSampling.Mandatory(QaSamplingFacts.Of(decision, returned)).Count > 0 ? QaStatus.Pending : grading.Qa;
            db.GradeDecisions.Add(decision);
            await db.SaveChangesAsync();
        });
        await StepAsync(caseId, (workflow, epaCase, facts) => workflow.Transition(epaCase, CaseState.Graded, assessor, facts, null));
    }

    /// <summary>Any move, taken through the workflow by the user with that e-mail (set-up, not the page under test).</summary>
    public async Task MoveAsync(int caseId, CaseState target, string actorEmail, string? reason = null, Func<CaseFacts, CaseFacts>? adjust = null)
    {
        var actor = await ActorAsync(actorEmail);
        await StepAsync(caseId, (workflow, epaCase, facts) => workflow.Transition(epaCase, target, actor, adjust is null ? facts : adjust(facts), reason));
    }

    /// <summary>QA approval and release, through the workflow, as the demo quality assurer and admin.</summary>
    public async Task ApproveAndReleaseAsync(int caseId)
    {
        await MoveAsync(caseId, CaseState.IqaApproved, Demo.QualityAssurer);
        await MoveAsync(caseId, CaseState.ResultReleased, Demo.Admin);
    }

    public Task<CaseState> StateAsync(int caseId) =>
        factory.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.State).SingleAsync());

    public async Task<Actor> ActorAsync(string email) => await ActorByIdAsync(await UserIdAsync(email));

    private async Task<Actor> ActorByIdAsync(string userId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByIdAsync(userId))!;
        var roles = await users.GetRolesAsync(user);
        return new Actor(user.Id, user.DisplayName, ActorExtensions.ToPortalRoles(roles), user.OrganisationId);
    }

    private async Task StepAsync(int caseId, Func<CaseWorkflow, EpaCase, CaseFacts, CaseOutcome> step)
    {
        await factory.WithDbAsync(async db =>
        {
            var loader = new CaseFactsLoader(db, factory.Services.GetRequiredService<StandardVersionCache>(), factory.Services.GetRequiredService<EpaPortal.Web.Features.Scheduling.BankHolidaySource>());
            var snapshot = (await loader.LoadForUpdateAsync(caseId))!;
            var outcome = step(new CaseWorkflow(factory.Clock), snapshot.Case, snapshot.Facts);
            Assert.True(outcome.Succeeded, $"Case {caseId}: {outcome}");
            db.AuditEntries.Add(outcome.Audit!.ToAuditEntry());
            await db.SaveChangesAsync();
        });
    }

    private static async Task<Domain.Standards.StandardVersion> VersionAsync(PortalDbContext db, int caseId)
    {
        var versionId = await db.Cases.Where(c => c.Id == caseId).Select(c => c.StandardVersionId).SingleAsync();
        return await db.StandardVersions.Include(v => v.Areas).Include(v => v.Competencies).Include(v => v.KnowledgeModules).AsSplitQuery().SingleAsync(v => v.Id == versionId);
    }
}
