namespace EpaPortal.Domain.Evidence;

/// <summary>Why a file was uploaded; decides who may read it.</summary>
public enum FilePurpose
{
    PortfolioEvidence,
    ProjectDeliverable,
    KnowledgeModuleCertificate,
    EnglishMathsEvidence,

    /// <summary>Evidence for a reasonable adjustment (admins and the requester only).</summary>
    AdjustmentEvidence,

    /// <summary>The training provider's supportive action plan for a re-take (issue 19).</summary>
    SupportiveActionPlan,
}

public static class FilePurposes
{
    /// <summary>
    /// Whether the case's evidence downloads (<c>/evidence/files/…</c>) serve a file of this purpose to whoever may
    /// read the case's evidence. Adjustment evidence is not case evidence: it is served only with its adjustment,
    /// to admins and the requester (<see cref="Adjustments.AdjustmentAccess.SeesEvidence"/>).
    /// </summary>
    public static bool IsCaseEvidence(this FilePurpose purpose) => purpose != FilePurpose.AdjustmentEvidence;
}

/// <summary>
/// The record of one stored file: what the uploader called it, what was stored (size, SHA-256) and the
/// random key under which the evidence store keeps its bytes. Files are immutable once stored.
/// </summary>
public class StoredFile
{
    private StoredFile()
    {
        OriginalFileName = ContentType = Sha256 = StorageKey = UploadedById = string.Empty;
    }

    public StoredFile(
        Guid id,
        int caseId,
        FilePurpose purpose,
        string originalFileName,
        string contentType,
        long sizeBytes,
        string sha256,
        string storageKey,
        string uploadedById,
        DateTimeOffset uploadedAt)
    {
        Id = id;
        CaseId = caseId;
        Purpose = purpose;
        OriginalFileName = originalFileName;
        ContentType = contentType;
        SizeBytes = sizeBytes;
        Sha256 = sha256;
        StorageKey = storageKey;
        UploadedById = uploadedById;
        UploadedAt = uploadedAt;
    }

    public Guid Id { get; private set; }

    public int CaseId { get; private set; }

    public FilePurpose Purpose { get; private set; }

    /// <summary>The uploader's file name, cleaned of path and control characters.</summary>
    public string OriginalFileName { get; private set; }

    public string ContentType { get; private set; }

    public long SizeBytes { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the bytes, checked again on every download.</summary>
    public string Sha256 { get; private set; }

    /// <summary>The random name the evidence store uses; never derived from user input.</summary>
    public string StorageKey { get; private set; }

    public string UploadedById { get; private set; }

    public DateTimeOffset UploadedAt { get; private set; }

    /// <summary>Set for gateway evidence: the item of the gateway form it is for ("module-0", "english", "maths"),
    /// so a file the training provider uploads is offered in the employer's form.</summary>
    public string? GatewaySlot { get; set; }

    /// <summary>Set for project deliverables: the project submission they belong to.</summary>
    public int? ProjectSubmissionId { get; set; }

    /// <summary>When the retention schedule removed the bytes; the record (size, SHA-256) stays.</summary>
    public DateTimeOffset? PurgedAt { get; private set; }

    public const string PurgedFileName = "(removed at the end of its retention period)";

    /// <summary>Records that the bytes were deleted at the end of the retention period: the uploader's file name goes too.</summary>
    public void MarkPurged(DateTimeOffset at)
    {
        PurgedAt ??= at;
        OriginalFileName = PurgedFileName;
    }
}
