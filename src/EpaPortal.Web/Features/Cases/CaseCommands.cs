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

    public bool IsConflict => ReferenceEquals(this, Conflict);
}

/// <summary>
/// One path for every case command: the controller loads the case and its facts once, tracked, and authorizes
/// the operation on them (<see cref="Security.CaseAuthorizer.AuthorizeWithFactsAsync"/>); the domain decides (the
/// case workflow, the grading service); then everything the decision changed is saved with its audit entry and
/// e-mails in one <c>SaveChanges</c>, which is one transaction. On refusal nothing is saved.
/// </summary>
public sealed class CaseCommands(PortalDbContext db, CaseWorkflow workflow, CurrentUser currentUser)
{
    public Actor Actor => currentUser.ToActor();

    /// <summary>Moves the case to <paramref name="target"/>; <paramref name="adjustFacts"/> adds facts the
    /// user supplied with the request (e.g. the employer's agreement to a re-sit).</summary>
    public Task<CommandResult> TransitionAsync(CaseSnapshot snapshot, CaseState target, string? reason, Func<CaseFacts, CaseFacts>? adjustFacts = null, CancellationToken cancellationToken = default) =>
        SaveAsync(workflow.Transition(snapshot.Case, target, Actor, adjustFacts is null ? snapshot.Facts : adjustFacts(snapshot.Facts), reason), cancellationToken);

    /// <summary>
    /// Runs <paramref name="decide"/> on the loaded case (it changes the feature's own data and returns the
    /// domain's outcome), then on success saves all of it with the audit entry.
    /// </summary>
    public async Task<CommandResult> RunAsync(CaseSnapshot snapshot, Func<EpaCase, CaseFacts, Task<CaseOutcome>> decide, CancellationToken cancellationToken = default) =>
        await SaveAsync(await decide(snapshot.Case, snapshot.Facts), cancellationToken);

    /// <summary>Saves what the domain decided (with its audit entry) in one transaction, or, when it refused, nothing.</summary>
    public async Task<CommandResult> SaveAsync(CaseOutcome outcome, CancellationToken cancellationToken = default)
    {
        if (!outcome.Succeeded)
        {
            db.ChangeTracker.Clear();
            return CommandResult.Refused(outcome.Problems);
        }

        db.AuditEntries.Add(outcome.Audit!.ToAuditEntry());
        return await SaveChangesAsync(cancellationToken);
    }

    /// <summary>Saves the unit of work, answering a concurrent change as a conflict (nothing saved).</summary>
    public async Task<CommandResult> SaveChangesAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return CommandResult.Done;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return CommandResult.Conflict;
        }
    }
}
