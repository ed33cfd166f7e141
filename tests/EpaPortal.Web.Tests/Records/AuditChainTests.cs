using EpaPortal.Domain.Auditing;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Evidence;
using EpaPortal.Web.Features.Records;
using EpaPortal.Web.Tests.Assessor;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpaPortal.Web.Tests.Records;

/// <summary>
/// The tamper-evident audit trail (issue 22, ADR 18): every entry is sealed into one hash chain as it is saved,
/// concurrent writers never fork it, and the verification finds and locates a row or a file changed behind the
/// portal's back. Each test that tampers uses a portal of its own.
/// </summary>
[Trait(Category.Name, Category.Security)]
[Trait(Category.Name, Category.Integration)]
public class AuditChainTests
{
    private static async Task<AuditVerificationResult> VerifyAsync(PortalFactory factory, AuditAnchor? anchor = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditTrailVerifier>().VerifyAsync(anchor, CancellationToken.None);
    }

    private static async Task<long> AddEntryAsync(PortalFactory factory, string details) =>
        await factory.WithDbAsync(async db =>
        {
            var entry = new AuditEntry(factory.Clock.GetUtcNow(), "test", "Test", "TestEntry", null, null, null, null, details);
            db.AuditEntries.Add(entry);
            await db.SaveChangesAsync();
            return entry.Id;
        });

    [Fact]
    public async Task ThePortalAfterItsDemoData_HasOneIntactChain_WithEveryFileInIt()
    {
        using var factory = new PortalFactory();
        await AssessorJourney.CreateCaseAsync(factory, CaseState.ProjectSubmitted);

        var result = await VerifyAsync(factory);

        Assert.True(result.IsIntact, string.Join(Environment.NewLine, result.Breaks.Select(b => b.Description)));
        Assert.True(result.EntriesChecked > 10);
        Assert.True(result.FilesChecked > 0);
        var unrecorded = await factory.WithDbAsync(db => db.StoredFiles.CountAsync(f => !db.AuditEntries.Any(a => a.FileId == f.Id && a.FileSha256 == f.Sha256)));
        Assert.Equal(0, unrecorded);
    }

    [Fact]
    public async Task SavesFromManyWritersAtOnce_KeepOneChainWithoutAFork()
    {
        using var factory = new PortalFactory();
        var before = await factory.WithDbAsync(db => db.AuditChainHeads.AsNoTracking().Select(h => h.Sequence).SingleAsync());

        await Task.WhenAll(Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                await AddEntryAsync(factory, $"writer {writer} save {i}");
            }
        })));

        var sequences = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Sequence > before).Select(a => a.Sequence!.Value).ToListAsync());
        Assert.Equal(80, sequences.Count);
        Assert.Equal(Enumerable.Range((int)before + 1, 80).Select(n => (long)n), sequences.Order());
        var result = await VerifyAsync(factory);
        Assert.True(result.IsIntact, string.Join(Environment.NewLine, result.Breaks.Select(b => b.Description)));
        Assert.Equal(before + 80, result.HeadSequence);
    }

    [Fact]
    public async Task ASaveRefusedAsAConcurrencyConflict_EndsItsTransaction_AndTheNextSaveOfTheContextIsCommitted()
    {
        // EF reports a conflict through ThrowingConcurrencyException, not SaveChangesFailed: the transaction
        // begun to seal the save's entries must still end, or the context's next save commits into nothing.
        using var factory = new PortalFactory();
        var caseId = (await AssessorJourney.CreateCaseAsync(factory, CaseState.Registered)).CaseId;
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.PortalDbContext>();

        var epaCase = await db.Cases.SingleAsync(c => c.Id == caseId);
        db.Entry(epaCase).Property(c => c.Version).OriginalValue = Guid.NewGuid();
        epaCase.Version = Guid.NewGuid();
        db.AuditEntries.Add(new AuditEntry(factory.Clock.GetUtcNow(), "test", "Test", "TestEntry", caseId, null, null, null, "conflicting save"));
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync());

        Assert.Null(db.Database.CurrentTransaction);
        db.ChangeTracker.Clear();
        var organisation = await db.Organisations.OrderBy(o => o.Id).FirstAsync();
        organisation.Name += " (renamed)";
        await db.SaveChangesAsync();

        var saved = await factory.WithDbAsync(other => other.Organisations.AsNoTracking().Where(o => o.Id == organisation.Id).Select(o => o.Name).SingleAsync());
        Assert.EndsWith(" (renamed)", saved, StringComparison.Ordinal);
        Assert.True((await VerifyAsync(factory)).IsIntact);
    }

    [Fact]
    public async Task AnAuditRowEditedInTheDatabase_IsFoundAndLocatedByTheVerification()
    {
        using var factory = new PortalFactory();
        var target = await AddEntryAsync(factory, "grade released to the apprentice");
        await AddEntryAsync(factory, "a later entry");
        var number = await factory.WithDbAsync(db => db.AuditEntries.Where(a => a.Id == target).Select(a => a.Sequence!.Value).SingleAsync());
        Assert.True((await VerifyAsync(factory)).IsIntact);

        // A database operator can do what the portal cannot: drop the append-only trigger and rewrite a row.
        await factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "DROP TRIGGER AuditEntries_NoUpdate; UPDATE AuditEntries SET Details = 'nothing happened' WHERE Id = {0};", target));

        var result = await VerifyAsync(factory);

        Assert.False(result.IsIntact);
        var found = Assert.Single(result.Breaks);
        Assert.Equal(AuditBreakKind.ContentChanged, found.Kind);
        Assert.Equal(target, found.EntryId);
        Assert.Equal(number, found.Sequence);
    }

    [Fact]
    public async Task AnAuditRowDeletedInTheDatabase_IsFoundAsAMissingNumber()
    {
        using var factory = new PortalFactory();
        var target = await AddEntryAsync(factory, "to be removed");
        await AddEntryAsync(factory, "after it");
        var number = await factory.WithDbAsync(db => db.AuditEntries.Where(a => a.Id == target).Select(a => a.Sequence!.Value).SingleAsync());

        await factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DROP TRIGGER AuditEntries_NoDelete; DELETE FROM AuditEntries WHERE Id = {0};", target));

        var result = await VerifyAsync(factory);
        Assert.Equal(AuditBreakKind.EntriesMissing, result.Breaks[0].Kind);
        Assert.Equal(number, result.Breaks[0].Sequence);
    }

    [Fact]
    public async Task AnEvidenceFileChangedInTheStore_IsFoundAndLocated()
    {
        using var factory = new PortalFactory();
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.GatewaySubmitted);
        var file = await factory.WithDbAsync(db => db.StoredFiles.AsNoTracking().Where(f => f.CaseId == testCase.CaseId && f.Purpose == FilePurpose.PortfolioEvidence).OrderBy(f => f.UploadedAt).FirstAsync());
        var path = Path.Combine(factory.DataFolder, "evidence", file.StorageKey[..2], file.StorageKey);
        Assert.True(File.Exists(path));

        await File.AppendAllTextAsync(path, "one more line");

        var result = await VerifyAsync(factory);
        var found = Assert.Single(result.Breaks);
        Assert.Equal(AuditBreakKind.FileChanged, found.Kind);
        Assert.Equal(file.Id, found.FileId);
    }

    [Fact]
    public async Task AChainRewrittenFromTheStart_IsCaughtByTheAnchorNotedOutsideThePortal()
    {
        using var factory = new PortalFactory();
        await AddEntryAsync(factory, "anchored");
        var head = await factory.WithDbAsync(db => db.AuditChainHeads.AsNoTracking().SingleAsync());
        var anchor = new AuditAnchor(head.Sequence, head.Hash);
        Assert.True((await VerifyAsync(factory, anchor)).IsIntact);

        // Rewrite the anchored entry and every hash after it consistently (what only an insider could do).
        await factory.WithDbAsync(async db =>
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER AuditEntries_NoUpdate;");
            var entry = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Sequence == head.Sequence);
            var forged = AuditLink.Of(entry) with { Details = "forged" };
            var hash = AuditChain.HashOf(forged, head.Sequence, entry.PreviousHash!);
            await db.Database.ExecuteSqlRawAsync("UPDATE AuditEntries SET Details = 'forged', Hash = {0} WHERE Id = {1};", hash, entry.Id);
            await db.Database.ExecuteSqlRawAsync("UPDATE AuditChainHead SET Hash = {0};", hash);
        });
        Assert.True((await VerifyAsync(factory)).IsIntact);

        var result = await VerifyAsync(factory, anchor);
        Assert.Contains(result.Breaks, b => b.Kind == AuditBreakKind.AnchorMismatch && b.Sequence == head.Sequence);
    }

    [Fact]
    public async Task TheChainPage_ShowsTheHeadToAnchor_AndAVerificationItRan()
    {
        using var factory = new PortalFactory();
        using var admin = await factory.SignInAsync(Demo.Admin);
        var head = await factory.WithDbAsync(db => db.AuditChainHeads.AsNoTracking().SingleAsync());

        var (response, page) = await admin.GetPageAsync("/admin/audit/chain");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(head.Hash, page.Body!.TextContent, StringComparison.Ordinal);

        var posted = await admin.SubmitFormAsync("/admin/audit/chain", new Dictionary<string, string>(), "form#verify-form");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, posted.StatusCode);
        await factory.Services.GetRequiredService<RecordsJobs>().RunQueueAsync(CancellationToken.None);
        var (verified, result) = await admin.GetPageAsync(posted.Headers.Location!.OriginalString);
        Assert.Equal(System.Net.HttpStatusCode.OK, verified.StatusCode);
        Assert.Contains("intact", result.Body!.TextContent, StringComparison.OrdinalIgnoreCase);
    }
}
