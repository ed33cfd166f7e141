using EpaPortal.Domain.Cases;
using EpaPortal.Web.Data;
using EpaPortal.Web.Data.AuditTrail;
using EpaPortal.Web.Tests.Assessor;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpaPortal.Web.Tests.Records;

/// <summary>
/// The one-time upgrade of a database written before the audit chain (ADR 18): every stored file that no
/// entry records gets one <see cref="AuditChainBackfill.FileHashRecorded"/> entry, sealed into the chain,
/// a batch at a time, whatever the number of files.
/// </summary>
[Trait(Category.Name, Category.Integration)]
public class AuditChainBackfillTests
{
    [Fact]
    public async Task FilesStoredBeforeTheChain_MoreThanOneBatch_AreEachRecordedOnce_InTheChain()
    {
        using var factory = new PortalFactory();
        await AssessorJourney.CreateCaseAsync(factory, CaseState.ProjectSubmitted);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var source = (await db.StoredFiles.AsNoTracking().OrderBy(f => f.UploadedAt).Select(f => f.Id).FirstAsync()).ToString().ToUpperInvariant();
        var columns = await db.Database.SqlQueryRaw<string>("SELECT name AS Value FROM pragma_table_info('StoredFiles')").ToListAsync();
        var insert = $"INSERT INTO StoredFiles ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) SELECT "
            + string.Join(", ", columns.Select(c => c switch { "Id" => "$id", "StorageKey" => "$key", _ => $"\"{c}\"" }))
            + " FROM StoredFiles WHERE Id = $source";

        // Rows written as before the chain existed (raw SQL: the chain's interceptor never sees them), more than
        // one batch of them: copies of a stored file's record that no audit entry records.
        var legacy = Enumerable.Range(0, 1203).Select(_ => Guid.NewGuid()).ToList();
        foreach (var id in legacy)
        {
            await db.Database.ExecuteSqlRawAsync(insert, new SqliteParameter("$id", id.ToString().ToUpperInvariant()), new SqliteParameter("$key", "legacy/" + id.ToString("N")), new SqliteParameter("$source", source));
        }

        await db.Database.ExecuteSqlRawAsync("UPDATE AuditChainHead SET LegacySealed = 0");
        var before = await db.AuditEntries.CountAsync();

        var (entries, files) = await scope.ServiceProvider.GetRequiredService<AuditChainBackfill>().SealLegacyAsync(CancellationToken.None);

        Assert.Equal((0, legacy.Count), (entries, files));
        var recorded = await db.AuditEntries.AsNoTracking().Where(a => a.Action == AuditChainBackfill.FileHashRecorded && a.FileId != null && legacy.Contains(a.FileId.Value))
            .Select(a => new { FileId = a.FileId!.Value, a.Sequence, a.Hash }).ToListAsync();
        Assert.Equal(legacy.Order(), recorded.Select(r => r.FileId).Order());
        Assert.All(recorded, r => Assert.True(r.Sequence is not null && r.Hash is not null));
        Assert.Equal(before + legacy.Count, await db.AuditEntries.CountAsync());
        var head = await db.AuditChainHeads.AsNoTracking().SingleAsync();
        Assert.True(head.LegacySealed);
        Assert.Equal(await db.AuditEntries.MaxAsync(a => a.Sequence), head.Sequence);

        // Done once: a second start records nothing more.
        Assert.Equal((0, 0), await scope.ServiceProvider.GetRequiredService<AuditChainBackfill>().SealLegacyAsync(CancellationToken.None));
    }
}
