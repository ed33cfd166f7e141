using EpaPortal.Web.Features.Employer;

namespace EpaPortal.Web.Features.References;

/// <summary>One grading area of the case's standard version, with the competencies it covers, as a prompt.</summary>
public sealed record ReferenceArea(string Code, string Name, string Description, IReadOnlyList<string> Competencies);

/// <summary>The case and its standard version's areas: what the form is built from.</summary>
public sealed record ReferenceContext(EmployerCaseHeader Header, IReadOnlyList<ReferenceArea> Areas);

public sealed class ReferenceFormViewModel
{
    public required EmployerCaseHeader Header { get; init; }

    public required IReadOnlyList<ReferenceArea> Areas { get; init; }

    public required ReferenceInputModel Input { get; init; }

    public string? LastSavedAt { get; init; }

    /// <summary>Why an admin reopened the submitted reference, while it is a draft again.</summary>
    public string? ReopenReason { get; init; }

    /// <summary>Set when someone else saved the reference first: the form shows theirs, this shows yours.</summary>
    public ReferenceInputModel? UnsavedInput { get; init; }

    public string? ConflictSavedAt { get; init; }
}

/// <summary>A submitted reference, read-only.</summary>
public sealed class ReferenceReadOnlyViewModel
{
    public required EmployerCaseHeader Header { get; init; }

    public required IReadOnlyList<ReferenceSectionView> Sections { get; init; }

    public string? RefereeName { get; init; }

    public string? RefereeJobTitle { get; init; }

    public string? RelationshipToApprentice { get; init; }

    public int? MonthsSupervised { get; init; }

    public string? RefereeEmail { get; init; }

    public bool DeclarationAccepted { get; init; }

    public required bool IsSubmitted { get; init; }

    public string? SubmittedAt { get; init; }

    public string? ReopenReason { get; init; }

    /// <summary>What the employer typed when the reference had been submitted by someone else meanwhile.</summary>
    public ReferenceInputModel? UnsavedInput { get; init; }

    /// <summary>Admin page only: the reopen form.</summary>
    public ReopenReferenceInput? Reopen { get; init; }
}

public sealed record ReferenceSectionView(string AreaName, string? Narrative);

public enum ReferenceSaveStatus
{
    Saved,
    Submitted,

    /// <summary>Someone else saved the reference since the form was loaded.</summary>
    Conflict,

    /// <summary>The reference has been submitted: only an admin can reopen it.</summary>
    ReadOnly,
}
