using EpaPortal.Domain.Evidence;
using EpaPortal.Web.Data;

namespace EpaPortal.Web.Storage;

/// <summary>
/// Makes an accepted upload permanent: the file is renamed into place first, then its <see cref="StoredFile"/>
/// row and the rows that use it are saved in one <c>SaveChanges</c>. If the save fails the file is deleted
/// again, so either both survive or neither does; a crash between the two leaves a file with no row, which
/// the sweep removes.
/// </summary>
public sealed class EvidenceFileCommitter(PortalDbContext db, IEvidenceStore store, ILogger<EvidenceFileCommitter> logger)
{
    public async Task<StoredFile> CommitAsync(
        AcceptedFile accepted,
        int caseId,
        FilePurpose purpose,
        string uploadedById,
        DateTimeOffset at,
        Action<StoredFile> addRows,
        CancellationToken cancellationToken)
    {
        var key = await store.CommitAsync(accepted.Staged, cancellationToken);
        var file = new StoredFile(Guid.NewGuid(), caseId, purpose, accepted.FileName, accepted.Type.ContentType, accepted.Staged.Length, accepted.Staged.Sha256, key, uploadedById, at);
        try
        {
            db.StoredFiles.Add(file);
            addRows(file);

            // Not cancellable: once the file is in place, the save either completes or is undone below.
            await db.SaveChangesAsync(CancellationToken.None);
            Infrastructure.PortalTelemetry.UploadStored(purpose.ToString(), file.SizeBytes);
            return file;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Saving the record of {FileName} failed; its stored file is removed.", accepted.FileName);
            await store.DeleteAsync(key, CancellationToken.None);
            db.ChangeTracker.Clear();
            throw;
        }
    }
}
