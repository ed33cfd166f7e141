using EpaPortal.Domain.Auditing;

namespace EpaPortal.Web.Data.AuditTrail;

/// <summary>
/// The one row that says where the audit chain ends (its last sequence and hash) and where it starts
/// after retention purges (the first kept sequence and the hash it follows). Every save that adds audit
/// entries locks this row first, inside its transaction, so concurrent writers queue here and never fork
/// the chain (see <see cref="AuditChainInterceptor"/> and docs/decisions/0018-hash-chained-audit-log.md).
/// </summary>
public sealed class AuditChainHead
{
    public const int SingletonId = 1;

    private AuditChainHead()
    {
        Hash = FirstPreviousHash = AuditChain.Genesis;
    }

    public AuditChainHead(int id, long sequence, string hash, long firstSequence, string firstPreviousHash)
    {
        Id = id;
        Sequence = sequence;
        Hash = hash;
        FirstSequence = firstSequence;
        FirstPreviousHash = firstPreviousHash;
    }

    public int Id { get; private set; }

    /// <summary>The last entry's sequence (0 before the first). Also the row's concurrency token.</summary>
    public long Sequence { get; private set; }

    /// <summary>The last entry's hash (<see cref="AuditChain.Genesis"/> before the first).</summary>
    public string Hash { get; private set; }

    /// <summary>The first entry still kept: entries before it were purged at the end of their retention period.</summary>
    public long FirstSequence { get; private set; }

    /// <summary>The hash the first kept entry follows (the last purged entry's, or genesis).</summary>
    public string FirstPreviousHash { get; private set; }

    /// <summary>
    /// Entries and files from before the chain existed have been sealed into it (at the first start-up after
    /// the migration). Until then verification reports them as outside the chain.
    /// </summary>
    public bool LegacySealed { get; private set; }

    /// <summary>When the last entry was written.</summary>
    public DateTimeOffset? LastEntryAt { get; private set; }

    public void Advance(long sequence, string hash, DateTimeOffset? lastEntryAt)
    {
        Sequence = sequence;
        Hash = hash;
        LastEntryAt = lastEntryAt;
    }

    public void MarkLegacySealed() => LegacySealed = true;

    /// <summary>Entries up to <paramref name="lastPurgedSequence"/> are being purged; the chain now starts after it.</summary>
    public void StartAfter(long lastPurgedSequence, string lastPurgedHash)
    {
        FirstSequence = lastPurgedSequence + 1;
        FirstPreviousHash = lastPurgedHash;
    }
}
