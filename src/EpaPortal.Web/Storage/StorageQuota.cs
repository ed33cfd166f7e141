using EpaPortal.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EpaPortal.Web.Storage;

/// <summary>
/// The per-case storage quota, kept as a counter on the case (<see cref="UsedBytesColumn"/>: the bytes of
/// its stored files plus those being stored now). A file is stored only after its size is reserved by one
/// conditional UPDATE, which the database applies to the case row one request at a time, so parallel
/// uploads can never take a case over its quota; a reservation whose file is then not kept is released.
/// </summary>
public sealed class StorageQuota(PortalDbContext db, IOptions<UploadOptions> options)
{
    /// <summary>The shadow column of Cases that holds the bytes stored and reserved.</summary>
    public const string UsedBytesColumn = "StorageBytes";

    /// <summary>Reserves <paramref name="bytes"/> for the case if they fit in its quota; false when they do not.</summary>
    public async Task<bool> TryReserveAsync(int caseId, long bytes, CancellationToken cancellationToken)
    {
        var quota = options.Value.QuotaBytesPerCase;
        var reserved = await db.Cases
            .Where(c => c.Id == caseId && EF.Property<long>(c, UsedBytesColumn) + bytes <= quota)
            .ExecuteUpdateAsync(s => s.SetProperty(c => EF.Property<long>(c, UsedBytesColumn), c => EF.Property<long>(c, UsedBytesColumn) + bytes), cancellationToken);
        return reserved == 1;
    }

    /// <summary>Gives back a reservation whose file was not kept, or the space of a file that was removed.</summary>
    public Task ReleaseAsync(int caseId, long bytes) =>
        db.Cases.Where(c => c.Id == caseId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => EF.Property<long>(c, UsedBytesColumn), c => EF.Property<long>(c, UsedBytesColumn) - bytes), CancellationToken.None);

    /// <summary>Counts a file stored outside the upload path (scenario data) without checking the quota.</summary>
    public Task AddAsync(int caseId, long bytes, CancellationToken cancellationToken) =>
        db.Cases.Where(c => c.Id == caseId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => EF.Property<long>(c, UsedBytesColumn), c => EF.Property<long>(c, UsedBytesColumn) + bytes), cancellationToken);
}
