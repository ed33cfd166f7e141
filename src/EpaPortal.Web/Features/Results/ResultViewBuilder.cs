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
/// Builds the <c>_Result</c> partial's model for the signed-in user and one case: the grade, the reasons
/// and the feedback of each released result the domain lets them see (<see cref="CaseView.Result"/> for
/// the current attempt, <see cref="CaseVisibility.CanSeeGradeDecision"/> for each decision), and for a
/// Fail the areas not met and the recommended next step. Unreleased grades are never loaded for the
/// apprentice or the employer.
/// </summary>
/// <remarks>
/// Other features render it with
/// <c>&lt;partial name="/Features/Results/Views/_Result.cshtml" model="await ResultViewBuilder.BuildAsync(info)" /&gt;</c>
/// (build the model in the controller or service, never in the view).
/// </remarks>
public sealed class ResultViewBuilder(PortalDbContext db, TimeProvider clock)
{
    public async Task<ResultViewModel> BuildAsync(CaseAccessInfo info, CancellationToken cancellationToken = default)
    {
        var empty = new ResultViewModel(null, [], null);
        if (!info.View.Case)
        {
            return empty;
        }

        var released = await db.GradeDecisions.AsNoTracking()
            .Where(d => d.CaseId == info.CaseId && d.ReleasedAt != null)
            .OrderBy(d => d.Attempt).ThenBy(d => d.ReleasedAt).ThenBy(d => d.Id)
            .ToListAsync(cancellationToken);
        var visible = released.Where(d => CaseVisibility.CanSeeGradeDecision(info.Relation, d)).ToList();
        if (visible.Count == 0)
        {
            return empty;
        }

        var epaCase = await db.Cases.AsNoTracking()
            .Where(c => c.Id == info.CaseId)
            .Select(c => new { c.AppealDeadline, c.AttemptKind, c.StandardVersionId })
            .SingleAsync(cancellationToken);
        var version = await db.StandardVersions.AsNoTracking()
            .Include(v => v.Areas).Include(v => v.Criteria)
            .AsSplitQuery()
            .SingleAsync(v => v.Id == epaCase.StandardVersionId, cancellationToken);
        var kinds = await AttemptKindsAsync(db, info.CaseId, cancellationToken);
        var upheld = await db.Appeals.AsNoTracking()
            .Where(a => a.CaseId == info.CaseId && a.Outcome == AppealOutcome.Upheld)
            .Select(a => new { a.Attempt, a.LodgedAt })
            .ToListAsync(cancellationToken);

        bool Replaced(GradeDecision decision) => upheld.Any(a => a.Attempt == decision.Attempt && a.LodgedAt >= decision.ReleasedAt);

        // The current result: the latest released decision of the current attempt that no upheld appeal
        // replaced, while the case shows its result.
        var current = info.View.Result ? visible.LastOrDefault(d => d.Attempt == info.Attempt && !Replaced(d)) : null;
        var views = new List<ReleasedResultView>();
        foreach (var decision in visible)
        {
            var note = Replaced(decision)
                ? "This result was replaced: an appeal against it was upheld and the assessment was done again."
                : decision == current ? null
                : decision.Attempt < info.Attempt ? "The result of an earlier attempt."
                : null;
            views.Add(await ToViewAsync(decision, version, KindOf(decision.Attempt, kinds, info.Attempt, epaCase.AttemptKind), note, cancellationToken));
        }

        var currentView = current is null ? null : views[visible.IndexOf(current)];
        var earlier = views.Where(v => v != currentView).Reverse().ToList();

        AppealWindowView? appeal = null;
        if (currentView is not null && epaCase.AppealDeadline is { } deadline && info.Relation.IsParty())
        {
            var url = info.Relation.HasFlag(CaseRelation.Apprentice)
                ? "/apprentice/appeal"
                : string.Create(CultureInfo.InvariantCulture, $"/employer/cases/{info.CaseId}/appeal");
            appeal = new AppealWindowView(UkTime.DateTime(deadline), clock.GetUtcNow() <= deadline, url);
        }

        return new ResultViewModel(currentView, earlier, appeal);
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

    private async Task<ReleasedResultView> ToViewAsync(GradeDecision decision, StandardVersion version, AttemptKind kind, string? note, CancellationToken cancellationToken)
    {
        var unmet = decision.FinalGrade == Grade.Fail ? await UnmetAsync(decision, version, cancellationToken) : [];
        return new ReleasedResultView(
            decision.Attempt,
            kind == AttemptKind.First
                ? $"Attempt {decision.Attempt.ToString(CultureInfo.InvariantCulture)}"
                : $"Attempt {decision.Attempt.ToString(CultureInfo.InvariantCulture)} ({DisplayNames.Of(kind)})",
            decision.FinalGrade.ToString(),
            decision.FinalGrade != Grade.Fail,
            UkTime.DateTime(decision.ReleasedAt!.Value),
            decision.FinalGrade != Grade.Fail && decision.QaDecisionDate is { } achieved ? UkTime.Date(achieved) : null,
            decision.Reasons.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            decision.Feedback,
            unmet,
            decision.Recommendation switch
            {
                AttemptKind.Resit => "A re-sit: a new attempt without further training.",
                AttemptKind.Retake => "A re-take: further training, then a new attempt.",
                _ => null,
            },
            note);
    }

    /// <summary>The areas judged Below (HolisticAreas) or the pass criteria not met (CriteriaPerMethod).</summary>
    private async Task<IReadOnlyList<string>> UnmetAsync(GradeDecision decision, StandardVersion version, CancellationToken cancellationToken)
    {
        var judgement = await db.Judgements.AsNoTracking()
            .Include(j => j.Areas).Include(j => j.CriterionResults)
            .Where(j => j.CaseId == decision.CaseId && j.Attempt == decision.Attempt && j.AssessorId == decision.AssessorId)
            .OrderByDescending(j => j.UpdatedAt).ThenByDescending(j => j.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (judgement is null)
        {
            return [];
        }

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
