using System.Security.Cryptography;
using System.Text;
using EpaPortal.Domain.Access;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Evidence;
using EpaPortal.Domain.Grading;
using EpaPortal.Domain.Organisations;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Features.Portfolio;
using EpaPortal.Web.Security;
using EpaPortal.Web.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Data.Seed;

/// <summary>What a scenario should produce beyond the target state.</summary>
public sealed record ScenarioOptions
{
    /// <summary>The final area levels (What, How, With Whom); the default gives a Merit.</summary>
    public AreaLevel What { get; init; } = AreaLevel.Above;

    public AreaLevel How { get; init; } = AreaLevel.Above;

    public AreaLevel WithWhom { get; init; } = AreaLevel.Expected;

    /// <summary>The assessor to allocate (default: the first assessor by e-mail).</summary>
    public string? AssessorEmail { get; init; }

    /// <summary>The training provider the case names (issue 19): a provider user of it co-signs the gateway. None by default.</summary>
    public int? ProviderOrganisationId { get; init; }

    /// <summary>The quality assurer who approves (default: the first quality assurer by e-mail).</summary>
    public string? QualityAssurerEmail { get; init; }

    /// <summary>Text put into every confidential field (notes, initial conclusions, questions, answers), so
    /// tests can prove it never reaches the apprentice or employer. (The final judgements' rationales are
    /// not confidential: they are released with the grade.)</summary>
    public string ConfidentialMarker { get; init; } = "confidential";

    /// <summary>Text added to every area's rationale in the final judgement (released with the grade), so tests can
    /// find it where the apprentice and employer may read it; none by default.</summary>
    public string? RationaleMarker { get; init; }

    /// <summary>How many portfolio evidence items (each mapped to a share of the competencies).</summary>
    public int EvidenceItems { get; init; } = 3;

    /// <summary>Write real files through the evidence store (false: metadata only, for volume data).</summary>
    public bool WriteFiles { get; init; } = true;

    /// <summary>For a Fail: re-sit or re-take recommended.</summary>
    public AttemptKind FailRecommendation { get; init; } = AttemptKind.Resit;

    public static ScenarioOptions Fail { get; } = new() { What = AreaLevel.Below, How = AreaLevel.Expected, WithWhom = AreaLevel.Expected };
}

/// <summary>
/// Drives a case to any state through the real domain workflow, creating what each move needs on the
/// way (evidence, gateway, reference, project, notes, interview, judgement, QA, release) in a past
/// timeline that ends now: a case scheduled for its project has its window still to open, a case whose
/// interview is scheduled has it in the future, everything else has happened. Used by the demo data,
/// the volume generator (bench/EpaPortal.Bench) and the tests (through tests/EpaPortal.TestSupport, which
/// also makes their apprentices), so none of them sets up a case by hand.
/// </summary>
public sealed class CaseScenarios(PortalDbContext db, CaseFactsLoader loader, UserManager<PortalUser> users, IEvidenceStore store, StorageQuota quota, TimeProvider clock)
{
    /// <summary>The moves in order, each at a day of the timeline (see <see cref="DayOf"/>).</summary>
    private static readonly CaseState[] MainLine =
    [
        CaseState.Registered,
        CaseState.GatewaySubmitted,
        CaseState.GatewayApproved,
        CaseState.ProjectScheduled,
        CaseState.ProjectInProgress,
        CaseState.ProjectSubmitted,
        CaseState.PreInterviewReview,
        CaseState.InterviewScheduled,
        CaseState.InterviewCompleted,
        CaseState.Graded,
        CaseState.IqaApproved,
        CaseState.ResultReleased,
    ];

    private readonly ScenarioClock _clock = new();
    private readonly Dictionary<string, Actor> _actors = new(StringComparer.Ordinal);

    /// <summary>Registers a case for the apprentice and drives it to <paramref name="target"/>.</summary>
    public async Task<int> CreateAsync(int apprenticeId, CaseState target, ScenarioOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ScenarioOptions();
        var path = PathTo(target, options);
        var now = clock.GetUtcNow();
        _clock.Now = now.AddDays(-(DayOf(path[^1]) + 2));
        var workflow = new CaseWorkflow(_clock);

        var apprentice = await db.Apprentices.SingleAsync(a => a.Id == apprenticeId, cancellationToken);
        var version = await db.StandardVersions.Include(v => v.Standard).Where(v => v.IsActive).OrderBy(v => v.Id).FirstAsync(cancellationToken);
        var admin = await ActorAsync(Roles.Admin, null);
        var registered = workflow.Register(apprentice, version, admin,
            provider: options.ProviderOrganisationId is { } providerId ? new ProviderBooking(providerId, WorksWithEmployer: true, PlannedGatewayDate: null) : null);
        Ensure(registered);
        db.Cases.Add(registered.Case!);
        await db.SaveChangesAsync(cancellationToken);
        db.AuditEntries.Add((registered.Audit! with { CaseId = registered.Case!.Id }).ToAuditEntry());
        await db.SaveChangesAsync(cancellationToken);
        var caseId = registered.Case.Id;
        db.ChangeTracker.Clear();

        foreach (var state in path.Skip(1))
        {
            _clock.Now = now.AddDays(-(DayOf(path[^1]) + 2) + DayOf(state));
            await MoveAsync(workflow, caseId, state, target, options, now, cancellationToken);
            db.ChangeTracker.Clear();
        }

        return caseId;
    }

    private static List<CaseState> PathTo(CaseState target, ScenarioOptions options)
    {
        var fail = options.What == AreaLevel.Below || options.How == AreaLevel.Below || options.WithWhom == AreaLevel.Below;
        var released = MainLine.ToList();
        return target switch
        {
            CaseState.GatewayRejected => [CaseState.Registered, CaseState.GatewaySubmitted, CaseState.GatewayRejected],
            CaseState.Withdrawn => [CaseState.Registered, CaseState.Withdrawn],
            CaseState.CertificateRequested when fail => throw new ArgumentException("A Fail cannot reach CertificateRequested."),
            CaseState.FailRecorded when !fail => throw new ArgumentException("Use failing area levels (ScenarioOptions.Fail) for FailRecorded."),
            CaseState.CertificateRequested or CaseState.FailRecorded => [.. released, target],
            CaseState.AppealLodged => [.. released, CaseState.AppealLodged],
            CaseState.AppealUpheld or CaseState.AppealRejected => [.. released, CaseState.AppealLodged, target],
            CaseState.ResitPlanned or CaseState.RetakePlanned => [.. released, CaseState.FailRecorded, target],
            _ when Array.IndexOf(MainLine, target) >= 0 => MainLine.Take(Array.IndexOf(MainLine, target) + 1).ToList(),
            _ => throw new ArgumentException($"No scenario reaches {target}.", nameof(target)),
        };
    }

    /// <summary>The day of the timeline on which the case enters each state.</summary>
    private static int DayOf(CaseState state) => state switch
    {
        CaseState.Registered => 0,
        CaseState.GatewaySubmitted => 2,
        CaseState.GatewayRejected or CaseState.GatewayApproved => 4,
        CaseState.ProjectScheduled => 6,
        CaseState.ProjectInProgress => 8,
        CaseState.ProjectSubmitted => 12,
        CaseState.PreInterviewReview => 14,
        CaseState.InterviewScheduled => 16,
        CaseState.InterviewCompleted => 20,
        CaseState.Graded => 21,
        CaseState.IqaApproved => 23,
        CaseState.ResultReleased => 25,
        CaseState.CertificateRequested or CaseState.FailRecorded or CaseState.AppealLodged => 27,
        CaseState.ResitPlanned or CaseState.RetakePlanned or CaseState.AppealUpheld or CaseState.AppealRejected => 29,
        CaseState.Withdrawn => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    /// <summary>The reason recorded when a seeded scenario schedules against the plan's timing rules.</summary>
    public const string SeededTimeline = "Seeded scenario: its timeline is compressed to reach the state.";

    private async Task MoveAsync(CaseWorkflow workflow, int caseId, CaseState state, CaseState target, ScenarioOptions options, DateTimeOffset realNow, CancellationToken cancellationToken)
    {
        var snapshot = (await loader.LoadForUpdateAsync(caseId, cancellationToken))!;
        var epaCase = snapshot.Case;
        var version = snapshot.Facts.StandardVersion;
        var admin = await ActorAsync(Roles.Admin, null);
        var employer = await EmployerAsync(epaCase.Apprentice!.OrganisationId);
        var apprenticeActor = ApprenticeActor(epaCase.Apprentice);
        var assessor = await ActorAsync(Roles.Assessor, options.AssessorEmail);
        var now = _clock.GetUtcNow();
        Func<CaseFacts, CaseFacts> adjust = f => f;

        switch (state)
        {
            case CaseState.GatewaySubmitted:
                await PrepareGatewayAsync(workflow, epaCase, version, apprenticeActor, employer, version.KnowledgeModules.Select(m => m.Name), options, cancellationToken);
                break;
            case CaseState.GatewayApproved or CaseState.GatewayRejected:
            {
                var gateway = await db.GatewaySubmissions.Include(g => g.Reviews).Where(g => g.CaseId == caseId).OrderByDescending(g => g.Id).FirstAsync(cancellationToken);
                foreach (var item in Enum.GetValues<GatewayItem>())
                {
                    var reject = state == CaseState.GatewayRejected && item == GatewayItem.EnglishAndMaths;
                    gateway.RecordReview(item, reject ? GatewayItemDecision.Rejected : GatewayItemDecision.Approved, reject ? "The English certificate is not legible: upload a clearer copy." : null);
                }

                await db.SaveChangesAsync(cancellationToken);
                epaCase = (await loader.LoadForUpdateAsync(caseId, cancellationToken))!.Case;

                // The gateway is approved with an assessor allocated (domain.md section 5).
                if (state == CaseState.GatewayApproved && epaCase.AssessorId is null)
                {
                    await AllocateAsync(workflow, epaCase, admin, assessor, cancellationToken);
                    await db.SaveChangesAsync(cancellationToken);
                }

                break;
            }

            case CaseState.ProjectScheduled:
            {
                if (epaCase.AssessorId is null)
                {
                    await AllocateAsync(workflow, epaCase, admin, assessor, cancellationToken);
                }

                var opens = target == CaseState.ProjectScheduled ? realNow.AddDays(2) : now.AddDays(2);
                var closes = WorkingDays.Add(DateOnly.FromDateTime(opens.UtcDateTime), version.Settings.ProjectWindowWorkingDays);
                db.ProjectSubmissions.Add(new ProjectSubmission(caseId, epaCase.Attempt, "Synoptic project: a booking component",
                    "Build a small booking component for a fictional leisure centre: a data model, a user interface, tests and a short report.",
                    opens, new DateTimeOffset(closes.ToDateTime(new TimeOnly(17, 0)), TimeSpan.Zero)));
                await db.SaveChangesAsync(cancellationToken);
                break;
            }

            case CaseState.ProjectSubmitted:
            {
                var project = await db.ProjectSubmissions.SingleAsync(p => p.CaseId == caseId && p.Attempt == epaCase.Attempt, cancellationToken);
                project.Summary = "I built the booking component with a layered design, unit tests and a short report.";
                var file = await StoreFileAsync(caseId, FilePurpose.ProjectDeliverable, "booking-component.zip", "application/zip", ZipBytes(), apprenticeActor.UserId, options, cancellationToken);
                file.ProjectSubmissionId = project.Id;
                db.StoredFiles.Add(file);
                await db.SaveChangesAsync(cancellationToken);
                break;
            }

            case CaseState.InterviewScheduled:
                await PrepareInterviewAsync(epaCase, version, target == CaseState.InterviewScheduled ? realNow.AddDays(3) : now.AddDays(2), options, cancellationToken);
                break;
            case CaseState.InterviewCompleted:
                foreach (var question in await db.InterviewQuestions.Where(q => q.CaseId == caseId && q.Attempt == epaCase.Attempt).ToListAsync(cancellationToken))
                {
                    question.Asked = true;
                    question.AnswerSummary = $"The apprentice explained their approach clearly ({options.ConfidentialMarker} answer).";
                    question.EvidencedCompetencyIds = question.CompetencyIds.ToList();
                }

                await db.SaveChangesAsync(cancellationToken);
                break;
            case CaseState.Graded:
                await GradeAsync(epaCase, version, options, cancellationToken);
                break;
            case CaseState.CertificateRequested:
                adjust = f => f with { CertificateDeclarationsConfirmed = true };
                break;
            case CaseState.ResitPlanned or CaseState.RetakePlanned:
                adjust = f => f with { EmployerAgreedToNextAttempt = true };
                if (epaCase.ProviderOrganisationId is { } agreeingProvider)
                {
                    // A case that names a training provider needs its agreement (and for a re-take its plan) (issue 19).
                    var provider = await ProviderAsync(agreeingProvider);
                    var retake = state == CaseState.RetakePlanned;
                    var agreed = workflow.AgreeNextAttempt(epaCase, provider, snapshot.Facts.Parties, retake ? AttemptKind.Retake : AttemptKind.Resit, provider.DisplayName,
                        retake ? "Four weeks of further training on testing and version control, with a mock interview." : null, planFileId: null);
                    Ensure(agreed);
                    db.AuditEntries.Add(agreed.Audit!.ToAuditEntry());
                    await db.SaveChangesAsync(cancellationToken);
                }

                break;
        }

        snapshot = (await loader.LoadForUpdateAsync(caseId, cancellationToken))!;
        epaCase = snapshot.Case;
        var actor = state switch
        {
            CaseState.GatewaySubmitted => employer,
            // The scenarios compress a case into a few weeks, shorter than the plan's notice and windows: an
            // admin schedules the project and the interview, overriding the timing rules with a recorded reason.
            CaseState.ProjectScheduled or CaseState.InterviewScheduled => admin,
            CaseState.PreInterviewReview or CaseState.InterviewCompleted or CaseState.Graded => assessor,
            CaseState.ProjectInProgress => Actor.System,
            CaseState.ProjectSubmitted or CaseState.AppealLodged => apprenticeActor,
            CaseState.IqaApproved => await ActorAsync(Roles.QualityAssurer, options.QualityAssurerEmail),
            _ => admin,
        };
        var reason = state switch
        {
            CaseState.Withdrawn => "The apprentice left the employer.",
            CaseState.ProjectScheduled or CaseState.InterviewScheduled => SeededTimeline,
            CaseState.AppealLodged => "The interview did not give me the chance to show my database work.",
            CaseState.AppealUpheld => "The interview ran short: the apprentice is re-assessed by another assessor.",
            CaseState.AppealRejected => "The assessment followed the plan; the grade stands.",
            _ => null,
        };
        var outcome = workflow.Transition(epaCase, state, actor, adjust(snapshot.Facts), reason);
        Ensure(outcome);
        db.AuditEntries.Add(outcome.Audit!.ToAuditEntry());
        if (state == CaseState.AppealLodged)
        {
            // The appeal row follows the move that accepted it (the domain checks no appeal exists yet).
            db.Appeals.Add(new Appeal(caseId, epaCase.Attempt, apprenticeActor.UserId, reason!, now));
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task AllocateAsync(CaseWorkflow workflow, EpaCase epaCase, Actor admin, Actor assessor, CancellationToken cancellationToken)
    {
        var facts = (await loader.LoadForUpdateAsync(epaCase.Id, cancellationToken))!.Facts;
        var conflicts = await db.ConflictsOfInterest.Where(c => c.AssessorId == assessor.UserId).ToListAsync(cancellationToken);
        var allocated = workflow.AllocateAssessor(epaCase, admin, assessor, conflicts, facts);
        Ensure(allocated);
        db.AuditEntries.Add(allocated.Audit!.ToAuditEntry());
    }

    private async Task PrepareGatewayAsync(CaseWorkflow workflow, EpaCase epaCase, Domain.Standards.StandardVersion version, Actor apprentice, Actor employer, IEnumerable<string> modules, ScenarioOptions options, CancellationToken cancellationToken)
    {
        var caseId = epaCase.Id;
        var competencies = version.Competencies.OrderBy(c => c.Order).ToList();
        var count = Math.Max(1, options.EvidenceItems);
        for (var i = 0; i < count; i++)
        {
            var file = await StoreFileAsync(caseId, FilePurpose.PortfolioEvidence, $"evidence-{i + 1}.pdf", "application/pdf", PdfBytes($"Evidence {i + 1}"), apprentice.UserId, options, cancellationToken);
            db.StoredFiles.Add(file);
            var item = new EvidenceItem(caseId, $"Work evidence {i + 1}", "Code, tests and a short write-up from a real work project.", "Customer portal rebuild", DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime).AddDays(-30 - i), file, _clock.GetUtcNow());
            item.MapTo(competencies.Where((_, index) => index % count == i).Select(c => c.Id));
            db.EvidenceItems.Add(item);
        }

        await db.SaveChangesAsync(cancellationToken);

        var reference = new EmployerReference(caseId, _clock.GetUtcNow())
        {
            RefereeName = employer.DisplayName,
            RefereeJobTitle = "Engineering manager",
            RelationshipToApprentice = "Line manager",
            MonthsSupervised = 14,
            RefereeEmail = "referee@demo.test",
            DeclarationAccepted = true,
        };
        foreach (var area in version.Areas)
        {
            reference.SetNarrative(area.Code, $"In the {area.Name} area the apprentice consistently showed the expected skills in real work, for example on the customer portal rebuild.");
        }

        reference.Submit(employer.UserId, _clock.GetUtcNow());
        db.EmployerReferences.Add(reference);
        await db.SaveChangesAsync(cancellationToken);

        var (loaded, facts) = (await loader.LoadForUpdateAsync(caseId, cancellationToken)) is { } fresh ? (fresh.Case, fresh.Facts) : throw new InvalidOperationException($"Case {caseId} vanished.");
        // The snapshot hash the portfolio page computes, so the submitted portfolio matches what is there.
        var snapshot = await PortfolioService.SnapshotHashAsync(db, caseId, cancellationToken);
        var submitted = workflow.SubmitPortfolio(loaded, apprentice, facts, snapshot);
        Ensure(submitted);
        db.AuditEntries.Add(submitted.Audit!.ToAuditEntry());
        var confirmed = workflow.ConfirmPortfolio(loaded, employer, facts.Parties, employer.DisplayName, "Engineering manager");
        Ensure(confirmed);
        db.AuditEntries.Add(confirmed.Audit!.ToAuditEntry());
        if (loaded.ProviderOrganisationId is { } providerId)
        {
            // The gateway needs the training provider's co-signature too (issue 19).
            var provider = await ProviderAsync(providerId);
            var coSigned = workflow.CoSignGateway(loaded, provider, facts.Parties, provider.DisplayName, "Apprenticeship manager", readinessConfirmed: true);
            Ensure(coSigned);
            db.AuditEntries.Add(coSigned.Audit!.ToAuditEntry());
        }

        await db.SaveChangesAsync(cancellationToken);

        var gateway = new GatewaySubmission(caseId, employer.UserId, _clock.GetUtcNow())
        {
            EnglishExemptionReason = "GCSE English grade 5 (2019), certificate seen by the employer.",
            MathsExemptionReason = "GCSE Maths grade 6 (2019), certificate seen by the employer.",
            MinimumTimeOnProgrammeConfirmed = true,
            ReadinessDeclared = true,
            PortfolioAndReferenceCompleteConfirmed = true,
            ApprenticeConsentsToCertificateRequest = true,
            EmployerSignatoryName = employer.DisplayName,
            EmployerSignatoryJobTitle = "Engineering manager",
        };
        foreach (var module in modules)
        {
            var certificate = await StoreFileAsync(caseId, FilePurpose.KnowledgeModuleCertificate, $"{module}.pdf", "application/pdf", PdfBytes(module), employer.UserId, options, cancellationToken);
            db.StoredFiles.Add(certificate);
            gateway.AddModuleResult(module, "BCS", DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime).AddDays(-60), certificate.Id);
        }

        db.GatewaySubmissions.Add(gateway);
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task PrepareInterviewAsync(EpaCase epaCase, Domain.Standards.StandardVersion version, DateTimeOffset startsAt, ScenarioOptions options, CancellationToken cancellationToken)
    {
        var evidence = await db.EvidenceItems.Include(e => e.Mappings).Where(e => e.CaseId == epaCase.Id && e.RemovedAt == null).ToListAsync(cancellationToken);
        var note = new AssessorNote(epaCase.Id, epaCase.Attempt, epaCase.AssessorId!, _clock.GetUtcNow())
        {
            Notes = $"Strong portfolio; probe testing and data access ({options.ConfidentialMarker} note).",
        };
        foreach (var area in version.Areas)
        {
            note.SetConclusion(area.Code, null, InitialLevel.Expected, [], $"Initial view of {area.Name} ({options.ConfidentialMarker}).");
        }

        foreach (var competency in version.Competencies)
        {
            var refs = evidence.Where(e => e.Mappings.Any(m => m.CompetencyId == competency.Id)).Select(e => new EvidenceReference(EvidenceSource.PortfolioItem, e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToString());
            note.SetConclusion(competency.AreaCode, competency.Id, InitialLevel.Expected, refs, null);
        }

        db.AssessorNotes.Add(note);
        var order = 1;
        foreach (var area in version.Areas)
        {
            var probes = version.Competencies.Where(c => c.AreaCode == area.Code).Select(c => c.Id).Take(3);
            db.InterviewQuestions.Add(new InterviewQuestion(epaCase.Id, epaCase.Attempt, $"Tell me about a time you showed {area.Name} skills ({options.ConfidentialMarker} question).", QuestionOrigin.Planned, order++, probes));
        }

        db.Interviews.Add(new Interview(epaCase.Id, epaCase.Attempt, startsAt, version.Settings.InterviewMinutes, InterviewMode.VideoCall, "https://video.example.org/epa-room", Guid.NewGuid()));
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task GradeAsync(EpaCase epaCase, Domain.Standards.StandardVersion version, ScenarioOptions options, CancellationToken cancellationToken)
    {
        var evidence = await db.EvidenceItems.Include(e => e.Mappings).Where(e => e.CaseId == epaCase.Id && e.RemovedAt == null).ToListAsync(cancellationToken);
        var judgement = new Judgement(epaCase.Id, epaCase.Attempt, epaCase.AssessorId!, _clock.GetUtcNow());
        var levels = new Dictionary<string, AreaLevel>(StringComparer.Ordinal) { ["What"] = options.What, ["How"] = options.How, ["WithWhom"] = options.WithWhom };
        foreach (var area in version.Areas)
        {
            judgement.SetArea(area.Code, levels.GetValueOrDefault(area.Code, AreaLevel.Expected), $"Judged {ReleasedResultExplainer.Describe(levels.GetValueOrDefault(area.Code, AreaLevel.Expected))} on the portfolio, the synoptic project, the employer reference and the interview answers.{(options.RationaleMarker is null ? null : $" ({options.RationaleMarker})")}");
        }

        foreach (var competency in version.Competencies)
        {
            var refs = evidence.Where(e => e.Mappings.Any(m => m.CompetencyId == competency.Id))
                .Select(e => new EvidenceReference(EvidenceSource.PortfolioItem, e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToString())
                .Append(new EvidenceReference(EvidenceSource.ReferenceSection, competency.AreaCode).ToString());
            judgement.SetCompetencyEvidence(competency.Id, refs);
        }

        db.Judgements.Add(judgement);
        var grading = new GradingService(_clock);
        var outcome = grading.Decide(epaCase, version, judgement, AssessmentProgress.AllAssessed,
            new GradeProposal(Recommendation: options.FailRecommendation, Feedback: levels.ContainsValue(AreaLevel.Below)
                ? "Your evidence did not yet show every competency at the expected level: see the areas listed. Your portfolio and reference can be reused; the next attempt has a new project and interview."
                : "You showed the standard's competencies across all four methods."));
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException($"The scenario could not grade case {epaCase.Id}: {string.Join(" ", outcome.Problems)}");
        }

        db.GradeDecisions.Add(outcome.Decision!);
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<StoredFile> StoreFileAsync(int caseId, FilePurpose purpose, string name, string contentType, byte[] bytes, string uploadedBy, ScenarioOptions options, CancellationToken cancellationToken)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var key = $"scenario-{Guid.NewGuid():N}";
        if (options.WriteFiles)
        {
            await using var staged = await store.StageAsync(new MemoryStream(bytes), bytes.Length + 1, cancellationToken);
            key = await store.CommitAsync(staged, cancellationToken);
            sha = staged.Sha256;
        }

        // Scenario files are stored outside the upload path: they count against the case's quota all the same.
        await quota.AddAsync(caseId, bytes.Length, cancellationToken);
        return new StoredFile(Guid.NewGuid(), caseId, purpose, name, contentType, bytes.Length, sha, key, uploadedBy, _clock.GetUtcNow());
    }

    private async Task<Actor> ActorAsync(string role, string? email)
    {
        var cacheKey = $"{role}:{email}";
        if (_actors.TryGetValue(cacheKey, out var cached))
        {
            return cached;
        }

        var user = email is not null
            ? await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No user {email}.")
            : (await users.GetUsersInRoleAsync(role)).OrderBy(u => u.Email, StringComparer.Ordinal).FirstOrDefault()
              ?? throw new InvalidOperationException($"No user has the role {role}.");
        var actor = new Actor(user.Id, user.DisplayName, ActorExtensions.ToPortalRoles(await users.GetRolesAsync(user)), user.OrganisationId);
        _actors[cacheKey] = actor;
        return actor;
    }

    private async Task<Actor> EmployerAsync(int organisationId)
    {
        var cacheKey = $"employer:{organisationId}";
        if (_actors.TryGetValue(cacheKey, out var cached))
        {
            return cached;
        }

        var employers = await users.GetUsersInRoleAsync(Roles.Employer);
        var user = employers.Where(u => u.OrganisationId == organisationId).OrderBy(u => u.Email, StringComparer.Ordinal).FirstOrDefault()
            ?? throw new InvalidOperationException($"Organisation {organisationId} has no employer user.");
        var actor = new Actor(user.Id, user.DisplayName, [PortalRole.Employer], organisationId);
        _actors[cacheKey] = actor;
        return actor;
    }

    private async Task<Actor> ProviderAsync(int organisationId)
    {
        var cacheKey = $"provider:{organisationId}";
        if (_actors.TryGetValue(cacheKey, out var cached))
        {
            return cached;
        }

        var providers = await users.GetUsersInRoleAsync(Roles.Provider);
        var user = providers.Where(u => u.OrganisationId == organisationId).OrderBy(u => u.Email, StringComparer.Ordinal).FirstOrDefault()
            ?? throw new InvalidOperationException($"Organisation {organisationId} has no training provider user.");
        var actor = new Actor(user.Id, user.DisplayName, [PortalRole.Provider], organisationId);
        _actors[cacheKey] = actor;
        return actor;
    }

    private static Actor ApprenticeActor(Apprentice apprentice) =>
        new(apprentice.UserId ?? throw new InvalidOperationException($"Apprentice {apprentice.Id} has no user account: the portfolio and project need one."), apprentice.FullName, [PortalRole.Apprentice]);

    private static void Ensure(CaseOutcome outcome)
    {
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException($"Scenario step refused: {string.Join(" ", outcome.Problems)}");
        }
    }

    private static byte[] PdfBytes(string title) =>
        Encoding.ASCII.GetBytes($"%PDF-1.4\n1 0 obj << /Title ({title}) >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    private static byte[] ZipBytes()
    {
        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            var entry = zip.CreateEntry("src/Booking.cs");
            using var writer = new StreamWriter(entry.Open());
            writer.Write("public sealed class Booking { }\n");
        }

        return buffer.ToArray();
    }

    /// <summary>The scenario's own clock, moved along the timeline.</summary>
    private sealed class ScenarioClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;

        public override TimeZoneInfo LocalTimeZone => Infrastructure.UkTime.Zone;
    }
}
