using System.Collections.Concurrent;
using System.Net;
using EpaPortal.Domain.Auditing;
using EpaPortal.Domain.Cases;
using EpaPortal.Web.Data.AuditTrail;
using EpaPortal.Web.Features.Interviews;
using EpaPortal.Web.Features.Records;
using EpaPortal.Web.Tests.Assessor;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpaPortal.Web.Tests.Records;

/// <summary>
/// The audit of confidential reads is written by group commit (ADR 27): every reader waiting at one moment is
/// sealed into the chain in one transaction, and each request returns only when its own entry is committed.
/// </summary>
public class ReadAuditWriterTests
{
    private static AuditEntry Entry(int n) =>
        new(DateTimeOffset.UnixEpoch.AddSeconds(n), "reader", "Reader", NotesService.NotesRead, n, null, null, null, $"read {n}");

    [Fact]
    [Trait(Category.Name, Category.Unit)]
    public async Task ReadersArrivingWhileABatchIsWritten_AreWrittenTogetherInTheNextBatch_AndEachWaitsForItsOwn()
    {
        var batches = new ConcurrentQueue<IReadOnlyList<AuditEntry>>();
        var firstStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writer = new ReadAuditWriter(async entries =>
        {
            batches.Enqueue(entries);
            if (batches.Count == 1)
            {
                firstStarted.SetResult();
                await releaseFirst.Task;
            }
        });

        var first = writer.AppendAsync(Entry(0), CancellationToken.None);
        await firstStarted.Task;
        var others = Enumerable.Range(1, 5).Select(n => writer.AppendAsync(Entry(n), CancellationToken.None)).ToList();
        await Task.Delay(50);

        Assert.False(first.IsCompleted);
        Assert.All(others, o => Assert.False(o.IsCompleted));
        releaseFirst.SetResult();
        await Task.WhenAll(others.Append(first)).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(2, batches.Count);
        Assert.Equal(["read 0"], batches.First().Select(e => e.Details));
        Assert.Equal(Enumerable.Range(1, 5).Select(n => $"read {n}"), batches.Last().Select(e => e.Details));
    }

    [Fact]
    [Trait(Category.Name, Category.Unit)]
    public async Task ABatchThatFails_FailsItsReaders_AndTheNextReaderIsWrittenAfresh()
    {
        var calls = 0;
        var writer = new ReadAuditWriter(_ => ++calls == 1 ? Task.FromException(new InvalidOperationException("database gone")) : Task.CompletedTask);

        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => writer.AppendAsync(Entry(1), CancellationToken.None));
        await writer.AppendAsync(Entry(2), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("database gone", failed.Message);
        Assert.Equal(2, calls);
    }

    [Fact]
    [Trait(Category.Name, Category.Unit)]
    public async Task ManyMoreReadersThanABatchHolds_AreAllWritten_NoBatchOverTheLimit()
    {
        var written = new ConcurrentBag<string?>();
        var largest = 0;
        var writer = new ReadAuditWriter(async entries =>
        {
            largest = Math.Max(largest, entries.Count);
            await Task.Yield();
            foreach (var entry in entries)
            {
                written.Add(entry.Details);
            }
        });

        await Task.WhenAll(Enumerable.Range(0, 1000).Select(n => Task.Run(() => writer.AppendAsync(Entry(n), CancellationToken.None))))
            .WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1000, written.Distinct().Count());
        Assert.InRange(largest, 1, ReadAuditWriter.MaxBatch);
    }

    [Fact]
    [Trait(Category.Name, Category.Integration)]
    [Trait(Category.Name, Category.Security)]
    public async Task SixteenReadsOfTheJudgementAtOnce_AreSixteenEntries_InOneIntactChain()
    {
        using var factory = new PortalFactory();
        var caseId = (await AssessorJourney.CreateCaseAsync(factory, CaseState.InterviewCompleted)).CaseId;
        using var assessor = await factory.SignInAsync(Demo.Assessor);
        var before = await factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.CaseId == caseId && a.Action == NotesService.NotesRead));

        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => assessor.GetAsync($"/assessor/cases/{caseId}/judgement")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var reads = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.CaseId == caseId && a.Action == NotesService.NotesRead).ToListAsync());
        Assert.Equal(before + 16, reads.Count);
        Assert.All(reads, r => Assert.NotNull(r.Hash));
        await using var scope = factory.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<AuditTrailVerifier>().VerifyAsync(null, CancellationToken.None);
        Assert.True(result.IsIntact, string.Join(Environment.NewLine, result.Breaks.Select(b => b.Description)));
    }
}
