using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
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
    AuditLog audit,
    TimeProvider clock,
    CurrentUser user,
    QaSampling sampling,
    IOptions<QualityOptions> quality)
{
    public const string JudgementSaved = "JudgementSaved";

    /// <summary>
    /// The judgement page (two commands besides the case's access row and the evidence catalogue): the saved
    /// judgement, then the attempt's decisions with the initial levels; the standard version from the cache.
    /// Reading it is audited (the page shows the initial conclusions): the page's one write.
    /// </summary>
    public async Task<JudgementViewModel> GetAsync(CaseAccessInfo header, JudgementInput? posted, bool conflict, CancellationToken cancellationToken)
    {
        var version = await versions.GetAsync(db, header.StandardVersionId, cancellationToken);
        var outline = StandardOutline.From(version);
        var evidence = await catalogues.ForCaseAsync(header.CaseId, header.Attempt, outline, cancellationToken);
        var cannotStart = AssessmentRules.WhyJudgementCannotStart(header.State, header.QaReturnReason is not null, header.InterviewStartsAt, clock.LocalTimeZone);
        var saved = await LoadAsync(header, tracked: false, cancellationToken);
        var (caseId, attempt) = (header.CaseId, header.Attempt);
        var context = await db.Cases.AsNoTracking()
            .Where(c => c.Id == caseId)
            .Select(c => new
            {
                Decisions = db.GradeDecisions.Where(d => d.CaseId == c.Id && d.CaseId == caseId && d.Attempt == attempt)
                    .Select(d => new DecisionRow(d.Id, d.ComputedGrade, d.FinalGrade, d.OverrideJustification, d.CappedFrom, d.Recommendation, d.Reasons, d.Feedback, d.DecidedAt, d.QaStatus, d.QaReturnReason, d.QaAt, d.QaSampleReasons, d.ModeratedGrade, d.ModerationReason))
                    .ToList(),
                InitialLevels = db.AssessorNotes.Where(n => n.CaseId == c.Id && n.CaseId == caseId && n.Attempt == attempt)
                    .SelectMany(n => n.Conclusions)
                    .Where(x => x.CompetencyId != null)
                    .Select(x => new { x.CompetencyId, x.Level, x.EvidenceRefs })
                    .ToList(),
                InterviewCompleted = db.Interviews.Any(i => i.CaseId == c.Id && i.CaseId == caseId && i.Attempt == attempt && i.CompletedAt != null),
            })
            .AsSingleQuery()
            .SingleAsync(cancellationToken);

        var input = posted is null ? FromSaved(saved, outline) : Normalise(posted, outline);
        var prefilled = posted is null && saved is null && cannotStart is null;
        if (prefilled)
        {
            // Nothing saved yet: each competency starts with the evidence mapped to it and what the initial
            // conclusions cited for it (shown ticked, saved only when the assessor saves).
            var initialRefs = context.InitialLevels.ToDictionary(c => c.CompetencyId!.Value, c => c.EvidenceRefs);
            foreach (var competency in input.Competencies)
            {
                competency.EvidenceRefs = evidence.Suggested(competency.CompetencyId, initialRefs.GetValueOrDefault(competency.CompetencyId) ?? []);
            }
        }

        ConflictInfo? conflictInfo = null;
        if (conflict && posted is not null)
        {
            conflictInfo = new ConflictInfo(saved?.UpdatedAt, Differences(FromSaved(saved, outline), input, outline, evidence));
            input.Version = saved?.Version;
        }

        GradeCalculation? calculation = null;
        var methods = Coverage(outline, evidence, input);
        if (cannotStart is null)
        {
            calculation = GradingService.Calculate(version, Build(header, input, outline), AssessmentRules.Progress(methods, context.InterviewCompleted));
        }

        if (posted is null && cannotStart is null)
        {
            await notes.AuditReadAsync(header.CaseId, "final judgement", cancellationToken);
        }

        var editable = cannotStart is null && header.CanEdit && header.State == CaseState.InterviewCompleted;
        return new JudgementViewModel(header, outline, evidence, cannotStart is null, cannotStart, editable, saved?.UpdatedAt, input, calculation, methods,
            context.Decisions.OrderByDescending(d => d.DecidedAt).ThenByDescending(d => d.Id).ToList(),
            context.InitialLevels.ToDictionary(c => c.CompetencyId!.Value, c => c.Level), conflictInfo, prefilled);
    }

    /// <summary>Saves the judgement as a draft (the page then shows the grade it computes).</summary>
    public async Task<SaveResult> SaveAsync(CaseAccessInfo header, JudgementInput input, CancellationToken cancellationToken)
    {
        var (draft, refusal) = await PrepareAsync(header, input, cancellationToken);
        if (draft is null)
        {
            return refusal!;
        }

        AuditDraft(header, draft.Judgement, draft.Outline);
        return await SaveDraftAsync(draft.Judgement, cancellationToken);
    }

    /// <summary>
    /// The worked example of docs/architecture.md: one load, one decision, one save. The case and its facts come
    /// loaded once, tracked, by the authorization (<paramref name="snapshot"/>); the judgement is loaded with them; the posted form is applied to the judgement; the grading service
    /// decides the grade, the domain's sampling rule whether it goes to quality assurance, and the case workflow
    /// the move to Graded; then the judgement, the decision, the move, their audit entries and the e-mails to the
    /// quality assurers are saved together in one transaction. Refused (with the grading service's reasons) when
    /// anything is missing: then the draft alone is saved, and the refusal carries its new version so the
    /// corrected form is not taken for a stale one.
    /// </summary>
    public async Task<SubmitResult> SubmitAsync(CaseSnapshot snapshot, CaseAccessInfo header, JudgementInput input, CancellationToken cancellationToken)
    {
        var (draft, refusal) = await PrepareAsync(header, input, cancellationToken);
        if (draft is null)
        {
            return new SubmitResult(refusal!, null, null);
        }

        var (epaCase, facts) = (snapshot.Case, snapshot.Facts);
        var judgement = draft.Judgement;
        AuditDraft(header, judgement, draft.Outline);
        var progress = AssessmentRules.Progress(Coverage(draft.Outline, draft.Evidence, FromSaved(judgement, draft.Outline)), facts.Interview is { CompletedAt: not null } interview && interview.Attempt == epaCase.Attempt);
        var proposal = new GradeProposal(judgement.ProposedGrade, judgement.OverrideJustification, judgement.Recommendation, judgement.Feedback);
        var graded = grading.Decide(epaCase, facts.StandardVersion, judgement, progress, proposal);
        if (!graded.Succeeded)
        {
            return await RefusedAsync(judgement, graded.Problems, cancellationToken);
        }

        var decision = graded.Decision!;
        var (policy, samplingFacts) = await SamplingFactsAsync(epaCase.StandardVersionId, decision, facts.GradeReturnedByQa, cancellationToken);
        var sampled = sampling.Decide(samplingFacts, policy);
        decision.QaStatus = sampled.Status;
        decision.QaSampleReasons = QaSampling.Store(sampled.Reasons);
        var moved = workflow.Transition(epaCase, CaseState.Graded, commands.Actor, facts with { GradeDecision = decision }, reason: null);
        if (!moved.Succeeded)
        {
            return await RefusedAsync(judgement, moved.Problems, cancellationToken);
        }

        db.GradeDecisions.Add(decision);
        if (sampled.Required)
        {
            await notifier.ReadyForQaAsync(epaCase.Id, cancellationToken);
        }

        var saved = await commands.SaveAsync(moved, cancellationToken);
        return saved.Succeeded
            ? new SubmitResult(SaveResult.Saved(judgement.Version, clock.GetUtcNow()), decision.FinalGrade, sampled)
            : new SubmitResult(saved.IsConflict ? SaveResult.Conflict : SaveResult.Refused(saved.Problems), null, null);
    }

    /// <summary>
    /// What the sampling rule reads beyond the decision, in one command (issue 21, item 4): the version's plan
    /// (none: the configured rate), how many decisions the assessor made before, and how many since quality
    /// assurance last returned one of their grades (the return's time, not the returned decision's).
    /// </summary>
    private async Task<(QaSamplingPolicy Policy, QaSamplingFacts Facts)> SamplingFactsAsync(int standardVersionId, GradeDecision decision, bool returnedThisAttempt, CancellationToken cancellationToken)
    {
        var assessorId = decision.AssessorId;
        var row = await db.StandardVersions.AsNoTracking()
            .Where(v => v.Id == standardVersionId)
            .Select(v => new
            {
                Plan = db.SamplingPlans.Where(p => p.StandardVersionId == v.Id)
                    .Select(p => new { p.BasePercent, p.NewAssessorDecisions, p.RaisedPercent, p.RaisedDecisions })
                    .FirstOrDefault(),
                Earlier = db.GradeDecisions.Count(d => d.AssessorId == assessorId),
                Returned = db.GradeDecisions.Any(d => d.AssessorId == assessorId && d.QaStatus == QaStatus.Returned),
                SinceReturn = db.GradeDecisions.Count(d => d.AssessorId == assessorId
                    && d.DecidedAt > db.GradeDecisions.Where(r => r.AssessorId == assessorId && r.QaStatus == QaStatus.Returned).Max(r => r.QaAt)),
            })
            .SingleAsync(cancellationToken);
        var policy = row.Plan is { } plan
            ? new QaSamplingPolicy(plan.BasePercent, plan.NewAssessorDecisions, plan.RaisedPercent, plan.RaisedDecisions)
            : QaSamplingPolicy.Flat(quality.Value.SamplePercent);
        return (policy, QaSamplingFacts.Of(decision, returnedThisAttempt) with
        {
            AssessorEarlierDecisions = row.Earlier,
            AssessorDecisionsSinceReturn = row.Returned ? row.SinceReturn : null,
        });
    }

    /// <summary>A refused submission keeps the draft: saved alone, its new version returned with the reasons.</summary>
    private async Task<SubmitResult> RefusedAsync(Judgement judgement, IReadOnlyList<string> problems, CancellationToken cancellationToken)
    {
        var draft = await SaveDraftAsync(judgement, cancellationToken);
        return new SubmitResult(draft.Status == SaveStatus.Saved ? SaveResult.Refused(problems) with { Version = draft.Version, SavedAt = draft.SavedAt } : draft, null, null);
    }

    private sealed record Draft(Judgement Judgement, StandardOutline Outline, EvidenceCatalogue Evidence);

    /// <summary>
    /// Loads the judgement (tracked) and applies the posted form to it.
    /// Refused when the judgement may not change now, when the form cites evidence that is not the case's, or
    /// (a conflict) when the form was built from another version of the judgement.
    /// </summary>
    private async Task<(Draft? Draft, SaveResult? Refusal)> PrepareAsync(CaseAccessInfo header, JudgementInput input, CancellationToken cancellationToken)
    {
        var outline = StandardOutline.From(await versions.GetAsync(db, header.StandardVersionId, cancellationToken));
        if (!header.Allows(Domain.Access.CaseOperation.Assess))
        {
            return (null, SaveResult.Refused("Only the allocated assessor records the final judgement."));
        }

        if (AssessmentRules.WhyJudgementCannotChange(header.State, header.IsOnHold, header.QaReturnReason is not null, header.InterviewStartsAt, clock.LocalTimeZone) is { } cannot)
        {
            return (null, SaveResult.Refused(cannot));
        }

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
            return (null, SaveResult.Refused(problems));
        }

        var judgement = await LoadAsync(header, tracked: true, cancellationToken);
        var now = clock.GetUtcNow();
        if (judgement is null)
        {
            if (input.Version is not null)
            {
                return (null, SaveResult.Conflict);
            }

            judgement = new Judgement(header.CaseId, header.Attempt, user.Id, now);
            db.Judgements.Add(judgement);
        }
        else
        {
            if (input.Version is not { } version)
            {
                return (null, SaveResult.Conflict);
            }

            db.Entry(judgement).Property(j => j.Version).OriginalValue = version;
            db.Entry(judgement).Property(j => j.UpdatedAt).IsModified = true;
        }

        Apply(judgement, input, outline);
        judgement.UpdatedAt = now;
        return (new Draft(judgement, outline, evidence), null);
    }

    private void AuditDraft(CaseAccessInfo header, Judgement judgement, StandardOutline outline) =>
        audit.Add(JudgementSaved, header.CaseId, $"Attempt {header.Attempt}: {string.Join(", ", judgement.Areas.Select(a => $"{outline.AreaName(a.AreaCode)} {a.Level?.ToString() ?? "not judged"}"))}");

    private async Task<SaveResult> SaveDraftAsync(Judgement judgement, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return SaveResult.Saved(judgement.Version, judgement.UpdatedAt);
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

    /// <summary>The current attempt's judgement with its areas, evidence and criteria, in one command.</summary>
    private Task<Judgement?> LoadAsync(CaseAccessInfo header, bool tracked, CancellationToken cancellationToken) =>
        (tracked ? db.Judgements.AsTracking() : db.Judgements.AsNoTracking())
            .Include(j => j.Areas).Include(j => j.CompetencyEvidence).Include(j => j.CriterionResults)
            .AsSingleQuery()
            .SingleOrDefaultAsync(j => j.CaseId == header.CaseId && j.Attempt == header.Attempt, cancellationToken);

    /// <summary>Which methods the judgement cites evidence from (the domain counts a method with nothing to cite as assessed).</summary>
    private static IReadOnlyList<MethodCoverage> Coverage(StandardOutline outline, EvidenceCatalogue evidence, JudgementInput input) =>
        AssessmentRules.Coverage(
            outline.Methods,
            input.Competencies.SelectMany(c => c.EvidenceRefs)
                .Select(r => EvidenceReference.TryParse(r, out var parsed) ? parsed.Source : (EvidenceSource?)null)
                .OfType<EvidenceSource>(),
            evidence.Options.Select(o => o.Source));

    /// <summary>An unsaved judgement built from the form, for the grading service's live calculation.</summary>
    private Judgement Build(CaseAccessInfo header, JudgementInput input, StandardOutline outline)
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
