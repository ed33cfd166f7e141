using EpaPortal.Domain.Auditing;

namespace EpaPortal.Web.Data.AuditTrail;

/// <summary>
/// Writes the audit entries of confidential reads (the notes, interview record, judgement and QA pages), the one
/// write those pages make, sealing the entries of every request waiting at that moment into the chain in one
/// transaction (group commit, ADR 27). Each request still returns only after its own entry is committed and
/// sealed, exactly as when it saved alone; what changes is that sixteen readers at once take the chain's lock once
/// instead of sixteen times one after another, each lock held across the round trips of its save.
/// </summary>
/// <remarks>
/// No background service: the first request to arrive when nothing is being written writes the waiting entries
/// (its own among them); entries that arrive while it writes wait for the next batch, which a thread-pool task
/// writes, and so on until none is waiting. A batch that fails fails every request in it (the page shows the error,
/// as a failed save did before) and the next batch is tried afresh.
/// </remarks>
public sealed class ReadAuditWriter
{
    /// <summary>The most entries sealed in one transaction.</summary>
    public const int MaxBatch = 128;

    private readonly Func<IReadOnlyList<AuditEntry>, Task> _write;
    private readonly Lock _gate = new();
    private List<Waiting> _waiting = [];
    private bool _writing;

    public ReadAuditWriter(IServiceScopeFactory scopes)
        : this(entries => SaveAsync(scopes, entries))
    {
    }

    /// <summary>For tests: <paramref name="write"/> stands in for the save of one batch.</summary>
    internal ReadAuditWriter(Func<IReadOnlyList<AuditEntry>, Task> write) => _write = write;

    /// <summary>Completes when <paramref name="entry"/> is committed in the chain; throws if its batch failed.</summary>
    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        var waiting = new Waiting(entry);
        bool lead;
        lock (_gate)
        {
            _waiting.Add(waiting);
            lead = !_writing;
            _writing = true;
        }

        if (lead && await WriteNextAsync() && MoreWaiting())
        {
            // This request's entry is written; the entries that came meanwhile go in the next batch, written
            // off this request so that its response is not held up by others'.
            _ = Task.Run(DrainAsync, CancellationToken.None);
        }

        await waiting.Done.Task.WaitAsync(cancellationToken);
    }

    private bool MoreWaiting()
    {
        lock (_gate)
        {
            if (_waiting.Count > 0)
            {
                return true;
            }

            _writing = false;
            return false;
        }
    }

    private async Task DrainAsync()
    {
        while (await WriteNextAsync() && MoreWaiting())
        {
        }
    }

    // Writes one batch of the waiting entries; false (and no longer writing) when none was waiting.
    private async Task<bool> WriteNextAsync()
    {
        List<Waiting> batch;
        lock (_gate)
        {
            if (_waiting.Count == 0)
            {
                _writing = false;
                return false;
            }

            if (_waiting.Count <= MaxBatch)
            {
                batch = _waiting;
                _waiting = [];
            }
            else
            {
                batch = _waiting[..MaxBatch];
                _waiting.RemoveRange(0, MaxBatch);
            }
        }

        try
        {
            await _write([.. batch.Select(w => w.Entry)]);
            foreach (var waiting in batch)
            {
                waiting.Done.TrySetResult();
            }
        }
#pragma warning disable CA1031 // Every failure goes to the requests of the batch; the writer itself must go on.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            foreach (var waiting in batch)
            {
                waiting.Done.TrySetException(exception);
            }
        }

        return true;
    }

    private static async Task SaveAsync(IServiceScopeFactory scopes, IReadOnlyList<AuditEntry> entries)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.AuditEntries.AddRange(entries);
        // Not cancellable: one reader leaving must not cancel the others' entries.
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private sealed record Waiting(AuditEntry Entry)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
