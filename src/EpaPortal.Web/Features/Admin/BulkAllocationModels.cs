using EpaPortal.Domain.Cases;

namespace EpaPortal.Web.Features.Admin;

/// <summary>The bulk allocation form: the filter it was proposed for, the ticked cases and the assessor chosen for each.</summary>
public sealed class BulkAllocationInput
{
    public int? Version { get; set; }

    public int? Organisation { get; set; }

    /// <summary>"propose" to propose again for the ticked cases (nothing saved); otherwise the choice is confirmed.</summary>
    public string? Action { get; set; }

    public bool ProposeAgain => string.Equals(Action, "propose", StringComparison.Ordinal);

    /// <summary>The ids of the ticked cases.</summary>
    public List<int> Selected { get; set; } = [];

    /// <summary>One per listed case: its id and the assessor chosen (the proposal unless the admin changed it).</summary>
    public List<BulkAllocationChoice> Choices { get; set; } = [];
}

public sealed class BulkAllocationChoice
{
    public int CaseId { get; set; }

    public string? AssessorId { get; set; }
}

public sealed record FilterOption(int Id, string Name);

/// <summary>An assessor who may take a case, as the case's list offers them.</summary>
public sealed record BulkAssessorOption(string Id, string Label);

public sealed record BulkCaseRow(
    int CaseId,
    string ApprenticeName,
    string OrganisationName,
    string StandardVersion,
    CaseState State,
    bool Selected,
    string? ProposedAssessorId,
    string? ChosenAssessorId,
    string Why,
    IReadOnlyList<AllocationReason> Others,
    IReadOnlyList<BulkAssessorOption> Options);

/// <summary>An assessor across the proposal, with the warnings the admin should see before confirming.</summary>
public sealed record BulkAssessorRow(AssessorAllocationSummary Summary, string Email, IReadOnlyList<string> Warnings);

public sealed record BulkAllocationViewModel(
    int? Version,
    int? Organisation,
    IReadOnlyList<FilterOption> Versions,
    IReadOnlyList<FilterOption> Organisations,
    IReadOnlyList<BulkCaseRow> Cases,
    bool More,
    IReadOnlyList<BulkAssessorRow> Assessors,
    IReadOnlyList<string> Problems);
