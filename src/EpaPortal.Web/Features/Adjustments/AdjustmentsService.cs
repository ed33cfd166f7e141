using EpaPortal.Domain.Adjustments;
using EpaPortal.Domain.Evidence;
using EpaPortal.Web.Data;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Security;
using EpaPortal.Web.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EpaPortal.Web.Features.Adjustments;

/// <summary>What became of an edit of an adjustment.</summary>
public enum AdjustmentEditStatus
{
    Saved,
    NotFound,
    Refused,
    Conflict,
}

public sealed record AdjustmentEditResult(AdjustmentEditStatus Status, IReadOnlyList<string> Problems)
{
    public static AdjustmentEditResult Saved { get; } = new(AdjustmentEditStatus.Saved, []);

    public static AdjustmentEditResult Missing { get; } = new(AdjustmentEditStatus.NotFound, []);

    public static AdjustmentEditResult Conflict { get; } = new(AdjustmentEditStatus.Conflict,
        ["The adjustment was changed by someone else after you opened this page, so your changes were not saved. What you typed is still on the form; check the adjustment as it is now and save again."]);

    public static AdjustmentEditResult Refused(params string[] problems) => new(AdjustmentEditStatus.Refused, problems);
}

/// <summary>
/// The reasonable adjustments register (issue 18, item 6): recording an adjustment of a case with its evidence,
/// editing a request, approving or refusing it with a reason, amending an approved one, every change audited.
/// Who may change what is the domain's rule (<see cref="AdjustmentAccess"/>). Approved adjustments change the
/// case's timings through <see cref="ScheduleAdjustment"/> (read by <c>CaseFactsLoader</c> and <c>CaseAccess</c>).
/// The evidence is stored through the evidence store with every upload check, as <see cref="FilePurpose.AdjustmentEvidence"/>,
/// which the case's evidence downloads never serve: only <see cref="EvidenceAsync"/>, to admins and the requester.
/// </summary>
public sealed class AdjustmentsService(
    PortalDbContext db,
    CurrentUser user,
    TimeProvider clock,
    AuditLog audit,
    EvidenceFileCommitter committer,
    IOptions<UploadOptions> uploadOptions)
{
    public const string AdjustmentRecorded = "AdjustmentRecorded";
    public const string AdjustmentDecided = "AdjustmentDecided";
    public const string AdjustmentEdited = "AdjustmentEdited";
    public const string AdjustmentAmended = "AdjustmentAmended";
    public const string AdjustmentEvidenceUploaded = "AdjustmentEvidenceUploaded";

    /// <summary>Evidence of a need is a document: a letter or report as PDF or Word, or a scan or photo of it.</summary>
    private static readonly HashSet<string> EvidenceExtensions = new(["pdf", "doc", "docx", "png", "jpg", "jpeg"], StringComparer.Ordinal);

    public string Accept => string.Join(',', FileTypes.Allowed(uploadOptions.Value).Where(t => EvidenceExtensions.Contains(t.Extension)).Select(t => "." + t.Extension));

    public static string EvidenceUrl(int caseId, int adjustmentId) => $"/cases/{caseId}/adjustments/{adjustmentId}/evidence";

    public async Task<AdjustmentsViewModel> PageAsync(CaseAccessInfo header, AdjustmentInput? input, int? decidingId, AdjustmentDecisionInput? decision, CancellationToken cancellationToken, IReadOnlyList<string>? fileMessages = null, string? keptEvidenceName = null)
    {
        var rows = await RowsAsync(header, null, cancellationToken);
        return new AdjustmentsViewModel(header, rows, input ?? new AdjustmentInput { ExtraProjectWorkingDays = 0, ExtraInterviewMinutes = 0 }, decidingId, decision ?? new AdjustmentDecisionInput())
        {
            FileMessages = fileMessages ?? [],
            KeptEvidenceName = keptEvidenceName,
            Accept = Accept,
        };
    }

    /// <summary>The edit page of one adjustment, or null when the case has no such adjustment or the user may not change it.</summary>
    public async Task<AdjustmentEditViewModel?> EditPageAsync(CaseAccessInfo header, int adjustmentId, AdjustmentInput? input, string postUrl, string backUrl, CancellationToken cancellationToken, IReadOnlyList<string>? fileMessages = null, string? keptEvidenceName = null)
    {
        var row = (await RowsAsync(header, adjustmentId, cancellationToken)).SingleOrDefault();
        if (row is null || row.Change == AdjustmentChange.None)
        {
            return null;
        }

        input ??= new AdjustmentInput
        {
            Type = row.Type,
            Details = row.Details,
            ExtraProjectWorkingDays = row.ExtraProjectWorkingDays,
            ExtraInterviewMinutes = row.ExtraInterviewMinutes,
            Summary = row.Summary,
            Version = row.Version,
        };
        return new AdjustmentEditViewModel(header, row, input, postUrl, backUrl)
        {
            FileMessages = fileMessages ?? [],
            KeptEvidenceName = keptEvidenceName,
            Accept = Accept,
        };
    }

    /// <summary>Receives the form's one evidence file (the bytes the case may still store are read in one command).</summary>
    public async Task<AdjustmentEvidenceTarget> UploadTargetAsync(int caseId, CancellationToken cancellationToken)
    {
        var stored = await db.Cases.AsNoTracking().Where(c => c.Id == caseId)
            .Select(c => EF.Property<long>(c, StorageQuota.UsedBytesColumn)).SingleAsync(cancellationToken);
        return new AdjustmentEvidenceTarget(this, caseId, uploadOptions.Value.QuotaBytesPerCase - stored);
    }

    /// <summary>
    /// The evidence the form refers to from an earlier try: only a file this user uploaded as adjustment evidence of
    /// this case and that no adjustment uses yet (a tampered id is dropped, with a message). Its name, or null.
    /// </summary>
    public async Task<(Guid? FileId, string? FileName, string? Problem)> CheckKeptEvidenceAsync(int caseId, Guid? fileId, CancellationToken cancellationToken)
    {
        if (fileId is not { } id)
        {
            return (null, null, null);
        }

        var name = await db.StoredFiles.AsNoTracking()
            .Where(f => f.Id == id && f.CaseId == caseId && f.Purpose == FilePurpose.AdjustmentEvidence && f.UploadedById == user.Id
                        && !db.ReasonableAdjustments.Any(a => a.EvidenceFileId == f.Id))
            .Select(f => f.OriginalFileName)
            .FirstOrDefaultAsync(cancellationToken);
        return name is null ? (null, null, "The evidence file uploaded earlier was not found; choose it again.") : (id, name, null);
    }

    public async Task RecordAsync(int caseId, AdjustmentInput input, Guid? evidenceFileId, CancellationToken cancellationToken)
    {
        var adjustment = new ReasonableAdjustment(caseId, input.Type!.Value, input.Details!, input.ExtraProjectWorkingDays ?? 0, input.ExtraInterviewMinutes ?? 0, user.Id, clock.GetUtcNow());
        if (evidenceFileId is { } fileId)
        {
            adjustment.AttachEvidence(fileId);
        }

        db.ReasonableAdjustments.Add(adjustment);
        audit.Add(AdjustmentRecorded, caseId, $"{ReasonableAdjustment.TypeName(adjustment.Type)}: {adjustment.Effect}" + (evidenceFileId is null ? "; no evidence" : "; with evidence"));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Approves or refuses; false when the case has no such adjustment.</summary>
    public async Task<bool> DecideAsync(int caseId, int adjustmentId, AdjustmentDecisionInput input, CancellationToken cancellationToken)
    {
        var adjustment = await db.ReasonableAdjustments.FirstOrDefaultAsync(a => a.Id == adjustmentId && a.CaseId == caseId, cancellationToken);
        if (adjustment is null)
        {
            return false;
        }

        adjustment.Decide(input.Approve!.Value, input.Reason!, user.Id, clock.GetUtcNow(), input.Summary ?? string.Empty);
        audit.Add(AdjustmentDecided, caseId, $"{ReasonableAdjustment.TypeName(adjustment.Type)} ({adjustment.Effect}) {(adjustment.Status == AdjustmentStatus.Approved ? "approved" : "refused")}", adjustment.DecisionReason);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Edits a request awaiting a decision (its requester or an admin) or amends an approved adjustment (an admin,
    /// with a reason), as the domain allows this user (<see cref="AdjustmentAccess.ChangeOf"/>); audited with the
    /// values before and after. A new evidence file replaces the earlier one (which stays stored).
    /// </summary>
    public async Task<AdjustmentEditResult> EditAsync(CaseAccessInfo header, int adjustmentId, AdjustmentInput input, Guid? evidenceFileId, CancellationToken cancellationToken)
    {
        var adjustment = await db.ReasonableAdjustments.FirstOrDefaultAsync(a => a.Id == adjustmentId && a.CaseId == header.CaseId, cancellationToken);
        if (adjustment is null)
        {
            return AdjustmentEditResult.Missing;
        }

        var change = AdjustmentAccess.ChangeOf(header.Relation, user.Id, adjustment);
        if (change == AdjustmentChange.None)
        {
            return adjustment.Status == AdjustmentStatus.Requested || !AdjustmentAccess.SeesEvidence(header.Relation, user.Id, adjustment)
                ? AdjustmentEditResult.Missing
                : header.Relation.HasFlag(Domain.Access.CaseRelation.Admin)
                    ? AdjustmentEditResult.Refused("A refused adjustment is changed by deciding it again on the register.")
                    : AdjustmentEditResult.Refused("The adjustment has been decided, so it can no longer be edited here. Ask the assessment organisation to amend it.");
        }

        if (change == AdjustmentChange.Amend && string.IsNullOrWhiteSpace(input.Reason))
        {
            return AdjustmentEditResult.Refused("Give the reason for amending an approved adjustment (it is kept in the case record).");
        }

        if (input.Version is { } version)
        {
            db.Entry(adjustment).Property(a => a.Version).OriginalValue = version;
        }

        var before = $"{ReasonableAdjustment.TypeName(adjustment.Type)} ({adjustment.Effect})";
        if (change == AdjustmentChange.Amend)
        {
            adjustment.Amend(input.Type!.Value, input.Details!, input.ExtraProjectWorkingDays ?? 0, input.ExtraInterviewMinutes ?? 0, input.Summary, input.Reason!, user.Id, clock.GetUtcNow());
        }
        else
        {
            adjustment.EditRequest(input.Type!.Value, input.Details!, input.ExtraProjectWorkingDays ?? 0, input.ExtraInterviewMinutes ?? 0);
        }

        if (evidenceFileId is { } fileId)
        {
            adjustment.AttachEvidence(fileId);
        }

        var after = $"{ReasonableAdjustment.TypeName(adjustment.Type)} ({adjustment.Effect})";
        audit.Add(change == AdjustmentChange.Amend ? AdjustmentAmended : AdjustmentEdited, header.CaseId,
            $"{before} changed to {after}" + (evidenceFileId is null ? string.Empty : "; new evidence"),
            change == AdjustmentChange.Amend ? adjustment.AmendmentReason : null);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return AdjustmentEditResult.Saved;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return AdjustmentEditResult.Conflict;
        }
    }

    /// <summary>The evidence file of an adjustment, only for those who may see it (admins and the requester); null otherwise.</summary>
    public async Task<StoredFile?> EvidenceAsync(CaseAccessInfo header, int adjustmentId, CancellationToken cancellationToken)
    {
        var found = await (
                from a in db.ReasonableAdjustments.AsNoTracking()
                join f in db.StoredFiles.AsNoTracking() on a.EvidenceFileId equals f.Id
                where a.Id == adjustmentId && a.CaseId == header.CaseId && f.CaseId == header.CaseId
                select new { Adjustment = a, File = f })
            .FirstOrDefaultAsync(cancellationToken);
        return found is not null && AdjustmentAccess.SeesEvidence(header.Relation, user.Id, found.Adjustment) ? found.File : null;
    }

    internal async Task<(UploadOutcome Outcome, Guid? FileId, string? FileName)> AcceptFileAsync(int caseId, AcceptedFile file, CancellationToken cancellationToken)
    {
        if (!EvidenceExtensions.Contains(file.Type.Extension))
        {
            return (UploadOutcome.Refused(file.FileName, $"is a .{file.Type.Extension} file; evidence must be a PDF, a Word document or an image ({Accept})"), null, null);
        }

        try
        {
            // The file's record says only that evidence was uploaded: what it shows stays in the file.
            var stored = await committer.CommitAsync(file, caseId, FilePurpose.AdjustmentEvidence, user.Id, clock.GetUtcNow(), stored =>
                audit.Add(AdjustmentEvidenceUploaded, caseId, $"Evidence for a reasonable adjustment ({stored.SizeBytes} bytes, SHA-256 {stored.Sha256})").RecordsFile(stored), cancellationToken);
            return (new UploadOutcome(file.FileName, true, $"{file.FileName} was uploaded as the evidence."), stored.Id, stored.OriginalFileName);
        }
        catch (DbUpdateException)
        {
            return (UploadOutcome.Refused(file.FileName, "could not be saved; please try again"), null, null);
        }
    }

    private async Task<List<AdjustmentRow>> RowsAsync(CaseAccessInfo header, int? onlyId, CancellationToken cancellationToken)
    {
        var query = db.ReasonableAdjustments.AsNoTracking().Where(a => a.CaseId == header.CaseId);
        if (onlyId is { } id)
        {
            query = query.Where(a => a.Id == id);
        }

        var adjustments = await (
                from a in query
                join f in db.StoredFiles.AsNoTracking() on a.EvidenceFileId equals (Guid?)f.Id into files
                from f in files.DefaultIfEmpty()
                orderby a.Id
                select new { Adjustment = a, FileName = f == null ? null : f.OriginalFileName, FileSize = f == null ? 0 : f.SizeBytes })
            .ToListAsync(cancellationToken);
        return adjustments.Select(x =>
            {
                var a = x.Adjustment;
                var sees = AdjustmentAccess.SeesEvidence(header.Relation, user.Id, a);
                return new AdjustmentRow(
                    a.Id, a.Type, sees ? a.Details : null, a.ExtraProjectWorkingDays, a.ExtraInterviewMinutes, a.Status, a.DecisionReason, a.RequestedAt, a.DecidedAt,
                    a.Summary,
                    sees && x.FileName is not null ? new AdjustmentEvidence(x.FileName, x.FileSize, EvidenceUrl(header.CaseId, a.Id)) : null,
                    AdjustmentAccess.ChangeOf(header.Relation, user.Id, a),
                    a.AmendmentReason, a.AmendedAt)
                { Version = a.Version };
            })
            .ToList();
    }
}

/// <summary>The adjustment form's one evidence file: stored when it passes every upload check, then named by the form.</summary>
public sealed class AdjustmentEvidenceTarget(AdjustmentsService service, int caseId, long remaining) : IUploadTarget
{
    public int CaseId => caseId;

    public long RemainingQuotaBytes => remaining;

    public Guid? StoredFileId { get; private set; }

    public string? StoredFileName { get; private set; }

    public string? CheckBeforeFile(IReadOnlyDictionary<string, string> fields) =>
        StoredFileId is null ? null : "was not used: only one evidence file can be sent with an adjustment (put several pages in one PDF)";

    public async Task<UploadOutcome> AcceptAsync(AcceptedFile file, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken)
    {
        var (outcome, fileId, fileName) = await service.AcceptFileAsync(caseId, file, cancellationToken);
        StoredFileId = fileId;
        StoredFileName = fileName;
        return outcome;
    }
}
