using EpaPortal.Migrations.SqlServer;
using EpaPortal.Web.Data;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace EpaPortal.Web.Tests.Foundation;

[Trait(Category.Name, Category.Integration)]
public class DatabaseTests
{
    [Fact]
    public void SqliteModel_HasNoChangesWithoutAMigration()
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        DatabaseSetup.Configure(options, DatabaseSetup.SqliteProvider, "Data Source=:memory:");
        using var db = new PortalDbContext(options.Options);
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed: add a SQLite migration (see docs/operations.md).");
    }

    [Fact]
    public void SqlServerModel_HasNoChangesWithoutAMigration()
    {
        using var db = new DesignTimeFactory().CreateDbContext([]);
        Assert.Equal("Microsoft.EntityFrameworkCore.SqlServer", db.Database.ProviderName);
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed: add a SQL Server migration (see docs/operations.md).");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public async Task SqliteConnection_WaitsForTheWriteLockWithSqlitesOwnBusyHandler()
    {
        // ADR 19: without a busy handler a save that finds the write lock taken sleeps 150 ms in the driver.
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        DatabaseSetup.Configure(options, DatabaseSetup.SqliteProvider, "Data Source=:memory:");
        await using var db = new PortalDbContext(options.Options);
        await db.Database.OpenConnectionAsync();

        var timeout = await db.Database.SqlQueryRaw<int>("SELECT timeout AS Value FROM pragma_busy_timeout").SingleAsync();

        Assert.Equal(SqliteConnectionSetup.BusyMilliseconds, timeout);
    }

    [Theory]
    [InlineData(null, 1)] // NORMAL, the default (ADR 25)
    [InlineData("Normal", 1)]
    [InlineData("full", 2)] // FULL: every commit waits for the disk
    public async Task SqliteConnection_CommitsWithTheConfiguredDurability(string? setting, int expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Database:SqliteSynchronous"] = setting }).Build();
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        DatabaseSetup.Configure(options, DatabaseSetup.SqliteProvider, "Data Source=:memory:", DatabaseSetup.Synchronous(configuration));
        await using var db = new PortalDbContext(options.Options);
        await db.Database.OpenConnectionAsync();

        var synchronous = await db.Database.SqlQueryRaw<int>("SELECT synchronous AS Value FROM pragma_synchronous").SingleAsync();

        Assert.Equal(expected, synchronous);
    }

    [Fact]
    public void SqliteSynchronous_RefusesAnUnknownSetting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Database:SqliteSynchronous"] = "Off" }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => DatabaseSetup.Synchronous(configuration));

        Assert.Contains("'Normal' or 'Full'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SqlServer_AllowsThePortalsOwnTransactions()
    {
        // Several saves (invitations, the CSV import, duplicate-safe uploads) open their own transaction;
        // a retrying execution strategy would refuse every one of them at run time on SQL Server.
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        DatabaseSetup.Configure(options, DatabaseSetup.SqlServerProvider, "Server=nowhere;Database=Portal;Integrated Security=true");
        using var db = new PortalDbContext(options.Options);

        Assert.Equal("Microsoft.EntityFrameworkCore.SqlServer", db.Database.ProviderName);
        Assert.False(db.Database.CreateExecutionStrategy().RetriesOnFailure);
    }

    [Fact]
    public async Task Standard_IsSeededOnce_AcrossRestarts()
    {
        string folder;
        using (var first = new PortalFactory { KeepData = true })
        {
            folder = first.DataFolder;
            await AssertSeededOnceAsync(first);
        }

        // A second start on the same database file: nothing is seeded twice.
        using var second = new RestartedFactory(folder);
        await AssertSeededOnceAsync(second);
    }

    [Fact]
    public async Task Standard_St0128_IsSeededExactlyAsTheAssessmentPlan()
    {
        using var factory = new PortalFactory();
        await factory.WithDbAsync(async db =>
        {
            var version = await db.StandardVersions.Include(v => v.Standard).Include(v => v.Competencies).Include(v => v.Areas).Include(v => v.KnowledgeModules).SingleAsync();
            Assert.Equal("ST0128_1.0", version.Code);
            Assert.Equal(13, version.Competencies.Count(c => c.Kind == Domain.Standards.CompetencyKind.Technical));
            Assert.Equal(7, version.Competencies.Count(c => c.Kind == Domain.Standards.CompetencyKind.Behaviour));
            Assert.Equal(["What", "How", "WithWhom"], version.Areas.OrderBy(a => a.Order).Select(a => a.Code));
            Assert.Equal(["C1", "C2", "C4", "C5", "C6", "C13"], version.Competencies.Where(c => c.AreaCode == "What").OrderBy(c => c.Order).Select(c => c.Code));
            Assert.Equal(["C3", "C7", "C8", "C9", "C10", "B1", "B2", "B3", "B4", "B5"], version.Competencies.Where(c => c.AreaCode == "How").OrderBy(c => c.Order).Select(c => c.Code));
            Assert.Equal(["C11", "C12", "B6", "B7"], version.Competencies.Where(c => c.AreaCode == "WithWhom").OrderBy(c => c.Order).Select(c => c.Code));
            Assert.Equal(2, version.KnowledgeModules.Count);
            Assert.Equal(60, version.Settings.InterviewMinutes);
            Assert.Equal(5, version.Settings.ProjectWindowWorkingDays);
            Assert.Equal(20, version.Settings.AppealWindowWorkingDays);
            Assert.Equal(12, version.Settings.MinimumMonthsOnProgramme);
            Assert.Null(version.Settings.ResitGradeCap);
        });
    }

    [Fact]
    public async Task AuditLog_RefusesUpdateAndDelete_InTheDatabase()
    {
        using var factory = new PortalFactory();
        await factory.WithDbAsync(async db =>
        {
            db.AuditEntries.Add(new Domain.Auditing.AuditEntry(DateTimeOffset.UtcNow, "system", "System", "Test", null, null, null, null, null));
            await db.SaveChangesAsync();
            var update = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE AuditEntries SET Reason = 'changed'"));
            Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
            var delete = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM AuditEntries"));
            Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task AuditLog_RefusesUpdate_InTheApplication()
    {
        using var factory = new PortalFactory();
        await factory.WithDbAsync(async db =>
        {
            var entry = new Domain.Auditing.AuditEntry(DateTimeOffset.UtcNow, "system", "System", "Test", null, null, null, null, null);
            db.AuditEntries.Add(entry);
            await db.SaveChangesAsync();
            db.AuditEntries.Remove(entry);
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        });
    }

    private static async Task AssertSeededOnceAsync(PortalFactory factory)
    {
        // Creating a client starts the host, which migrates and seeds.
        using var client = factory.CreatePortalClient();
        await factory.WithDbAsync(async db =>
        {
            Assert.Equal(1, await db.Standards.CountAsync());
            Assert.Equal(1, await db.StandardVersions.CountAsync());
            Assert.Equal(20, await db.Competencies.CountAsync());
            Assert.Equal(3, await db.Organisations.CountAsync());
            Assert.Equal(3, await db.Apprentices.CountAsync());
            Assert.Equal(10, await db.Users.CountAsync());
        });
    }

    private sealed class RestartedFactory(string folder) : PortalFactory(folder);
}
