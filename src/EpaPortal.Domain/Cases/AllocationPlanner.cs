namespace EpaPortal.Domain.Cases;

/// <summary>An assessor a bulk allocation may propose: their open cases now and the most they may hold (null: no limit).</summary>
public sealed record AllocationCandidate(string AssessorId, string Name, int OpenCases, int? Capacity)
{
    /// <summary>Whether one more case keeps them within their capacity, with <paramref name="added"/> already proposed.</summary>
    public bool HasRoomFor(int added) => Capacity is not { } most || OpenCases + added < most;
}

/// <summary>Why an assessor was not proposed for a case (or, for the one proposed, why they were).</summary>
public sealed record AllocationReason(string AssessorId, string Name, string Reason);

/// <summary>The proposal for one case: the assessor (null when nobody may take it), why, and why not each other assessor.</summary>
public sealed record CaseAllocationProposal(int CaseId, string? AssessorId, string Why, IReadOnlyList<AllocationReason> Others);

/// <summary>One assessor across the whole proposal: their load now, their capacity, how many cases they were proposed for, and why.</summary>
public sealed record AssessorAllocationSummary(string AssessorId, string Name, int OpenCases, int? Capacity, int Proposed, string Why)
{
    public int OpenAfter => OpenCases + Proposed;
}

public sealed record AllocationPlan(IReadOnlyList<CaseAllocationProposal> Cases, IReadOnlyList<AssessorAllocationSummary> Assessors);

/// <summary>
/// Bulk allocation (issue 21, item 3): proposes an assessor for each of many cases. The rules of who may assess a
/// case stay the case workflow's (<c>CaseWorkflow.CheckAllocation</c>: conflicts of interest, parties,
/// quality assurers, appeal re-assessment), passed in as <c>refusals</c>; the planner adds each assessor's
/// capacity (a maximum open caseload) and balances the workload: every case goes to the eligible assessor with
/// room who has the fewest open cases counting those already proposed. The cases with the fewest eligible
/// assessors are placed first, so a case only one assessor may take is not left without them because they were
/// filled up by cases anyone could take. Every decision carries its reason in words, for the page.
/// </summary>
public static class AllocationPlanner
{
    public static AllocationPlan Propose(
        IReadOnlyList<int> caseIds,
        IReadOnlyList<AllocationCandidate> assessors,
        Func<int, string, IReadOnlyList<string>> refusals)
    {
        ArgumentNullException.ThrowIfNull(caseIds);
        ArgumentNullException.ThrowIfNull(assessors);
        ArgumentNullException.ThrowIfNull(refusals);

        var distinct = caseIds.Distinct().ToList();
        var refused = distinct.ToDictionary(
            id => id,
            id => assessors.ToDictionary(a => a.AssessorId, a => refusals(id, a.AssessorId), StringComparer.Ordinal));
        var proposed = assessors.ToDictionary(a => a.AssessorId, _ => 0, StringComparer.Ordinal);
        var chosen = new Dictionary<int, CaseAllocationProposal>();

        // Stable: cases with as many eligible assessors keep the order they were given in.
        var order = distinct.OrderBy(id => refused[id].Count(r => r.Value.Count == 0)).ToList();
        foreach (var caseId in order)
        {
            var eligible = assessors.Where(a => refused[caseId][a.AssessorId].Count == 0).ToList();
            var withRoom = eligible.Where(a => a.HasRoomFor(proposed[a.AssessorId])).ToList();
            var pick = withRoom
                .OrderBy(a => a.OpenCases + proposed[a.AssessorId])
                .ThenByDescending(a => a.Capacity is { } most ? most - a.OpenCases - proposed[a.AssessorId] : int.MaxValue)
                .ThenBy(a => a.Name, StringComparer.Ordinal)
                .ThenBy(a => a.AssessorId, StringComparer.Ordinal)
                .FirstOrDefault();

            var others = new List<AllocationReason>();
            foreach (var assessor in assessors.Where(a => a != pick))
            {
                var load = assessor.OpenCases + proposed[assessor.AssessorId];
                var reason = refused[caseId][assessor.AssessorId] is { Count: > 0 } problems
                    ? string.Join(" ", problems)
                    : !assessor.HasRoomFor(proposed[assessor.AssessorId])
                        ? $"At capacity: {Cases(load)} open or proposed, of {assessor.Capacity}."
                        : pick is not null && load == pick.OpenCases + proposed[pick.AssessorId]
                            ? $"May take it; as many open or proposed cases ({load}) as {pick.Name}, who came first."
                            : $"May take it, but has more open or proposed cases ({load}).";
                others.Add(new AllocationReason(assessor.AssessorId, assessor.Name, reason));
            }

            string why;
            if (pick is null)
            {
                why = eligible.Count == 0
                    ? "Nobody proposed: no assessor may assess this case (see why for each)."
                    : "Nobody proposed: every assessor who may assess this case is at capacity.";
            }
            else
            {
                var load = pick.OpenCases + proposed[pick.AssessorId];
                why = $"Proposed: the fewest open or proposed cases ({load}) of the {Assessors(withRoom.Count)} with room who may assess it"
                    + (pick.Capacity is { } most ? $" (capacity {most})." : " (no capacity set).");
                proposed[pick.AssessorId]++;
            }

            chosen[caseId] = new CaseAllocationProposal(caseId, pick?.AssessorId, why, others);
        }

        var summaries = assessors.Select(a => Summary(a, proposed[a.AssessorId], refused)).ToList();
        return new AllocationPlan(distinct.Select(id => chosen[id]).ToList(), summaries);
    }

    /// <summary>
    /// What would stop the admin's final choice (the proposal after their changes): an assessor taken past their
    /// capacity. The workflow checks each case's own rules as it allocates. Empty when the choice may be saved.
    /// </summary>
    public static IReadOnlyList<string> CheckCapacity(IReadOnlyCollection<string> chosenAssessorIds, IReadOnlyList<AllocationCandidate> assessors)
    {
        ArgumentNullException.ThrowIfNull(chosenAssessorIds);
        ArgumentNullException.ThrowIfNull(assessors);
        var problems = new List<string>();
        foreach (var group in chosenAssessorIds.GroupBy(id => id, StringComparer.Ordinal))
        {
            if (assessors.FirstOrDefault(a => a.AssessorId == group.Key) is { Capacity: { } most } assessor && assessor.OpenCases + group.Count() > most)
            {
                var room = Math.Max(0, most - assessor.OpenCases);
                problems.Add($"{assessor.Name} has {Cases(assessor.OpenCases)} open and a capacity of {most}: choose someone else for {group.Count() - room} of the {Cases(group.Count())} given to them.");
            }
        }

        return problems;
    }

    private static AssessorAllocationSummary Summary(AllocationCandidate assessor, int proposed, Dictionary<int, Dictionary<string, IReadOnlyList<string>>> refused)
    {
        string why;
        if (proposed > 0)
        {
            why = $"Proposed for {Cases(proposed)}.";
        }
        else if (refused.Count > 0 && refused.Values.All(r => r[assessor.AssessorId].Count > 0))
        {
            why = "Not proposed: may not assess any of these cases (conflict of interest or another role on them).";
        }
        else if (!assessor.HasRoomFor(0))
        {
            why = $"Not proposed: at capacity ({assessor.OpenCases} open, capacity {assessor.Capacity}).";
        }
        else
        {
            why = refused.Count == 0 ? "No cases chosen." : "Not proposed: others who may assess the cases had fewer open cases.";
        }

        return new AssessorAllocationSummary(assessor.AssessorId, assessor.Name, assessor.OpenCases, assessor.Capacity, proposed, why);
    }

    private static string Cases(int count) => count == 1 ? "1 case" : $"{count} cases";

    private static string Assessors(int count) => count == 1 ? "1 assessor" : $"{count} assessors";
}
