using System.Globalization;
using EpaPortal.Domain.Access;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Evidence;
using EpaPortal.Domain.Grading;
using EpaPortal.Domain.Organisations;
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
public sealed record Grading(
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
    public static Grading Fail(string marker = "rationale") => new(How: AreaLevel.Below, Marker: marker, Recommendation: AttemptKind.Resit);
}

/// <summary>
/// Drives cases through the real case workflow and grading service over the portal's database, as the
/// people of the case would (apprentice, employer, admin, assessor, the portal's clock): never by
/// setting a state. Moves the factory's clock forward where a window or an interview must pass.
/// </summary>
public sealed class CaseJourney(PortalFactory factory)
{
    private static int _counter;

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

    /// <summary>A new apprentice (with a login and a valid ULN) of the organisation, and their case registered by the admin.</summary>
    public async Task<JourneyCase> RegisterAsync(string organisation = DemoDataSeeder.Acme, string? familyName = null)
    {
        var n = Interlocked.Increment(ref _counter);
        var email = $"journey-{Guid.NewGuid():N}@test.test";
        var given = "Jo";
        var family = familyName ?? $"Journey{n.ToString(CultureInfo.InvariantCulture)}";
        var userId = await UserAsync(email, $"{given} {family}", Roles.Apprentice);
        var uln = ValidUln();
        var admin = await ActorAsync(Demo.Admin);
        var caseId = await factory.WithDbAsync(async db =>
        {
            var org = await db.Organisations.SingleAsync(o => o.Name == organisation);
            var apprentice = new Apprentice(uln, given, family, email, org.Id, new DateOnly(2025, 1, 6))
            {
                UserId = userId,
                PostalAddress = $"{n.ToString(CultureInfo.InvariantCulture)} Test Street, Leeds LS1 1AA",
            };
            db.Apprentices.Add(apprentice);
            await db.SaveChangesAsync();
            var version = await db.StandardVersions.Include(v => v.Standard).SingleAsync(v => v.Standard!.Reference == "ST0128" && v.Version == "1.0");
            var workflow = new CaseWorkflow(factory.Clock);
            var outcome = workflow.Register(apprentice, version, admin);
            Assert.True(outcome.Succeeded, outcome.ToString());
            db.Cases.Add(outcome.Case!);
            await db.SaveChangesAsync();
            db.AuditEntries.Add((outcome.Audit! with { CaseId = outcome.Case!.Id }).ToAuditEntry());
            await db.SaveChangesAsync();
            return outcome.Case.Id;
        });
        return new JourneyCase(caseId, email, uln, given, family);
    }

    /// <summary>Portfolio submitted and confirmed, reference submitted, gateway submitted and approved, assessor allocated.</summary>
    public async Task ToAllocatedAsync(JourneyCase journey, string assessorEmail)
    {
        var caseId = journey.CaseId;
        var apprentice = await ActorAsync(journey.ApprenticeEmail);
        var organisation = await factory.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.Apprentice!.Organisation!.Name).SingleAsync());
        var employer = await ActorAsync(organisation == DemoDataSeeder.Acme ? Demo.Employer : Demo.OtherEmployer);

        var now = factory.Clock.GetUtcNow();
        await factory.WithDbAsync(async db =>
        {
            var version = await VersionAsync(db, caseId);
            var file = NewFile(caseId, FilePurpose.PortfolioEvidence, "payments-api.pdf", apprentice.UserId, now);
            db.StoredFiles.Add(file);
            var item = new EvidenceItem(caseId, "Payments API refunds", "Built the refund endpoint with tests.", "Payments API", new DateOnly(2026, 6, 1), file, now);
            item.MapTo(version.Competencies.Select(c => c.Id));
            db.EvidenceItems.Add(item);

            var reference = new EmployerReference(caseId, now) { RefereeName = "Erin Employer", RefereeJobTitle = "Engineering Manager", DeclarationAccepted = true };
            foreach (var area in version.Areas)
            {
                reference.SetNarrative(area.Code, $"{area.Name}: worked well on the payments team.");
            }

            reference.Submit(employer.UserId, now);
            db.EmployerReferences.Add(reference);
            await db.SaveChangesAsync();
        });

        await StepAsync(caseId, (workflow, epaCase, facts) => workflow.SubmitPortfolio(epaCase, apprentice, facts, "sha256-of-the-portfolio"));
        await StepAsync(caseId, (workflow, epaCase, facts) => workflow.ConfirmPortfolio(epaCase, employer, facts.Parties, "Erin Employer", "Engineering Manager"));

        await factory.WithDbAsync(async db =>
        {
            var version = await VersionAsync(db, caseId);
            var gateway = new GatewaySubmission(caseId, employer.UserId, now)
            {
                EnglishExemptionReason = "GCSE English grade 6 (2019)",
                MathsExemptionReason = "GCSE mathematics grade 7 (2019)",
                MinimumTimeOnProgrammeConfirmed = true,
                ReadinessDeclared = true,
                PortfolioAndReferenceCompleteConfirmed = true,
                ApprenticeConsentsToCertificateRequest = true,
                EmployerSignatoryName = "Erin Employer",
                EmployerSignatoryJobTitle = "Engineering Manager",
            };
            foreach (var module in version.KnowledgeModules)
            {
                var certificate = NewFile(caseId, FilePurpose.KnowledgeModuleCertificate, $"{module.Order}.pdf", employer.UserId, now);
                db.StoredFiles.Add(certificate);
                gateway.AddModuleResult(module.Name, "BCS", new DateOnly(2026, 6, 1), certificate.Id);
            }

            db.GatewaySubmissions.Add(gateway);
            await db.SaveChangesAsync();
        });
        await StepAsync(caseId, (workflow, epaCase, facts) => workflow.Transition(epaCase, CaseState.GatewaySubmitted, employer, facts, null));

        await factory.WithDbAsync(async db =>
        {
            var gateway = await db.GatewaySubmissions.Include(g => g.Reviews).Where(g => g.CaseId == caseId).OrderByDescending(g => g.Id).FirstAsync();
            foreach (var item in Enum.GetValues<GatewayItem>())
            {
                gateway.RecordReview(item, GatewayItemDecision.Approved, null);
            }

            await db.SaveChangesAsync();
        });
        var admin = await ActorAsync(Demo.Admin);
        await StepAsync(caseId, (workflow, epaCase, facts) => workflow.Transition(epaCase, CaseState.GatewayApproved, admin, facts, null));
        await AllocateAsync(caseId, assessorEmail);
    }

    /// <summary>The admin allocates (or re-allocates) the assessor.</summary>
    public async Task AllocateAsync(int caseId, string assessorEmail)
    {
        var admin = await ActorAsync(Demo.Admin);
        var assessor = await ActorAsync(assessorEmail);
        await StepAsync(caseId, (workflow, epaCase, facts) => workflow.AllocateAssessor(epaCase, admin, assessor, facts.AssessorConflicts, facts));
    }

    /// <summary>
    /// From an allocated case at the start of an attempt (gateway approved, re-sit or re-take planned):
    /// project scheduled, opened and closed by the clock, pre-interview review, interview booked and
    /// held, judgements graded by the grading service, and the grade submitted (Graded).
    /// </summary>
    public async Task GradeAttemptAsync(JourneyCase journey, Grading grading)
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
        await StepAsync(caseId, (workflow, epaCase, facts) => workflow.Transition(epaCase, CaseState.ProjectScheduled, admin, facts, null));
        factory.Clock.Advance(TimeSpan.FromDays(2));
        await StepAsync(caseId, (workflow, epaCase, facts) => workflow.Transition(epaCase, CaseState.ProjectInProgress, Actor.System, facts, null));
        await StepAsync(caseId, (workflow, epaCase, facts) => workflow.Transition(epaCase, CaseState.ProjectSubmitted, Actor.System, facts, null));

        var assessorId = await factory.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.AssessorId!).SingleAsync());
        var assessor = await ActorByIdAsync(assessorId);
        await StepAsync(caseId, (workflow, epaCase, facts) => workflow.Transition(epaCase, CaseState.PreInterviewReview, assessor, facts, null));

        now = factory.Clock.GetUtcNow();
        var itemId = await factory.WithDbAsync(async db =>
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
            return item;
        });
        await StepAsync(caseId, (workflow, epaCase, facts) => workflow.Transition(epaCase, CaseState.InterviewScheduled, assessor, facts, null));

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

        now = factory.Clock.GetUtcNow();
        await factory.WithDbAsync(async db =>
        {
            var loader = new CaseFactsLoader(db);
            var epaCase = (await loader.LoadCaseAsync(caseId))!;
            var version = epaCase.StandardVersion!;
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
            decision.QaStatus = graded.RequiresQualityAssurance || decision.FinalGrade == Grade.Fail ? QaStatus.Pending : grading.Qa;
            db.GradeDecisions.Add(decision);
            await db.SaveChangesAsync();
        });
        await StepAsync(caseId, (workflow, epaCase, facts) => workflow.Transition(epaCase, CaseState.Graded, assessor, facts, null));
    }

    /// <summary>A new case of the organisation, graded by the assessor on its first attempt.</summary>
    public async Task<JourneyCase> GradedAsync(string assessorEmail, Grading grading, string organisation = DemoDataSeeder.Acme, string? familyName = null)
    {
        var journey = await RegisterAsync(organisation, familyName);
        await ToAllocatedAsync(journey, assessorEmail);
        await GradeAttemptAsync(journey, grading);
        return journey;
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
            var loader = new CaseFactsLoader(db);
            var epaCase = (await loader.LoadCaseAsync(caseId))!;
            var facts = await loader.LoadFactsAsync(epaCase);
            var outcome = step(new CaseWorkflow(factory.Clock), epaCase, facts);
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

    private static StoredFile NewFile(int caseId, FilePurpose purpose, string name, string uploadedBy, DateTimeOffset at) =>
        new(Guid.NewGuid(), caseId, purpose, name, "application/pdf", 2048, new string('a', 64), Guid.NewGuid().ToString("N"), uploadedBy, at);

    /// <summary>A random ULN that passes the checksum of domain.md section 8.</summary>
    public static string ValidUln()
    {
        while (true)
        {
            var digits = new int[10];
            digits[0] = Random.Shared.Next(1, 10);
            for (var i = 1; i < 9; i++)
            {
                digits[i] = Random.Shared.Next(0, 10);
            }

            var sum = 0;
            for (var i = 0; i < 9; i++)
            {
                sum += digits[i] * (10 - i);
            }

            var check = ((10 - sum) % 11 + 11) % 11;
            if (check == 10)
            {
                continue;
            }

            digits[9] = check;
            return string.Concat(digits.Select(d => d.ToString(CultureInfo.InvariantCulture)));
        }
    }
}
