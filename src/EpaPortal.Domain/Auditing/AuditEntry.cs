using EpaPortal.Domain.Evidence;

namespace EpaPortal.Domain.Auditing;

/// <summary>
/// One line of the append-only audit log: who did what, when, to which case, and for state changes
/// the states either side and the reason. Never updated or deleted. Each entry is a link of a hash chain
/// (<see cref="AuditChain"/>): its <see cref="Hash"/> covers its content and the previous entry's hash, so
/// changing, removing or inserting an entry afterwards shows. An entry that records a stored file carries
/// the file's SHA-256 (<see cref="FileSha256"/>), so the chain vouches for the evidence bytes too.
/// </summary>
public class AuditEntry
{
    private AuditEntry()
    {
        Action = ActorId = ActorName = string.Empty;
    }

    public AuditEntry(DateTimeOffset at, string actorId, string actorName, string action, int? caseId, string? fromState, string? toState, string? reason, string? details)
    {
        At = at;
        ActorId = actorId;
        ActorName = actorName;
        Action = action;
        CaseId = caseId;
        FromState = fromState;
        ToState = toState;
        Reason = reason;
        Details = details;
    }

    /// <summary>The entry of an action that moves no case state: who, what, on which case, in words. The one way
    /// entries are made outside the case workflow (through <c>AuditLog</c> for the signed-in user).</summary>
    public static AuditEntry Of(DateTimeOffset at, string actorId, string actorName, string action, int? caseId = null, string? details = null, string? reason = null) =>
        new(at, actorId, actorName, action, caseId, null, null, reason, details);

    /// <summary>The entry of something the portal did itself (a scheduled job, the retention schedule, a stored
    /// file's record): the actor is <see cref="Access.Actor.System"/>.</summary>
    public static AuditEntry BySystem(DateTimeOffset at, string action, int? caseId = null, string? details = null) =>
        Of(at, Access.Actor.System.UserId, Access.Actor.System.DisplayName, action, caseId, details);

    public long Id { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string ActorId { get; private set; }

    public string ActorName { get; private set; }

    /// <summary>A short verb phrase: "StateChanged", "NotesRead", "UserDisabled", ...</summary>
    public string Action { get; private set; }

    public int? CaseId { get; private set; }

    public string? FromState { get; private set; }

    public string? ToState { get; private set; }

    public string? Reason { get; private set; }

    public string? Details { get; private set; }

    /// <summary>The entry's place in the chain (1, 2, 3...), set when it is saved; null only for entries
    /// written before the chain existed and not yet sealed into it.</summary>
    public long? Sequence { get; private set; }

    /// <summary>The hash of the entry before it in the chain (<see cref="AuditChain.Genesis"/> for the first).</summary>
    public string? PreviousHash { get; private set; }

    /// <summary>Lower-case hex SHA-256 of this entry's content and <see cref="PreviousHash"/> (<see cref="AuditChain"/>).</summary>
    public string? Hash { get; private set; }

    /// <summary>The stored file this entry records (an upload), if any.</summary>
    public Guid? FileId { get; private set; }

    /// <summary>The SHA-256 of that file's bytes when it was stored: the chain's word for what the file must hash to.</summary>
    public string? FileSha256 { get; private set; }

    public bool IsSealed => Hash is not null;

    /// <summary>Makes this entry the record of <paramref name="file"/>: the chain then carries its SHA-256.</summary>
    public AuditEntry RecordsFile(StoredFile file) => RecordsFile(file.Id, file.Sha256);

    /// <inheritdoc cref="RecordsFile(StoredFile)"/>
    public AuditEntry RecordsFile(Guid fileId, string sha256)
    {
        EnsureNotSaved();
        FileId = fileId;
        FileSha256 = sha256;
        return this;
    }

    /// <summary>
    /// Links the entry into the chain after the entry whose hash is <paramref name="previousHash"/>. Done by
    /// the data layer as the entry is saved, under the chain's lock. A save that fails and is tried again
    /// seals the entry again at the chain's new end; once saved, an entry is never sealed again.
    /// </summary>
    public void Seal(long sequence, string previousHash)
    {
        EnsureNotSaved();
        if (sequence < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(sequence), sequence, "The chain counts from 1.");
        }

        Sequence = sequence;
        PreviousHash = previousHash;
        Hash = AuditChain.HashOf(this, sequence, previousHash);
    }

    private void EnsureNotSaved()
    {
        if (Id != 0)
        {
            throw new InvalidOperationException("The audit entry is saved: it cannot change.");
        }
    }
}
