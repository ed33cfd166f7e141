using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Evidence;
using EpaPortal.Web.Data;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Features.Gateway;
using EpaPortal.Web.Security;
using EpaPortal.Web.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EpaPortal.Web.Features.Provider;

/// <summary>
/// The training provider's supportive action plan as a document (optional, beside the written plan of the re-take
/// it agreed): one file through the same upload path as every evidence file (<see cref="UploadReceiver"/> checks,
/// quota and scan; <see cref="EvidenceFileCommitter"/>), recorded on the case by the domain in the same save.
/// </summary>
public sealed class SupportiveActionPlanUpload(PortalDbContext db, CurrentUser currentUser, TimeProvider clock, CaseWorkflow workflow, CaseCommands commands, EvidenceFileCommitter committer, IOptions<UploadOptions> uploadOptions)
{
    public IUploadTarget Target(CaseSnapshot snapshot)
    {
        // The bytes the case holds and has reserved (Storage/StorageQuota), read with the tracked case: no query.
        var stored = db.Entry(snapshot.Case).Property<long>(StorageQuota.UsedBytesColumn).CurrentValue;
        return new PlanTarget(this, snapshot, uploadOptions.Value.QuotaBytesPerCase - stored);
    }

    private async Task<UploadOutcome> AcceptAsync(CaseSnapshot snapshot, AcceptedFile file, CancellationToken cancellationToken)
    {
        if (!GatewayService.IsDocument(file.Type))
        {
            return UploadOutcome.Refused(file.FileName, $"is a .{file.Type.Extension} file; the plan must be a PDF or an image");
        }

        string? refusal = null;
        try
        {
            await committer.CommitAsync(file, snapshot.Case.Id, FilePurpose.SupportiveActionPlan, currentUser.Id, clock.GetUtcNow(), stored =>
            {
                var outcome = workflow.AttachSupportiveActionPlanDocument(snapshot.Case, commands.Actor, snapshot.Facts.Parties, stored.Id, stored.OriginalFileName);
                if (outcome.Succeeded)
                {
                    db.AuditEntries.Add(outcome.Audit!.ToAuditEntry().RecordsFile(stored));
                }
                else
                {
                    refusal = string.Join(' ', outcome.Problems);
                    throw new InvalidOperationException(refusal);
                }
            }, cancellationToken);
            return new UploadOutcome(file.FileName, true, $"{file.FileName} was attached as your supportive action plan.");
        }
        catch (InvalidOperationException) when (refusal is not null)
        {
            return UploadOutcome.Refused(file.FileName, $"was not attached: {refusal}");
        }
        catch (DbUpdateException)
        {
            return UploadOutcome.Refused(file.FileName, "could not be saved; please try again");
        }
    }

    private sealed class PlanTarget(SupportiveActionPlanUpload upload, CaseSnapshot snapshot, long remaining) : IUploadTarget
    {
        private bool _accepted;

        public int CaseId => snapshot.Case.Id;

        public long RemainingQuotaBytes => remaining;

        public string? CheckBeforeFile(IReadOnlyDictionary<string, string> fields) =>
            _accepted ? "was not used: the plan is one file"
            : CaseWorkflow.SupportiveActionPlanDocumentClosed(snapshot.Case) is { } closed ? $"could not be used: {char.ToLowerInvariant(closed[0])}{closed[1..].TrimEnd('.')}"
            : null;

        public async Task<UploadOutcome> AcceptAsync(AcceptedFile file, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken)
        {
            var outcome = await upload.AcceptAsync(snapshot, file, cancellationToken);
            _accepted |= outcome.Accepted;
            return outcome;
        }
    }
}
