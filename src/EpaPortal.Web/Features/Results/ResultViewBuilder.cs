using System.Globalization;
using EpaPortal.Domain.Access;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Standards;
using EpaPortal.Web.Data;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Results;

/// <summary>
/// Builds the <c>_Result</c> partial's model for the signed-in user and one case: the grade, the plan's
/// reason for it in plain words (<see cref="ReleasedResultExplainer"/>) and the assessor's feedback of
/// each released result the domain lets them see (<see cref="CaseView.Result"/> for the current attempt,
/// <see cref="CaseVisibility.CanSeeGradeDecision"/> for each decision), for a Fail the areas not met and
/// the recommended next step, and after an upheld appeal that the result was withdrawn. Unreleased grades
/// are never loaded for the apprentice or the employer; the grading service's working (computed grade,
/// override and its justification, quality assurance) is never shown to them: staff pages show it.
/// </summary>
/// <remarks>
/// Other features render it with
/// <c>&lt;partial name="/Features/Results/Views/_Result.cshtml" model="await ResultViewBuilder.BuildAsync(info)" /&gt;</c>
/// (build the model in the controller or service, never in the view).
/// </remarks>
public sealed class ResultViewBuilder(PortalDbContext db, TimeProvider clock, StandardVersionCache versions)
{
    /// <summary>The released results of the case the viewer may see, in two commands (the standard version from the cache).</summary>
    public async Task<ResultViewModel> BuildAsync(CaseAccessInfo info, CancellationToken cancellationToken = default)
    {
        var empty = new ResultViewModel(null, [], null, null);
        if (!info.Allows(CaseOperation.Read))
        {
            return empty;
        }

        // The released decisions with what the page needs of the case in one command (the appeals upheld,
        // the planned re-sits and re-takes; each list is a few rows), then the judgements in a second.
        var resit = nameof(CaseState.ResitPlanned);
        var retake = nameof(CaseState.RetakePlanned);
        var epaCase = await db.Cases.AsNoTracking()
            .Where(c => c.Id == info.CaseId)
            .Select(c => new
            {
                c.AppealDeadline,
                c.AttemptKind,
                c.StandardVersionId,
                Released = db.GradeDecisions.Where(d => d.CaseId == c.Id && d.ReleasedAt != null).ToList(),
                Upheld = db.Appeals.Where(a => a.CaseId == c.Id && a.Outcome == AppealOutcome.Upheld).Select(a => new { a.Attempt, a.LodgedAt }).ToList(),
                Plans = db.AuditEntries
                    .Where(a => a.CaseId == c.Id && a.Action == CaseActions.StateChanged && (a.ToState == resit || a.ToState == retake))
                    .Select(a => new { a.At, a.Id, a.ToState })
                    .ToList(),
            })
            .AsSingleQuery()
            .SingleAsync(cancellationToken);
        var visible = epaCase.Released
            .OrderBy(d => d.Attempt).ThenBy(d => d.ReleasedAt).ThenBy(d => d.Id)
            .Where(d => CaseVisibility.CanSeeGradeDecision(info.Relation, d))
            .ToList();
        if (visible.Count == 0)
        {
            return empty;
        }

        var version = await versions.GetAsync(db, epaCase.StandardVersionId, cancellationToken);
        var kinds = epaCase.Plans.OrderBy(a => a.At).ThenBy(a => a.Id).Select(a => a.ToState == resit ? AttemptKind.Resit : AttemptKind.Retake).ToList();
        var upheld = epaCase.Upheld;

        // The final judgements behind the visible decisions (each decision was made from its assessor's
        // latest judgement of that attempt), in one command.
        var attempts = visible.Select(d => d.Attempt).Distinct().ToList();
        var judgements = await db.Judgements.AsNoTracking()
            .Include(j => j.Areas).Include(j => j.CriterionResults)
            .Where(j => j.CaseId == info.CaseId && attempts.Contains(j.Attempt))
            .AsSingleQuery()
            .ToListAsync(cancellationToken);
        Judgement? JudgementOf(GradeDecision decision) => judgements
            .Where(j => j.Attempt == decision.Attempt && j.AssessorId == decision.AssessorId)
            .OrderByDescending(j => j.UpdatedAt).ThenByDescending(j => j.Id)
            .FirstOrDefault();

        bool Replaced(GradeDecision decision) => upheld.Any(a => a.Attempt == decision.Attempt && a.LodgedAt >= decision.ReleasedAt);

        // The current result: the latest released decision of the current attempt that no upheld appeal
        // replaced, while the case shows its result.
        var current = info.View.Result ? visible.LastOrDefault(d => d.Attempt == info.Attempt && !Replaced(d)) : null;

        // An upheld appeal on the current attempt with no result released since: the re-assessment is under way.
        var withdrawn = visible.LastOrDefault(d => d.Attempt == info.Attempt && Replaced(d));
        var reassessing = withdrawn is not null && !visible.Any(d => d.Attempt == info.Attempt && d.ReleasedAt > withdrawn.ReleasedAt && !Replaced(d));
        var views = new List<ReleasedResultView>();
        foreach (var decision in visible)
        {
            var note = Replaced(decision)
                ? reassessing && decision == withdrawn
                    ? "This result was withdrawn: an appeal against it was upheld, and the apprentice is being re-assessed."
                    : "This result was withdrawn: an appeal against it was upheld and the assessment was done again."
                : decision == current ? null
                : decision.Attempt < info.Attempt ? "The result of an earlier attempt."
                : null;
            views.Add(ToView(decision, version, JudgementOf(decision), KindOf(decision.Attempt, kinds, info.Attempt, epaCase.AttemptKind), note));
        }

        var currentView = current is null ? null : views[visible.IndexOf(current)];
        var earlier = views.Where(v => v != currentView).Reverse().ToList();
        var reassessment = reassessing
            ? $"The result released on {UkTime.DateTime(withdrawn!.ReleasedAt!.Value)} ({withdrawn.ReleasedGrade}) has been withdrawn: an appeal against it was upheld. "
              + "A re-assessment by a different assessor is under way, and the new result will appear here once it has been quality assured and released."
            : null;

        AppealWindowView? appeal = null;
        var party = info.Allows(CaseOperation.ActAsApprentice) || info.Allows(CaseOperation.ActAsEmployer);
        if (currentView is not null && epaCase.AppealDeadline is { } deadline && party)
        {
            var url = info.Allows(CaseOperation.ActAsApprentice)
                ? "/apprentice/appeal"
                : string.Create(CultureInfo.InvariantCulture, $"/employer/cases/{info.CaseId}/appeal");
            appeal = new AppealWindowView(UkTime.DateTime(deadline), clock.GetUtcNow() <= deadline, url);
        }

        return new ResultViewModel(currentView, earlier, appeal, reassessment);
    }

    /// <summary>
    /// How each attempt after the first came about, from the case workflow's audit entries (each planned
    /// re-sit or re-take starts the next attempt): index 0 is attempt 2.
    /// </summary>
    public static async Task<IReadOnlyList<AttemptKind>> AttemptKindsAsync(PortalDbContext db, int caseId, CancellationToken cancellationToken)
    {
        var resit = nameof(CaseState.ResitPlanned);
        var retake = nameof(CaseState.RetakePlanned);
        var plans = await db.AuditEntries.AsNoTracking()
            .Where(a => a.CaseId == caseId && a.Action == CaseActions.StateChanged && (a.ToState == resit || a.ToState == retake))
            .OrderBy(a => a.At).ThenBy(a => a.Id)
            .Select(a => a.ToState)
            .ToListAsync(cancellationToken);
        return plans.Select(s => s == resit ? AttemptKind.Resit : AttemptKind.Retake).ToList();
    }

    public static AttemptKind KindOf(int attempt, IReadOnlyList<AttemptKind> kinds, int currentAttempt, AttemptKind currentKind) =>
        attempt <= 1 ? AttemptKind.First
        : attempt - 2 < kinds.Count ? kinds[attempt - 2]
        : attempt == currentAttempt ? currentKind
        : AttemptKind.Resit;

    private static ReleasedResultView ToView(GradeDecision decision, StandardVersion version, Judgement? judgement, AttemptKind kind, string? note)
    {
        var reason = ReleasedResultExplainer.Explain(version, decision, judgement);
        var unmet = decision.ReleasedGrade == Grade.Fail && judgement is not null ? Unmet(version, judgement) : [];
        return new ReleasedResultView(
            decision.Attempt,
            kind == AttemptKind.First
                ? $"Attempt {decision.Attempt.ToString(CultureInfo.InvariantCulture)}"
                : $"Attempt {decision.Attempt.ToString(CultureInfo.InvariantCulture)} ({DisplayNames.Of(kind)})",
            decision.ReleasedGrade.ToString(),
            decision.ReleasedGrade != Grade.Fail,
            UkTime.DateTime(decision.ReleasedAt!.Value),
            decision.ReleasedGrade != Grade.Fail && decision.QaDecisionDate is { } achieved ? UkTime.Date(achieved) : null,
            reason.Summary,
            reason.Details,
            decision.Feedback,
            unmet,
            decision.ReleasedRecommendation switch
            {
                AttemptKind.Resit => "A re-sit: a new attempt without further training.",
                AttemptKind.Retake => "A re-take: further training, then a new attempt.",
                _ => null,
            },
            note);
    }

    /// <summary>The areas judged Below (HolisticAreas) or the pass criteria not met (CriteriaPerMethod).</summary>
    private static List<string> Unmet(StandardVersion version, Judgement judgement)
    {
        if (version.Scheme == GradingScheme.HolisticAreas)
        {
            return version.Areas.OrderBy(a => a.Order)
                .Where(a => judgement.Areas.Any(j => j.AreaCode == a.Code && j.Level == AreaLevel.Below))
                .Select(a => a.Name)
                .ToList();
        }

        return version.Criteria
            .Where(c => c.Level == CriterionLevel.Pass && judgement.CriterionResults.Any(r => r.CriterionId == c.Id && !r.Met))
            .OrderBy(c => version.Methods.IndexOf(c.Method)).ThenBy(c => c.Code, StringComparer.Ordinal)
            .Select(c => $"{Capitalise(DisplayNames.Of(c.Method))}: {c.Code} {c.Text}")
            .ToList();
    }

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
