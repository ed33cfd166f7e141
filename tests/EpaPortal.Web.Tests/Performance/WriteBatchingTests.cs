using EpaPortal.Domain.Auditing;
using EpaPortal.Web.Data;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EpaPortal.Web.Tests.Performance;

/// <summary>
/// The writes of one save go to SQLite in batches, as they go to SQL Server in production, so the command
/// budgets count round trips (Data/SqliteBatching).
/// </summary>
[Trait(Category.Name, Category.Performance)]
[Collection(VolumeCollection.Name)]
public class WriteBatchingTests(VolumeFixture volume)
{
    [Fact]
    public async Task ASave_OfManyRows_IsOneCommand_AfterTheAuditChainsLock()
    {
        var probe = Guid.NewGuid().ToString("N");
        await using (var scope = volume.Small.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var now = volume.Small.Clock.GetUtcNow();
            for (var i = 0; i < 20; i++)
            {
                db.AuditEntries.Add(new AuditEntry(now, "batch-test", "Batch test", "BatchTest", null, null, null, null, $"Row {i}"));
            }

            using (CommandRecorder.Scope(probe))
            {
                await db.SaveChangesAsync();
            }
        }

        var commands = volume.Small.Commands.Take(probe);
        // Audit entries are sealed into the hash chain under its lock (ADR 18): that read is the one command
        // before the batch; every row, and the chain head's move, go in the one batch after it.
        Assert.Collection(commands,
            chainLock => Assert.True(chainLock.IsAuditChainLock, chainLock.Sql),
            write => Assert.Equal(20, System.Text.RegularExpressions.Regex.Count(write.Sql, "INSERT INTO \"AuditEntries\"")));
    }
}
