using EpaPortal.Domain.Access;
using EpaPortal.Domain.Cases;
using EpaPortal.Web.Data;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Admin;

/// <summary>
/// Bulk allocation (issue 21, item 3): the cases waiting for an assessor (filtered by standard version and
/// employer), the domain's proposal for them (<see cref="AllocationPlanner"/> over the workflow's
/// <see cref="CaseWorkflow.CheckAllocation(EpaCase, Actor, Actor, IEnumerable{Domain.Organisations.ConflictOfInterest}, AllocationFacts)"/>),
/// and the confirmation of the admin's final choice: every case allocated by the workflow with its own audit entry
/// and the assessor's e-mail, all in one save, or nothing when any case is refused.
/// A page is one command for the cases, one for the assessors and two for the filter's lists; a confirmation is
/// one for the cases, one for the assessors and the save.
/// </summary>
public sealed class BulkAllocationService(PortalDbContext db, AllocationService allocation, CaseWorkflow workflow, CaseCommands commands, Notifier notifier)
{
    /// <summary>The most cases one proposal lists (the next come up once these are allocated).</summary>
    public const int Limit = 100;

    public async Task<BulkAllocationViewModel> PageAsync(BulkAllocationInput? input, int? version, int? organisation, IReadOnlyCollection<int>? only, IReadOnlyList<string> problems, CancellationToken cancellationToken)
    {
        var versions = await db.StandardVersions.AsNoTracking()
            .OrderBy(v => v.Standard!.Reference).ThenBy(v => v.Version)
            .Select(v => new { v.Id, v.Standard!.Reference, v.Version })
            .ToListAsync(cancellationToken);
        var organisations = await db.Organisations.AsNoTracking().OrderBy(o => o.Name).Select(o => new FilterOption(o.Id, o.Name)).ToListAsync(cancellationToken);
        var rows = await WaitingAsync(db.Cases.AsNoTracking(), version, organisation, null, cancellationToken);
        var more = rows.Count > Limit;
        rows = rows.Take(Limit).ToList();
        var assessors = await allocation.AssessorsAsync(null, cancellationToken);

        // The proposal is for the ticked cases (all of them on first sight); the others keep their row, unticked.
        var ticked = only is { Count: > 0 } ? rows.Where(r => only.Contains(r.Case.Id)).ToList() : rows;
        var refusals = Refusals(rows, assessors);
        var plan = AllocationPlanner.Propose(ticked.Select(r => r.Case.Id).ToList(), Candidates(assessors), (caseId, assessorId) => refusals[(caseId, assessorId)]);
        var proposals = plan.Cases.ToDictionary(p => p.CaseId);
        var names = versions.ToDictionary(v => v.Id, v => $"{v.Reference} v{v.Version}");

        var cases = rows.Select(r =>
        {
            var proposal = proposals.GetValueOrDefault(r.Case.Id);
            var chosen = input?.Choices.FirstOrDefault(c => c.CaseId == r.Case.Id) is { } typed ? typed.AssessorId : proposal?.AssessorId;
            var options = assessors
                .Where(a => refusals[(r.Case.Id, a.Actor.UserId)].Count == 0)
                .Select(a => new BulkAssessorOption(a.Actor.UserId, $"{a.Actor.DisplayName} ({a.Caseload} open{(a.Capacity is { } most ? $", capacity {most}" : null)}){(a.Warnings.Count > 0 ? ", record lapsed" : null)}"))
                .ToList();
            var others = proposal?.Others ?? assessors
                .Where(a => refusals[(r.Case.Id, a.Actor.UserId)].Count > 0)
                .Select(a => new AllocationReason(a.Actor.UserId, a.Actor.DisplayName, string.Join(" ", refusals[(r.Case.Id, a.Actor.UserId)])))
                .ToList();
            return new BulkCaseRow(r.Case.Id, r.ApprenticeName, r.OrganisationName, names.GetValueOrDefault(r.Case.StandardVersionId, string.Empty), r.Case.State,
                input is null ? proposal is not null : input.Selected.Contains(r.Case.Id), proposal?.AssessorId, chosen,
                proposal?.Why ?? "Not ticked: not in this proposal.", others, options);
        }).ToList();

        return new BulkAllocationViewModel(version, organisation,
            versions.Select(v => new FilterOption(v.Id, names[v.Id])).ToList(), organisations, cases, more,
            plan.Assessors.Select(s =>
            {
                var assessor = assessors.First(a => a.Actor.UserId == s.AssessorId);
                return new BulkAssessorRow(s, assessor.Email, assessor.Warnings);
            }).ToList(), problems);
    }

    /// <summary>
    /// Allocates each ticked case to the assessor chosen for it, through the case workflow (its rules, its audit entry
    /// per case) and within each assessor's capacity (the planner's rule), telling each assessor by e-mail; all in one
    /// save. Refused as a whole, saving nothing, when a case or a capacity is refused; the problems name the cases.
    /// </summary>
    public async Task<(int Allocated, IReadOnlyList<string> Problems)> ConfirmAsync(BulkAllocationInput input, CancellationToken cancellationToken)
    {
        var choices = input.Selected.Distinct()
            .Select(id => (CaseId: id, AssessorId: input.Choices.FirstOrDefault(c => c.CaseId == id)?.AssessorId))
            .ToList();
        if (choices.Count == 0)
        {
            return (0, ["Tick at least one case to allocate."]);
        }

        if (choices.Count > Limit)
        {
            return (0, [$"Allocate at most {Limit} cases at once."]);
        }

        var problems = choices.Where(c => string.IsNullOrWhiteSpace(c.AssessorId))
            .Select(c => $"Case {c.CaseId}: choose an assessor, or untick the case.")
            .ToList();
        var ids = choices.Select(c => c.CaseId).ToList();
        var rows = await WaitingAsync(db.Cases.AsTracking(), null, null, ids, cancellationToken);
        var assessors = await allocation.AssessorsAsync(null, cancellationToken);
        var byId = assessors.ToDictionary(a => a.Actor.UserId, StringComparer.Ordinal);
        var actor = commands.Actor;
        var allocated = new List<(AllocationService.AssessorRow Assessor, WaitingCase Case)>();
        foreach (var (caseId, assessorId) in choices.Where(c => !string.IsNullOrWhiteSpace(c.AssessorId)))
        {
            var row = rows.FirstOrDefault(r => r.Case.Id == caseId);
            if (row is null)
            {
                problems.Add($"Case {caseId} no longer waits for an assessor: someone allocated it or it moved on. Propose again.");
                continue;
            }

            if (!byId.TryGetValue(assessorId!, out var assessor))
            {
                problems.Add($"Case {caseId}: that person is not an active assessor. Choose from the list.");
                continue;
            }

            var outcome = workflow.AllocateAssessor(row.Case, actor, assessor.Actor, assessor.Conflicts, row.Facts);
            if (!outcome.Succeeded)
            {
                problems.AddRange(outcome.Problems.Select(p => $"Case {caseId} ({row.ApprenticeName}): {p}"));
                continue;
            }

            db.AuditEntries.Add(outcome.Audit!.ToAuditEntry());
            allocated.Add((assessor, row));
        }

        problems.AddRange(AllocationPlanner.CheckCapacity(allocated.Select(a => a.Assessor.Actor.UserId).ToList(), Candidates(assessors)));
        if (problems.Count > 0)
        {
            db.ChangeTracker.Clear();
            return (0, problems);
        }

        foreach (var (assessor, row) in allocated)
        {
            notifier.AssessorAllocatedInBulk(row.Case.Id, new Recipient(assessor.Actor.UserId, assessor.Email, assessor.Actor.DisplayName), row.ApprenticeName);
        }

        var saved = await commands.SaveChangesAsync(cancellationToken);
        return saved.Succeeded ? (allocated.Count, []) : (0, saved.Problems);
    }

    private static List<AllocationCandidate> Candidates(IEnumerable<AllocationService.AssessorRow> assessors) =>
        assessors.Select(a => new AllocationCandidate(a.Actor.UserId, a.Actor.DisplayName, a.Caseload, a.Capacity)).ToList();

    private Dictionary<(int, string), IReadOnlyList<string>> Refusals(List<WaitingCase> rows, List<AllocationService.AssessorRow> assessors)
    {
        var actor = commands.Actor;
        var refusals = new Dictionary<(int, string), IReadOnlyList<string>>();
        foreach (var row in rows)
        {
            foreach (var assessor in assessors)
            {
                refusals[(row.Case.Id, assessor.Actor.UserId)] = workflow.CheckAllocation(row.Case, actor, assessor.Actor, assessor.Conflicts, row.Facts);
            }
        }

        return refusals;
    }

    private sealed record WaitingCase(EpaCase Case, string ApprenticeName, string OrganisationName, AllocationFacts Facts);

    /// <summary>
    /// Cases with no assessor in a state that takes one, not on hold (or the ones asked for, whatever their state:
    /// the workflow says why one can no longer be allocated), in case order, with the facts allocation reads: one command.
    /// </summary>
    private async Task<List<WaitingCase>> WaitingAsync(IQueryable<EpaCase> source, int? version, int? organisation, List<int>? ids, CancellationToken cancellationToken)
    {
        var states = CaseWorkflow.StatesForAllocation.ToList();
        var query = ids is null
            ? source.Where(c => c.AssessorId == null && !c.IsOnHold && states.Contains(c.State)
                && (version == null || c.StandardVersionId == version) && (organisation == null || c.OrganisationId == organisation))
            : source.Where(c => ids.Contains(c.Id) && c.AssessorId == null);
        var rows = await query
            .OrderBy(c => c.Id)
            .Take(Limit + 1)
            .Select(c => new
            {
                Case = c,
                c.Apprentice!.GivenNames,
                c.Apprentice.FamilyName,
                c.Apprentice.UserId,
                c.Apprentice.OrganisationId,
                OrganisationName = c.Apprentice.Organisation!.Name,
                QualityAssurers = db.GradeDecisions.Where(g => g.CaseId == c.Id && g.QaById != null).Select(g => g.QaById!).ToList(),
                Current = db.GradeDecisions.Where(g => g.CaseId == c.Id && g.Attempt == c.Attempt).OrderByDescending(g => g.DecidedAt).ThenByDescending(g => g.Id)
                    .Select(g => new { g.AssessorId, g.QaById }).FirstOrDefault(),
            })
            .AsSingleQuery()
            .ToListAsync(cancellationToken);
        return rows.Select(r => new WaitingCase(r.Case, $"{r.GivenNames} {r.FamilyName}", r.OrganisationName,
                new AllocationFacts(new CaseParties(r.UserId, r.OrganisationId, r.OrganisationName, r.Case.ProviderOrganisationId), r.QualityAssurers, r.Current?.AssessorId, r.Current?.QaById)))
            .ToList();
    }
}
