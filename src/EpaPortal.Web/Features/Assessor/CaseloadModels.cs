using EpaPortal.Domain.Cases;

namespace EpaPortal.Web.Features.Assessor;

/// <summary>The caseload's list, filter, search and page, bound from the query string.</summary>
public sealed class CaseloadQuery
{
    /// <summary>The value of <see cref="Show"/> that lists the closed cases instead of the open work.</summary>
    public const string Closed = "closed";

    /// <summary>"closed" for the closed cases; anything else (or nothing) for the open work.</summary>
    public string? Show { get; set; }

    /// <summary>A case state name (it decides whether the open or the closed list is shown), or empty for every state of the list.</summary>
    public string? State { get; set; }

    /// <summary>Part of the apprentice's name, or the start of their ULN.</summary>
    public string? Search { get; set; }

    /// <summary>The page of the open work.</summary>
    public int Page { get; set; } = 1;

    /// <summary>Keyset cursors of the closed list (<see cref="CaseloadService.ClosedSorts"/>).</summary>
    public string? After { get; set; }

    public string? Before { get; set; }

    /// <summary>The closed list's sort: "closed" (earliest first) or "-closed" (the default, most recent first).</summary>
    public string? Sort { get; set; }
}

/// <summary>How urgent a case is for its assessor; the caseload is ordered by it.</summary>
public enum CaseUrgency
{
    Overdue = 0,
    NeedsAction = 1,
    Waiting = 2,
    Closed = 3,
}

/// <summary>One case in the caseload: who, where it stands, and what (if anything) the assessor must do.</summary>
public sealed record CaseloadRow(
    int CaseId,
    string ApprenticeName,
    string Uln,
    string EmployerName,
    CaseState State,
    bool IsOnHold,
    int Attempt,
    DateTimeOffset StateChangedAt,
    DateTimeOffset? WindowOpensAt,
    DateTimeOffset? WindowClosesAt,
    DateTimeOffset? InterviewAt,
    CaseUrgency Urgency,
    string? NextAction,
    DateTimeOffset? DueAt,
    Domain.Scheduling.EpaDeadline? Deadline = null);

public sealed record StateOption(string Value, string Label, bool Selected);

/// <summary>
/// One page of the caseload: the open work (with its total, paged by number) or the closed cases (no
/// total; keyset cursors <see cref="Previous"/> and <see cref="Next"/>).
/// </summary>
public sealed record CaseloadViewModel(
    IReadOnlyList<CaseloadRow> Rows,
    int? TotalCount,
    int Page,
    int PageSize,
    string? State,
    string? Search,
    IReadOnlyList<StateOption> States,
    string? Problem)
{
    /// <summary>Null for the open work, <see cref="CaseloadQuery.Closed"/> for the closed cases.</summary>
    public string? Show { get; init; }

    /// <summary>The closed list's sort as the URL carries it.</summary>
    public string? Sort { get; init; }

    public string? Previous { get; init; }

    public string? Next { get; init; }

    public bool IsClosedList => Show == CaseloadQuery.Closed;

    public int PageCount => Math.Max(1, ((TotalCount ?? 0) + PageSize - 1) / PageSize);

    public bool IsFiltered => !string.IsNullOrEmpty(State) || !string.IsNullOrEmpty(Search);
}
