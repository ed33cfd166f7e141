using EpaPortal.Domain.Cases;

namespace EpaPortal.Web.Features.Employer;

/// <summary>The dashboard's list (open cases by default, or the closed ones) and page, bound from the query string.</summary>
public sealed class EmployerDashboardQuery
{
    /// <summary>The value of <see cref="Show"/> that lists the closed cases.</summary>
    public const string Closed = "closed";

    public string? Show { get; set; }

    /// <summary>The page of the open cases.</summary>
    public int Page { get; set; } = 1;

    /// <summary>Keyset cursors of the closed list.</summary>
    public string? After { get; set; }

    public string? Before { get; set; }

    public bool IsClosedList => string.Equals(Show, Closed, StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// One page of the employer's dashboard: the open cases (with their total, paged by number) or the closed
/// ones (no total; keyset cursors).
/// </summary>
public sealed record EmployerDashboardViewModel(
    string? OrganisationName,
    IReadOnlyList<EmployerCaseRow> Cases,
    int Page,
    int PageCount,
    int? TotalCount)
{
    public string? Show { get; init; }

    public string? Previous { get; init; }

    public string? Next { get; init; }

    public string? Problem { get; init; }

    public bool IsClosedList => Show == EmployerDashboardQuery.Closed;

    public bool HasPrevious => Page > 1;

    public bool HasNext => Page < PageCount;
}

public sealed record EmployerCaseRow(
    int CaseId,
    string ApprenticeName,
    string Uln,
    string StandardCode,
    string StateLabel,
    bool IsOnHold,
    IReadOnlyList<WaitingItem> Waiting,
    IReadOnlyList<DeadlineItem> Deadlines);

/// <summary>The heading every employer page of a case shows.</summary>
public sealed record EmployerCaseHeader(int CaseId, string ApprenticeName, string Uln, string OrganisationName, string StandardCode, CaseState State, bool IsOnHold)
{
    public string StateLabel => Domain.Common.DisplayNames.Of(State);
}

public sealed record EmployerCaseViewModel(
    EmployerCaseHeader Header,
    IReadOnlyList<WaitingItem> Waiting,
    IReadOnlyList<DeadlineItem> Deadlines,
    PortfolioSummary Portfolio,
    ReferenceSummary Reference,
    GatewaySummary? Gateway,
    IReadOnlyList<EntryQualificationRow> EntryQualifications,
    ReleasedResult? Result);

public sealed record PortfolioSummary(
    int ItemCount,
    string? SubmittedAt,
    string? ConfirmedAt,
    string? ConfirmedBy,
    string? ReturnReason,
    bool AwaitingEmployer);

public sealed record ReferenceSummary(string Status, string? SubmittedAt);

/// <summary>The latest gateway submission and the admin's decision on each item (once reviewed).</summary>
public sealed record GatewaySummary(string SubmittedAt, string? ReviewedAt, IReadOnlyList<GatewayItemOutcome> Items);

public sealed record GatewayItemOutcome(GatewayItem Item, string Label, GatewayItemDecision Decision, string? Reason);

public sealed record EntryQualificationRow(int Id, string Kind, string Subject, string? Grade, string? AchievedOn);

/// <summary>Shown only when the domain's visibility rules allow the employer to see the result.</summary>
public sealed record ReleasedResult(string Grade, string? Feedback, string ReleasedAt, string? AppealDeadline);

public sealed class EmployerPortfolioViewModel
{
    public required EmployerCaseHeader Header { get; init; }

    public required PortfolioSummary Portfolio { get; init; }

    public required string Today { get; init; }

    public IReadOnlyList<string> Problems { get; init; } = [];

    public PortfolioConfirmInput Confirm { get; init; } = new();

    public PortfolioReturnInput Return { get; init; } = new();
}

public sealed class EntryRequirementsViewModel
{
    public required EmployerCaseHeader Header { get; init; }

    public required IReadOnlyList<EntryQualificationRow> Qualifications { get; init; }

    public EntryQualificationInput Input { get; init; } = new();
}
