using EpaPortal.Domain.Cases;
using EpaPortal.Web.Infrastructure;

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

    /// <summary>
    /// The closed list's sort: "closed" (earliest first) or "-closed" (the default, most recent first); the open
    /// work's: a column of <see cref="OpenSort"/> ("apprentice", "state", "since", "deadline", "-" for descending),
    /// or nothing for the most urgent first.
    /// </summary>
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

/// <summary>
/// A column sort of the open work (issue 21), on request; by default the open work is most urgent first. The
/// open work is bounded (an assessor's open cases, capped by their capacity), so it is ordered in memory
/// after one read; the case is the tie-break, so the order is stable.
/// </summary>
public sealed class OpenSort
{
    /// <summary>The most open cases a column sort orders (beyond it the filter narrows the list).</summary>
    public const int MaxRows = 2_000;

    private static readonly Dictionary<string, Func<IEnumerable<CaseloadRow>, bool, IOrderedEnumerable<CaseloadRow>>> Columns = new(StringComparer.Ordinal)
    {
        ["apprentice"] = (rows, desc) => desc ? rows.OrderByDescending(r => r.ApprenticeName, StringComparer.OrdinalIgnoreCase) : rows.OrderBy(r => r.ApprenticeName, StringComparer.OrdinalIgnoreCase),
        ["employer"] = (rows, desc) => desc ? rows.OrderByDescending(r => r.EmployerName, StringComparer.OrdinalIgnoreCase) : rows.OrderBy(r => r.EmployerName, StringComparer.OrdinalIgnoreCase),
        ["state"] = (rows, desc) => desc ? rows.OrderByDescending(r => r.State) : rows.OrderBy(r => r.State),
        ["since"] = (rows, desc) => desc ? rows.OrderByDescending(r => r.StateChangedAt) : rows.OrderBy(r => r.StateChangedAt),

        // Cases without an EPA deadline yet (before the gateway) come last either way.
        ["deadline"] = (rows, desc) => desc
            ? rows.OrderBy(r => r.Deadline?.Deadline is null).ThenByDescending(r => r.Deadline?.Deadline)
            : rows.OrderBy(r => r.Deadline?.Deadline is null).ThenBy(r => r.Deadline?.Deadline),
    };

    private OpenSort(string column, bool descending)
    {
        Column = column;
        Descending = descending;
    }

    public string Column { get; }

    public bool Descending { get; }

    /// <summary>The value of <c>sort</c> in the URL.</summary>
    public string Name => Descending ? "-" + Column : Column;

    public static IReadOnlyCollection<string> ColumnNames => Columns.Keys;

    /// <summary>The sort the URL names, or null (most urgent first) for none or one not offered.</summary>
    public static OpenSort? Find(string? sort)
    {
        if (string.IsNullOrEmpty(sort))
        {
            return null;
        }

        var descending = sort.StartsWith('-');
        var column = descending ? sort[1..] : sort;
        return Columns.ContainsKey(column) ? new OpenSort(column, descending) : null;
    }

    public IEnumerable<CaseloadRow> Apply(IEnumerable<CaseloadRow> rows) => Columns[Column](rows, Descending).ThenBy(r => r.CaseId);

    /// <summary>A column's header: ascending first, then the other way; aria-sort on the current column.</summary>
    public static SortHeader Header(string label, string column, string? current, Func<string?, string> url)
    {
        var sort = Find(current);
        var isCurrent = sort?.Column == column;
        return new SortHeader(label, url(isCurrent && !sort!.Descending ? "-" + column : column), isCurrent ? (sort!.Descending ? "descending" : "ascending") : null);
    }
}

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
