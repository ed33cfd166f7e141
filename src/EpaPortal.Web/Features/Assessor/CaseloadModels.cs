using EpaPortal.Domain.Cases;

namespace EpaPortal.Web.Features.Assessor;

/// <summary>The caseload's filter, search and page, bound from the query string.</summary>
public sealed class CaseloadQuery
{
    /// <summary>A case state name, or empty for every state.</summary>
    public string? State { get; set; }

    /// <summary>Part of the apprentice's name, or the start of their ULN.</summary>
    public string? Search { get; set; }

    public int Page { get; set; } = 1;
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

public sealed record CaseloadViewModel(
    IReadOnlyList<CaseloadRow> Rows,
    int TotalCount,
    int Page,
    int PageSize,
    string? State,
    string? Search,
    IReadOnlyList<StateOption> States,
    string? Problem)
{
    public int PageCount => Math.Max(1, (TotalCount + PageSize - 1) / PageSize);

    public bool IsFiltered => !string.IsNullOrEmpty(State) || !string.IsNullOrEmpty(Search);
}
