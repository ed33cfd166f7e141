// TEMPORARY ADAPTER (portfolio branch): the domain branch `domain-rules` had not reached main when this
// feature was written. These files copy the domain's public API that the portfolio feature calls, in the
// domain's own namespaces, so the feature is written against the real names. At `git merge main` after the
// domain lands, delete the whole DomainAdapter folder: nothing else changes.
using System.Reflection;
using EpaPortal.Domain.Access;

namespace EpaPortal.Domain.Cases;

/// <summary>The portfolio operation of the domain's case workflow (temporary copy, see the note above).</summary>
public sealed class CaseWorkflow(TimeProvider clock)
{
    public CaseOutcome SubmitPortfolio(EpaCase epaCase, Actor actor, CaseFacts facts, string snapshotHash)
    {
        var relation = CaseRelations.Of(actor, epaCase, facts.Parties);
        if (relation != CaseRelation.Apprentice)
        {
            return CaseOutcome.Refused("Only the apprentice can submit their portfolio.");
        }

        var problems = new List<string>();
        if (epaCase.IsPortfolioLocked)
        {
            problems.Add("The portfolio has been submitted and is locked; the employer can return it to re-open it.");
        }

        var settings = facts.StandardVersion.Settings;
        var minimum = Math.Max(1, settings.PortfolioMinItems ?? 1);
        if (facts.PortfolioItemCount < minimum)
        {
            problems.Add(minimum == 1 ? "Add at least one evidence item before submitting the portfolio." : $"The portfolio needs at least {minimum} evidence items; it has {facts.PortfolioItemCount}.");
        }

        if (problems.Count > 0)
        {
            return CaseOutcome.Refused(problems);
        }

        var now = clock.GetUtcNow();
        Set(epaCase, nameof(EpaCase.PortfolioSubmittedAt), now);
        Set(epaCase, nameof(EpaCase.PortfolioSnapshotHash), snapshotHash);
        Set(epaCase, nameof(EpaCase.PortfolioConfirmedAt), null);
        Set(epaCase, nameof(EpaCase.PortfolioReturnReason), null);
        return CaseOutcome.Done(epaCase, new CaseAuditRecord(now, actor.UserId, actor.DisplayName, CaseActions.PortfolioSubmitted, epaCase.Id, epaCase.State, epaCase.State, null, $"{facts.PortfolioItemCount} items, snapshot {snapshotHash}"));
    }

    private static void Set(EpaCase epaCase, string property, object? value) =>
        typeof(EpaCase).GetProperty(property, BindingFlags.Public | BindingFlags.Instance)!.SetValue(epaCase, value);
}

public static class PortfolioLockAdapter
{
    extension(EpaCase epaCase)
    {
        /// <summary>The domain's <c>EpaCase.IsPortfolioLocked</c> (temporary copy).</summary>
        public bool IsPortfolioLocked =>
            epaCase.PortfolioSubmittedAt is not null || epaCase.IsOnHold || epaCase.State is not (CaseState.Registered or CaseState.GatewayRejected);
    }
}
