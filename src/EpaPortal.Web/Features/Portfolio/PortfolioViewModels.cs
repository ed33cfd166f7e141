using EpaPortal.Domain.Standards;
using EpaPortal.Web.Storage;

namespace EpaPortal.Web.Features.Portfolio;

/// <summary>The portfolio's submission status as everyone sees it.</summary>
public sealed record PortfolioStatus(
    bool Locked,
    string? LockMessage,
    DateTimeOffset? SubmittedAt,
    string? SnapshotHash,
    bool? SnapshotMatches,
    DateTimeOffset? ConfirmedAt,
    string? ConfirmedBy,
    string? ReturnReason);

public sealed record EvidenceItemRow(
    int Id,
    string Title,
    string Description,
    string ProjectName,
    DateOnly WorkDate,
    Guid FileId,
    string FileName,
    long SizeBytes,
    int VersionCount,
    IReadOnlyList<string> CompetencyCodes);

public sealed record PortfolioViewModel(
    int CaseId,
    string ApprenticeName,
    string StandardCode,
    PortfolioStatus Status,
    IReadOnlyList<EvidenceItemRow> Items,
    CoverageViewModel Coverage,
    long StoredBytes,
    long QuotaBytes,
    IReadOnlyList<UploadOutcome> RecentOutcomes)
{
    /// <summary>The apprentice's own editable view (false for the read-only view of employers and staff).</summary>
    public bool Editable { get; init; }
}

public sealed record EvidenceVersionRow(int Number, Guid FileId, string FileName, long SizeBytes, string Sha256, DateTimeOffset UploadedAt, bool IsCurrent);

public sealed record MappedCompetency(int Id, string Code, string Label);

public sealed record EvidenceItemViewModel(
    int CaseId,
    int Id,
    string Title,
    string Description,
    string ProjectName,
    DateOnly WorkDate,
    Guid Version,
    bool Locked,
    string? LockMessage,
    DateTimeOffset? RemovedAt,
    IReadOnlyList<EvidenceVersionRow> Versions,
    IReadOnlyList<MappedCompetency> Mappings);

public sealed record CoverageEvidence(int ItemId, string Title);

public sealed record CoverageRow(int CompetencyId, string Code, string Label, string Description, CompetencyKind Kind, string AreaName, IReadOnlyList<CoverageEvidence> Evidence)
{
    public bool IsGap => Evidence.Count == 0;
}

public sealed record CoverageViewModel(int CaseId, IReadOnlyList<CoverageRow> Rows)
{
    /// <summary>The portfolio's current evidence items.</summary>
    public int EvidenceCount { get; init; }

    public int GapCount => Rows.Count(r => r.IsGap);

    public int CoveredCount => Rows.Count - GapCount;
}

public sealed record UploadPageViewModel(
    string Accept,
    string AllowedTypes,
    int MaxFileMegabytes,
    int MaxFilesPerRequest,
    long RemainingQuotaBytes,
    bool Locked,
    string? LockMessage,
    EvidenceDetailsInput Details);

/// <summary><c>LockMessage</c>: why the portfolio cannot be changed now (the page then shows no form), or null.</summary>
public sealed record EditEvidenceViewModel(int Id, string FileName, EditEvidenceInput Input, string? LockMessage);

public sealed record MappingOption(int Id, string Code, string Label, string Description, CompetencyKind Kind, bool Selected);

/// <summary><c>LockMessage</c>: why the portfolio cannot be changed now (the page then shows no form), or null.</summary>
public sealed record MapEvidenceViewModel(int Id, string Title, Guid Version, IReadOnlyList<MappingOption> Options, string? LockMessage);

/// <summary><c>LockMessage</c>: why the portfolio cannot be changed now (the page then shows no form), or null.</summary>
public sealed record ReplaceEvidenceViewModel(int Id, string Title, string CurrentFileName, int CurrentVersion, string Accept, string AllowedTypes, int MaxFileMegabytes, string? LockMessage);

public sealed record SubmitPortfolioViewModel(int ItemCount, CoverageViewModel Coverage, PortfolioStatus Status, SubmitPortfolioInput Input);

/// <summary>The JSON answer to a scripted upload: one outcome per file.</summary>
public sealed record UploadResponse(IReadOnlyList<UploadOutcome> Files, string? Problem);
