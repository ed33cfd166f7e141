using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Auditing;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Grading;
using EpaPortal.Domain.Standards;
using EpaPortal.Web.Data;
using EpaPortal.Web.Features.Assessor;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Features.Interviews;
using EpaPortal.Web.Features.Notifications;
using EpaPortal.Web.Features.Quality;
using EpaPortal.Web.Infrastructure;
using EpaPortal.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EpaPortal.Web.Features.Grading;

/// <summary>
/// The assessor's final judgement of the current attempt, after the interview: a level and rationale per
/// grading area (or met/unmet per criterion) with the evidence cited for each competency, drawn from all
/// four methods. Every save shows the grade the grading service computes from it, with its reasons (or
/// what is missing). Submitting asks the grading service to decide (override, cap, recommendation), saves
/// the new <see cref="GradeDecision"/> and moves the case to Graded, in one transaction; the quality
/// assurers are told. A grade returned by QA is revised by submitting again: the newest decision is current.
/// </summary>
public sealed class JudgementService(
    PortalDbContext db,
    StandardVersionCache versions,
    CaseCommands commands,
    CaseWorkflow workflow,
    GradingService grading,
    EvidenceCatalogueService catalogues,
    NotesService notes,
    Notifier notifier,
    TimeProvider clock,
    CurrentUser user,
    QaSampling sampling,
    IOptions<QualityOptions> quality)
{
    public const string JudgementSaved = "JudgementSaved";

    public async Task<JudgementViewModel> GetAsync(AssessorCaseHeader header, JudgementInput? posted, bool conflict, CancellationToken cancellationToken)
    {
        var outline = StandardOutline.From(await versions.GetAsync(db, header.StandardVersionId, cancellationToken));
        var evidence = await catalogues.ForCaseAsync(header.CaseId, header.Attempt, outline, cancellationToken);
        var (canStart, reason) = await CanStartAsync(header, cancellationToken);
        var saved = await db.Judgements.AsNoTracking()
            .Include(j => j.Areas).Include(j => j.CompetencyEvidence).Include(j => j.CriterionResults)
            .AsSplitQuery()
            .SingleOrDefaultAsync(j => j.CaseId == header.CaseId && j.Attempt == header.Attempt, cancellationToken);
        var decisions = await db.GradeDecisions.AsNoTracking()
            .Where(d => d.CaseId == header.CaseId && d.Attempt == header.Attempt)
            .OrderByDescending(d => d.DecidedAt).ThenByDescending(d => d.Id)
            .Select(d => new DecisionRow(d.Id, d.ComputedGrade, d.FinalGrade, d.OverrideJustification, d.CappedFrom, d.Recommendation, d.Reasons, d.Feedback, d.DecidedAt, d.QaStatus, d.QaReturnReason, d.QaAt))
            .ToListAsync(cancellationToken);
        var initialLevels = await db.AssessorNotes.AsNoTracking()
            .Where(n => n.CaseId == header.CaseId && n.Attempt == header.Attempt)
            .SelectMany(n => n.Conclusions)
            .Where(c => c.CompetencyId != null)
            .Select(c => new { c.CompetencyId, c.Level })
            .ToListAsync(cancellationToken);

        var input = posted is null ? FromSaved(saved, outline) : Normalise(posted, outline);
        ConflictInfo? conflictInfo = null;
        if (conflict && posted is not null)
        {
            conflictInfo = new ConflictInfo(saved?.UpdatedAt, Differences(FromSaved(saved, outline), input, outline, evidence));
            input.Version = saved?.Version;
        }

        GradeCalculation? calculation = null;
        var methods = Methods(outline, evidence, input);
        if (canStart)
        {
            var version = await LoadVersionAsync(header.StandardVersionId, cancellationToken);
            var interviewCompleted = await InterviewCompletedAsync(header, cancellationToken);
            calculation = GradingService.Calculate(version, Build(header, input, outline), Progress(methods, interviewCompleted));
        }

        if (posted is null && canStart)
        {
            await notes.AuditReadAsync(header.CaseId, "final judgement", cancellationToken);
        }

        var editable = canStart && header.CanEdit && header.State == CaseState.InterviewCompleted;
        return new JudgementViewModel(header, outline, evidence, canStart, reason, editable, saved?.UpdatedAt, input, calculation, methods, decisions,
            initialLevels.ToDictionary(c => c.CompetencyId!.Value, c => c.Level), conflictInfo);
    }

    /// <summary>Saves the judgement as a draft (the page then shows the grade it computes).</summary>
    public async Task<SaveResult> SaveAsync(AssessorCaseHeader header, JudgementInput input, CancellationToken cancellationToken)
    {
        if (await EditProblemAsync(header, cancellationToken) is { } problem)
        {
            return SaveResult.Refused(problem);
        }

        var outline = StandardOutline.From(await versions.GetAsync(db, header.StandardVersionId, cancellationToken));
        var evidence = await catalogues.ForCaseAsync(header.CaseId, header.Attempt, outline, cancellationToken);
        var problems = new List<string>();
        foreach (var competency in input.Competencies)
        {
            var unknown = evidence.Unknown(competency.EvidenceRefs);
            if (unknown.Count > 0)
            {
                problems.Add($"{outline.Competency(competency.CompetencyId)?.Title ?? "A competency"}: the evidence {string.Join(", ", unknown)} is not part of this case. Remove it from the list.");
            }
        }

        if (problems.Count > 0)
        {
            return SaveResult.Refused(problems);
        }

        var now = clock.GetUtcNow();
        var judgement = await LoadTrackedAsync(header, cancellationToken);
        if (judgement is null)
        {
            if (input.Version is not null)
            {
                return SaveResult.Conflict;
            }

            judgement = new Judgement(header.CaseId, header.Attempt, user.Id, now);
            db.Judgements.Add(judgement);
        }
        else
        {
            if (input.Version is not { } version)
            {
                return SaveResult.Conflict;
            }

            db.Entry(judgement).Property(j => j.Version).OriginalValue = version;
            db.Entry(judgement).Property(j => j.UpdatedAt).IsModified = true;
        }

        Apply(judgement, input, outline);
        judgement.UpdatedAt = now;
        db.AuditEntries.Add(new AuditEntry(now, user.Id, user.DisplayName, JudgementSaved, header.CaseId, null, null, null,
            $"Attempt {header.Attempt}: {string.Join(", ", judgement.Areas.Select(a => $"{outline.AreaName(a.AreaCode)} {a.Level?.ToString() ?? "not judged"}"))}"));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return SaveResult.Saved(judgement.Version, now);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return SaveResult.Conflict;
        }
        catch (DbUpdateException)
        {
            // Two first saves at once: the unique (case, attempt) index lets only one create the judgement.
            db.ChangeTracker.Clear();
            return SaveResult.Conflict;
        }
    }

    /// <summary>
    /// Saves the judgement, then has the grading service decide and moves the case to Graded with the new
    /// decision in one transaction; the domain's sampling rule decides whether the decision goes to QA.
    /// Refused (with the grading service's reasons) when anything is missing: the draft saved first stays
    /// saved, and the refusal carries its new version so the corrected form is not taken for a stale one.
    /// </summary>
    public async Task<SubmitResult> SubmitAsync(AssessorCaseHeader header, JudgementInput input, CancellationToken cancellationToken)
    {
        var saved = await SaveAsync(header, input, cancellationToken);
        if (saved.Status != SaveStatus.Saved)
        {
            return new SubmitResult(saved, null, null);
        }

        db.ChangeTracker.Clear();
        var savedVersion = saved.Version!.Value;
        var outline = StandardOutline.From(await versions.GetAsync(db, header.StandardVersionId, cancellationToken));
        var evidence = await catalogues.ForCaseAsync(header.CaseId, header.Attempt, outline, cancellationToken);
        var conflict = false;
        GradeDecision? decided = null;
        QaSamplingResult? sample = null;
        var result = await commands.RunAsync(header.CaseId, async (epaCase, facts) =>
        {
            var judgement = await LoadTrackedAsync(header, cancellationToken);
            if (judgement is null || judgement.Version != savedVersion)
            {
                conflict = true;
                return CaseOutcome.Refused("The judgement changed while it was being submitted.");
            }

            var interviewCompleted = facts.Interview is { CompletedAt: not null } interview && interview.Attempt == epaCase.Attempt;
            var progress = Progress(Methods(outline, evidence, FromSaved(judgement, outline)), interviewCompleted);
            var proposal = new GradeProposal(judgement.ProposedGrade, judgement.OverrideJustification, judgement.Recommendation, judgement.Feedback);
            var graded = grading.Decide(epaCase, epaCase.StandardVersion!, judgement, progress, proposal);
            if (!graded.Succeeded)
            {
                return CaseOutcome.Refused(graded.Problems);
            }

            var decision = graded.Decision!;
            var sampled = sampling.Decide(QaSamplingFacts.Of(decision, facts.GradeReturnedByQa), quality.Value.SamplePercent);
            decision.QaStatus = sampled.Status;
            db.GradeDecisions.Add(decision);
            var moved = workflow.Transition(epaCase, CaseState.Graded, commands.Actor, facts with { GradeDecision = decision }, reason: null);
            if (moved.Succeeded)
            {
                (decided, sample) = (decision, sampled);
                if (sampled.Required)
                {
                    await notifier.ReadyForQaAsync(epaCase.Id, cancellationToken);
                }
            }

            return moved;
        }, cancellationToken);

        if (conflict || ReferenceEquals(result, CommandResult.Conflict))
        {
            return new SubmitResult(SaveResult.Conflict, null, null);
        }

        return result.Succeeded
            ? new SubmitResult(saved, decided!.FinalGrade, sample)
            : new SubmitResult(SaveResult.Refused(result.Problems) with { Version = saved.Version, SavedAt = saved.SavedAt }, null, null);
    }

    /// <summary>Whether the judgement may be started, and if not, why (shown on the page).</summary>
    private async Task<(bool CanStart, string? Reason)> CanStartAsync(AssessorCaseHeader header, CancellationToken cancellationToken)
    {
        switch (header.State)
        {
            case CaseState.InterviewCompleted or CaseState.Graded or CaseState.IqaApproved or CaseState.ResultReleased or CaseState.CertificateRequested
                or CaseState.FailRecorded or CaseState.AppealLodged or CaseState.AppealRejected:
                return (true, null);
            case CaseState.InterviewScheduled:
                var startsAt = await db.Interviews.AsNoTracking()
                    .Where(i => i.CaseId == header.CaseId && i.Attempt == header.Attempt)
                    .Select(i => (DateTimeOffset?)i.StartsAt)
                    .SingleOrDefaultAsync(cancellationToken);
                return (false, $"The final judgement can be started once the interview has been recorded and marked completed. The interview is booked for {(startsAt is { } at ? UkTime.DateTime(at) : "a date to be confirmed")}. No grade can be decided until all the evidence, including the interview, has been assessed.");
            case CaseState.PreInterviewReview when header.QaReturnReason is not null:
                return (false, "Quality assurance returned the case to the pre-interview review: revise the notes, then book, hold and record the interview again before the final judgement. No grade can be decided until all the evidence, including the interview, has been assessed.");
            default:
                return (false, "The final judgement is recorded after the interview, which has not taken place yet. No grade can be decided until all the evidence, including the interview, has been assessed.");
        }
    }

    private async Task<string?> EditProblemAsync(AssessorCaseHeader header, CancellationToken cancellationToken)
    {
        if (!header.IsAllocatedAssessor)
        {
            return "Only the allocated assessor records the final judgement.";
        }

        if (header.IsOnHold)
        {
            return "The case is on hold.";
        }

        var (canStart, reason) = await CanStartAsync(header, cancellationToken);
        if (!canStart)
        {
            return reason;
        }

        return header.State == CaseState.InterviewCompleted ? null : "The judgement has been submitted: it can be changed only if quality assurance returns it.";
    }

    private Task<Judgement?> LoadTrackedAsync(AssessorCaseHeader header, CancellationToken cancellationToken) =>
        db.Judgements.Include(j => j.Areas).Include(j => j.CompetencyEvidence).Include(j => j.CriterionResults)
            .AsSplitQuery()
            .SingleOrDefaultAsync(j => j.CaseId == header.CaseId && j.Attempt == header.Attempt, cancellationToken);

    private Task<StandardVersion> LoadVersionAsync(int standardVersionId, CancellationToken cancellationToken) =>
        db.StandardVersions.AsNoTracking()
            .Include(v => v.Standard)
            .Include(v => v.Areas)
            .Include(v => v.Competencies)
            .Include(v => v.KnowledgeModules)
            .Include(v => v.Criteria)
            .Include(v => v.GradeLookup)
            .AsSplitQuery()
            .SingleAsync(v => v.Id == standardVersionId, cancellationToken);

    private Task<bool> InterviewCompletedAsync(AssessorCaseHeader header, CancellationToken cancellationToken) =>
        db.Interviews.AsNoTracking().AnyAsync(i => i.CaseId == header.CaseId && i.Attempt == header.Attempt && i.CompletedAt != null, cancellationToken);

    /// <summary>
    /// A method counts as assessed when the judgement cites evidence from it, or when it has nothing to
    /// cite for this attempt (e.g. no project file was uploaded): the judgement must draw on every method
    /// that produced evidence.
    /// </summary>
    private static List<MethodCoverage> Methods(StandardOutline outline, EvidenceCatalogue evidence, JudgementInput input)
    {
        var cited = input.Competencies.SelectMany(c => c.EvidenceRefs)
            .Select(r => EvidenceReference.TryParse(r, out var parsed) ? parsed.Source : (EvidenceSource?)null)
            .OfType<EvidenceSource>()
            .ToHashSet();
        return outline.Methods.Select(m => new MethodCoverage(m, cited.Contains(SourceOf(m)), evidence.Options.All(o => o.Source != SourceOf(m)))).ToList();
    }

    private static AssessmentProgress Progress(IEnumerable<MethodCoverage> methods, bool interviewCompleted) =>
        new(methods.Where(m => m.Assessed).Select(m => m.Method).ToList(), interviewCompleted);

    private static EvidenceSource SourceOf(AssessmentMethod method) => method switch
    {
        AssessmentMethod.Portfolio => EvidenceSource.PortfolioItem,
        AssessmentMethod.Project => EvidenceSource.ProjectFile,
        AssessmentMethod.EmployerReference => EvidenceSource.ReferenceSection,
        _ => EvidenceSource.InterviewAnswer,
    };

    /// <summary>An unsaved judgement built from the form, for the grading service's live calculation.</summary>
    private Judgement Build(AssessorCaseHeader header, JudgementInput input, StandardOutline outline)
    {
        var judgement = new Judgement(header.CaseId, header.Attempt, user.Id, clock.GetUtcNow());
        Apply(judgement, input, outline);
        return judgement;
    }

    private static void Apply(Judgement judgement, JudgementInput input, StandardOutline outline)
    {
        if (outline.Scheme == GradingScheme.HolisticAreas)
        {
            foreach (var area in outline.Areas)
            {
                var posted = input.Areas.FirstOrDefault(a => a.AreaCode == area.Code);
                judgement.SetArea(area.Code, posted?.Level, string.IsNullOrWhiteSpace(posted?.Rationale) ? null : posted.Rationale.Trim());
            }
        }

        foreach (var competency in outline.Competencies)
        {
            var posted = input.Competencies.FirstOrDefault(c => c.CompetencyId == competency.Id);
            judgement.SetCompetencyEvidence(competency.Id, posted?.EvidenceRefs ?? []);
        }

        foreach (var criterion in outline.Criteria)
        {
            if (input.Criteria.FirstOrDefault(c => c.CriterionId == criterion.Id) is { Met: { } met })
            {
                judgement.SetCriterion(criterion.Id, met);
            }
        }

        judgement.ProposedGrade = input.ProposedGrade;
        judgement.OverrideJustification = string.IsNullOrWhiteSpace(input.OverrideJustification) ? null : input.OverrideJustification.Trim();
        judgement.Recommendation = input.Recommendation;
        judgement.Feedback = string.IsNullOrWhiteSpace(input.Feedback) ? null : input.Feedback.Trim();
    }

    private static JudgementInput FromSaved(Judgement? saved, StandardOutline outline) => new()
    {
        Version = saved?.Version,
        Areas = outline.Areas.Select(a =>
        {
            var area = saved?.Areas.FirstOrDefault(x => x.AreaCode == a.Code);
            return new AreaJudgementInput { AreaCode = a.Code, Level = area?.Level, Rationale = area?.Rationale };
        }).ToList(),
        Competencies = outline.Competencies.Select(c => new CompetencyEvidenceInput
        {
            CompetencyId = c.Id,
            EvidenceRefs = saved?.CompetencyEvidence.FirstOrDefault(e => e.CompetencyId == c.Id)?.EvidenceRefs.ToList() ?? [],
        }).ToList(),
        Criteria = outline.Criteria.Select(c => new CriterionInput { CriterionId = c.Id, Met = saved?.CriterionResults.FirstOrDefault(r => r.CriterionId == c.Id)?.Met }).ToList(),
        ProposedGrade = saved?.ProposedGrade,
        OverrideJustification = saved?.OverrideJustification,
        Recommendation = saved?.Recommendation,
        Feedback = saved?.Feedback,
    };

    private static JudgementInput Normalise(JudgementInput posted, StandardOutline outline)
    {
        posted.Areas = outline.Areas.Select(a => posted.Areas.FirstOrDefault(x => x.AreaCode == a.Code) ?? new AreaJudgementInput { AreaCode = a.Code }).ToList();
        posted.Competencies = outline.Competencies.Select(c => posted.Competencies.FirstOrDefault(x => x.CompetencyId == c.Id) ?? new CompetencyEvidenceInput { CompetencyId = c.Id }).ToList();
        posted.Criteria = outline.Criteria.Select(c => posted.Criteria.FirstOrDefault(x => x.CriterionId == c.Id) ?? new CriterionInput { CriterionId = c.Id }).ToList();
        return posted;
    }

    private static List<ConflictDifference> Differences(JudgementInput theirs, JudgementInput yours, StandardOutline outline, EvidenceCatalogue evidence)
    {
        var differences = new List<ConflictDifference>();
        foreach (var area in outline.Areas)
        {
            var other = theirs.Areas.FirstOrDefault(a => a.AreaCode == area.Code);
            var mine = yours.Areas.FirstOrDefault(a => a.AreaCode == area.Code);
            var otherText = $"{other?.Level?.ToString() ?? "(no level)"} — {other?.Rationale?.Trim() ?? "(no rationale)"}";
            var mineText = $"{mine?.Level?.ToString() ?? "(no level)"} — {mine?.Rationale?.Trim() ?? "(no rationale)"}";
            if (otherText != mineText)
            {
                differences.Add(new ConflictDifference($"Area {area.Name}", otherText, mineText));
            }
        }

        foreach (var competency in outline.Competencies)
        {
            var other = Refs(theirs.Competencies.FirstOrDefault(c => c.CompetencyId == competency.Id), evidence);
            var mine = Refs(yours.Competencies.FirstOrDefault(c => c.CompetencyId == competency.Id), evidence);
            if (other != mine)
            {
                differences.Add(new ConflictDifference($"Evidence for {competency.Title}", other, mine));
            }
        }

        foreach (var criterion in outline.Criteria)
        {
            var other = theirs.Criteria.FirstOrDefault(c => c.CriterionId == criterion.Id)?.Met;
            var mine = yours.Criteria.FirstOrDefault(c => c.CriterionId == criterion.Id)?.Met;
            if (other != mine)
            {
                differences.Add(new ConflictDifference($"Criterion {criterion.Code}", Met(other), Met(mine)));
            }
        }

        void Compare(string what, string? other, string? mine)
        {
            if ((other ?? string.Empty).Trim() != (mine ?? string.Empty).Trim())
            {
                differences.Add(new ConflictDifference(what, string.IsNullOrWhiteSpace(other) ? "(empty)" : other, string.IsNullOrWhiteSpace(mine) ? "(empty)" : mine));
            }
        }

        Compare("Proposed grade", theirs.ProposedGrade?.ToString() ?? "The computed grade", yours.ProposedGrade?.ToString() ?? "The computed grade");
        Compare("Justification of the proposed grade", theirs.OverrideJustification, yours.OverrideJustification);
        Compare("Recommendation", theirs.Recommendation?.ToString(), yours.Recommendation?.ToString());
        Compare("Feedback", theirs.Feedback, yours.Feedback);
        return differences;
    }

    private static string Refs(CompetencyEvidenceInput? input, EvidenceCatalogue evidence) =>
        input is null || input.EvidenceRefs.Count == 0 ? "(none)" : string.Join("; ", input.EvidenceRefs.Select(evidence.Describe));

    private static string Met(bool? met) => met switch
    {
        true => "Met",
        false => "Not met",
        null => "(not judged)",
    };
}
