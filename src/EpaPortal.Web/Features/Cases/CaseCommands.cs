using EpaPortal.Domain.Access;
using EpaPortal.Domain.Cases;
using EpaPortal.Web.Data;
using EpaPortal.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Cases;

/// <summary>The result of a case command: done, refused with the broken rules, or the case is not there.</summary>
public sealed record CommandResult(bool Succeeded, bool NotFound, IReadOnlyList<string> Problems)
{
    public static CommandResult Done { get; } = new(true, false, []);

    public static CommandResult Missing { get; } = new(false, true, ["The case was not found."]);

    public static CommandResult Refused(IEnumerable<string> problems) => new(false, false, problems.ToList());

    public static CommandResult Refused(string problem) => new(false, false, [problem]);

    /// <summary>Two people changed the case at once; the second is told to reload.</summary>
    public static CommandResult Conflict { get; } = new(false, false, ["Someone else changed this case while you were working on it. Reload the page to see the latest version and try again."]);
}

/// <summary>
/// Runs the domain's case workflow for the signed-in user: loads the case and its facts, asks the
/// domain, writes the audit entry and saves everything in one transaction. Features that also change
/// their own data call <see cref="RunAsync"/> with a callback that makes the change and moves the case.
/// </summary>
public sealed class CaseCommands(PortalDbContext db, CaseFactsLoader loader, CaseWorkflow workflow, CurrentUser currentUser)
{
    public Actor Actor => currentUser.ToActor();

    /// <summary>Moves the case to <paramref name="target"/>; <paramref name="adjustFacts"/> adds facts the
    /// user supplied with the request (e.g. the employer's agreement to a re-sit).</summary>
    public Task<CommandResult> TransitionAsync(int caseId, CaseState target, string? reason, Func<CaseFacts, CaseFacts>? adjustFacts = null, CancellationToken cancellationToken = default) =>
        RunAsync(caseId, (epaCase, facts) =>
        {
            var finalFacts = adjustFacts is null ? facts : adjustFacts(facts);
            return Task.FromResult(workflow.Transition(epaCase, target, Actor, finalFacts, reason));
        }, cancellationToken);

    /// <summary>
    /// Loads the case and facts, runs <paramref name="action"/> (which changes the feature's own data and
    /// returns the workflow's outcome), then on success writes the audit entry and saves all of it
    /// together. On refusal nothing is saved.
    /// </summary>
    public async Task<CommandResult> RunAsync(int caseId, Func<EpaCase, CaseFacts, Task<CaseOutcome>> action, CancellationToken cancellationToken = default)
    {
        var epaCase = await loader.LoadCaseAsync(caseId, cancellationToken);
        if (epaCase is null)
        {
            return CommandResult.Missing;
        }

        var facts = await loader.LoadFactsAsync(epaCase, cancellationToken);
        if (CaseRelations.Of(Actor, epaCase, facts.Parties) == CaseRelation.None)
        {
            // Unrelated users learn nothing about the case, not even that it exists.
            return CommandResult.Missing;
        }

        var outcome = await action(epaCase, facts);
        if (!outcome.Succeeded)
        {
            db.ChangeTracker.Clear();
            return CommandResult.Refused(outcome.Problems);
        }

        db.AuditEntries.Add(outcome.Audit!.ToAuditEntry());
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return CommandResult.Conflict;
        }

        return CommandResult.Done;
    }
}
