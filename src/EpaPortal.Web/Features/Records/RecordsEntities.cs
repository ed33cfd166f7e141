using EpaPortal.Domain.Records;

namespace EpaPortal.Web.Features.Records;

public enum ExportStatus
{
    Queued,
    Ready,
    Downloaded,
    Expired,
    Failed,
}

/// <summary>
/// A subject access export an admin asked for: generated in the background into the evidence store as
/// one ZIP, downloadable once (then deleted), or deleted unread when it expires.
/// </summary>
public sealed class SubjectAccessExport
{
    public const int NameMaxLength = 200;
    public const int ReasonMaxLength = 2000;

    private SubjectAccessExport()
    {
        SubjectName = RequestedById = RequestedByName = string.Empty;
    }

    public SubjectAccessExport(string? subjectUserId, int? subjectApprenticeId, string subjectName,
        string requestedById, string requestedByName, DateTimeOffset requestedAt)
    {
        SubjectUserId = subjectUserId;
        SubjectApprenticeId = subjectApprenticeId;
        SubjectName = subjectName;
        RequestedById = requestedById;
        RequestedByName = requestedByName;
        RequestedAt = requestedAt;
        Status = ExportStatus.Queued;
    }

    public int Id { get; private set; }

    /// <summary>The person's account, if they have one.</summary>
    public string? SubjectUserId { get; private set; }

    /// <summary>Their apprentice record, if they are (or were) an apprentice.</summary>
    public int? SubjectApprenticeId { get; private set; }

    public string SubjectName { get; private set; }

    public string RequestedById { get; private set; }

    public string RequestedByName { get; private set; }

    public DateTimeOffset RequestedAt { get; private set; }

    public ExportStatus Status { get; private set; }

    public string? StorageKey { get; private set; }

    public string? Sha256 { get; private set; }

    public long? SizeBytes { get; private set; }

    /// <summary>What the export holds, counted by kind ("3 cases, 12 files, ...").</summary>
    public string? Summary { get; private set; }

    public DateTimeOffset? ReadyAt { get; private set; }

    public DateTimeOffset? ExpiresAt { get; private set; }

    public DateTimeOffset? DownloadedAt { get; private set; }

    public string? DownloadedByName { get; private set; }

    public string? Problem { get; private set; }

    public void MarkReady(string storageKey, string sha256, long sizeBytes, string summary, DateTimeOffset at, DateTimeOffset expiresAt)
    {
        StorageKey = storageKey;
        Sha256 = sha256;
        SizeBytes = sizeBytes;
        Summary = summary;
        ReadyAt = at;
        ExpiresAt = expiresAt;
        Status = ExportStatus.Ready;
    }

    public void MarkDownloaded(string byName, DateTimeOffset at)
    {
        DownloadedAt = at;
        DownloadedByName = byName;
        Status = ExportStatus.Downloaded;
    }

    public void MarkExpired() => Status = ExportStatus.Expired;

    public void MarkFailed(string problem)
    {
        Problem = problem.Length > ReasonMaxLength ? problem[..ReasonMaxLength] : problem;
        Status = ExportStatus.Failed;
    }

    /// <summary>The person was anonymised: the list of exports no longer names them.</summary>
    public void Anonymise(string name) => SubjectName = name;
}

public enum VerificationStatus
{
    Queued,
    Running,
    Intact,
    Broken,
    Failed,
}

/// <summary>One run of the audit trail's verification (asked for on the admin page or by <c>--verify-audit</c>), and what it found.</summary>
public sealed class AuditVerification
{
    public const int TextMaxLength = 20000;

    private AuditVerification()
    {
        RequestedById = RequestedByName = string.Empty;
    }

    public AuditVerification(string requestedById, string requestedByName, string? anchor, DateTimeOffset requestedAt)
    {
        RequestedById = requestedById;
        RequestedByName = requestedByName;
        Anchor = anchor;
        RequestedAt = requestedAt;
        Status = VerificationStatus.Queued;
    }

    public int Id { get; private set; }

    public string RequestedById { get; private set; }

    public string RequestedByName { get; private set; }

    /// <summary>"sequence:hash" noted outside the portal, checked on the way.</summary>
    public string? Anchor { get; private set; }

    public DateTimeOffset RequestedAt { get; private set; }

    public VerificationStatus Status { get; private set; }

    public DateTimeOffset? StartedAt { get; private set; }

    public DateTimeOffset? FinishedAt { get; private set; }

    public long EntriesChecked { get; private set; }

    public int FilesChecked { get; private set; }

    public long HeadSequence { get; private set; }

    public string? HeadHash { get; private set; }

    public int BreakCount { get; private set; }

    /// <summary>The first break, in words (null when intact).</summary>
    public string? FirstBreak { get; private set; }

    /// <summary>Every kept break, one a line.</summary>
    public string? Breaks { get; private set; }

    public void Start(DateTimeOffset at)
    {
        Status = VerificationStatus.Running;
        StartedAt = at;
    }

    public void Finish(AuditVerificationResult result, DateTimeOffset at)
    {
        Status = result.IsIntact ? VerificationStatus.Intact : VerificationStatus.Broken;
        FinishedAt = at;
        EntriesChecked = result.EntriesChecked;
        FilesChecked = result.FilesChecked;
        HeadSequence = result.HeadSequence;
        HeadHash = result.HeadHash;
        BreakCount = result.BreakCount;
        FirstBreak = result.Breaks.Count > 0 ? result.Breaks[0].Description : null;
        var lines = string.Join('\n', result.Breaks.Select(b => b.Description));
        Breaks = lines.Length == 0 ? null : lines.Length > TextMaxLength ? lines[..TextMaxLength] : lines;
    }

    public void Fail(string problem, DateTimeOffset at)
    {
        Status = VerificationStatus.Failed;
        FinishedAt = at;
        FirstBreak = problem.Length > TextMaxLength ? problem[..TextMaxLength] : problem;
    }
}

/// <summary>An admin's choice for one class of the retention schedule (classes without one use the default).</summary>
public sealed class RetentionSetting
{
    private RetentionSetting()
    {
        UpdatedById = UpdatedByName = string.Empty;
    }

    public RetentionSetting(DataClass dataClass, int months, RetentionEvent countedFrom, string updatedById, string updatedByName, DateTimeOffset updatedAt)
    {
        DataClass = dataClass;
        Set(months, countedFrom, updatedById, updatedByName, updatedAt);
        UpdatedById = updatedById;
        UpdatedByName = updatedByName;
    }

    public DataClass DataClass { get; private set; }

    public int Months { get; private set; }

    public RetentionEvent CountedFrom { get; private set; }

    public string UpdatedById { get; private set; }

    public string UpdatedByName { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public RetentionRule ToRule() => new(DataClass, Months, CountedFrom);

    public void Set(int months, RetentionEvent countedFrom, string byId, string byName, DateTimeOffset at)
    {
        Months = months;
        CountedFrom = countedFrom;
        UpdatedById = byId;
        UpdatedByName = byName;
        UpdatedAt = at;
    }
}

public enum RetentionReportStatus
{
    /// <summary>An admin asked for a fresh report; the background job makes it.</summary>
    Requested,

    /// <summary>The dry run: what would be removed, for an admin to read.</summary>
    Proposed,

    /// <summary>An admin approved it; the job carries it out on its next turn.</summary>
    Approved,

    CarriedOut,

    /// <summary>A newer report replaced it before it was approved.</summary>
    Superseded,
}

/// <summary>
/// A dry run of the retention schedule: what is due for removal at <see cref="AsOf"/>, item by item (a class
/// of one case's data, one person, the oldest audit entries, old e-mails), with counts and ids, never content.
/// </summary>
public sealed class RetentionReport
{
    public const int TextMaxLength = 4000;

    private RetentionReport()
    {
        RequestedByName = string.Empty;
    }

    public RetentionReport(DateTimeOffset requestedAt, string requestedByName)
    {
        RequestedAt = requestedAt;
        RequestedByName = requestedByName;
        Status = RetentionReportStatus.Requested;
    }

    public int Id { get; private set; }

    public DateTimeOffset RequestedAt { get; private set; }

    public string RequestedByName { get; private set; }

    public RetentionReportStatus Status { get; private set; }

    /// <summary>The moment the report's decisions were made for.</summary>
    public DateTimeOffset? AsOf { get; private set; }

    /// <summary>The schedule it used, in words.</summary>
    public string? Schedule { get; private set; }

    public int ItemCount { get; private set; }

    /// <summary>Items and records per class, in words.</summary>
    public string? Summary { get; private set; }

    public string? ApprovedByName { get; private set; }

    public DateTimeOffset? ApprovedAt { get; private set; }

    public DateTimeOffset? CarriedOutAt { get; private set; }

    public string? CarriedOutSummary { get; private set; }

    public List<RetentionReportItem> Items { get; private set; } = [];

    public void Complete(DateTimeOffset asOf, string schedule, IReadOnlyList<RetentionReportItem> items, string summary)
    {
        AsOf = asOf;
        Schedule = Trim(schedule);
        Items.AddRange(items);
        ItemCount = items.Count;
        Summary = Trim(summary);
        Status = RetentionReportStatus.Proposed;
    }

    public void Approve(string byName, DateTimeOffset at)
    {
        if (Status != RetentionReportStatus.Proposed)
        {
            throw new InvalidOperationException("Only a proposed report can be approved.");
        }

        ApprovedByName = byName;
        ApprovedAt = at;
        Status = RetentionReportStatus.Approved;
    }

    public void Supersede() => Status = RetentionReportStatus.Superseded;

    public void CarriedOut(string summary, DateTimeOffset at)
    {
        CarriedOutAt = at;
        CarriedOutSummary = Trim(summary);
        Status = RetentionReportStatus.CarriedOut;
    }

    private static string Trim(string text) => text.Length > TextMaxLength ? text[..TextMaxLength] : text;
}

public enum RetentionItemOutcome
{
    Proposed,
    Done,
    Skipped,
}

/// <summary>One line of a retention report.</summary>
public sealed class RetentionReportItem
{
    public const int KeyMaxLength = 450;
    public const int NoteMaxLength = 2000;

    private RetentionReportItem()
    {
        SubjectKey = Description = string.Empty;
    }

    public RetentionReportItem(DataClass dataClass, int? caseId, string subjectKey, int recordCount, DateTimeOffset? dueAt, string description)
    {
        DataClass = dataClass;
        CaseId = caseId;
        SubjectKey = subjectKey;
        RecordCount = recordCount;
        DueAt = dueAt;
        Description = description;
        Outcome = RetentionItemOutcome.Proposed;
    }

    public long Id { get; private set; }

    public int ReportId { get; private set; }

    public DataClass DataClass { get; private set; }

    /// <summary>The case whose data it is (case classes).</summary>
    public int? CaseId { get; private set; }

    /// <summary>What the item is about: the case id, the person (account id or "apprentice:N"), the audit range or the outbox.</summary>
    public string SubjectKey { get; private set; }

    /// <summary>How many records the item removes or anonymises.</summary>
    public int RecordCount { get; private set; }

    public DateTimeOffset? DueAt { get; private set; }

    /// <summary>Counts and ids, no content.</summary>
    public string Description { get; private set; }

    public RetentionItemOutcome Outcome { get; private set; }

    /// <summary>Why it was skipped, or what was done.</summary>
    public string? Note { get; private set; }

    public void Done(string note)
    {
        Outcome = RetentionItemOutcome.Done;
        Note = note.Length > NoteMaxLength ? note[..NoteMaxLength] : note;
    }

    public void Skipped(string note)
    {
        Outcome = RetentionItemOutcome.Skipped;
        Note = note.Length > NoteMaxLength ? note[..NoteMaxLength] : note;
    }
}
