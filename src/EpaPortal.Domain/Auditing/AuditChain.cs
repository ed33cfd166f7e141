using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EpaPortal.Domain.Auditing;

/// <summary>
/// The audit log as a hash chain. Entry n's hash is the SHA-256 of a canonical text of its content, its
/// sequence number and entry n-1's hash, so an entry changed, removed or slipped in afterwards no longer
/// matches the entries after it. The text is versioned and unambiguous: every field is named and
/// length-prefixed, null differs from empty, and the time is in whole milliseconds (what both database
/// providers keep exactly).
/// </summary>
public static class AuditChain
{
    /// <summary>The "previous hash" of the first entry of a chain.</summary>
    public static readonly string Genesis = new('0', 64);

    private const string Version = "epaportal-audit-chain-v1";

    public static string HashOf(AuditEntry entry, long sequence, string previousHash) =>
        HashOf(AuditLink.Of(entry), sequence, previousHash);

    /// <summary>Lower-case hex SHA-256 of the canonical text of <paramref name="link"/>'s content at <paramref name="sequence"/> after <paramref name="previousHash"/>.</summary>
    public static string HashOf(AuditLink link, long sequence, string previousHash)
    {
        var text = new StringBuilder(256 + (link.Details?.Length ?? 0));
        text.Append(Version).Append('\n');
        Field(text, "sequence", sequence.ToString(CultureInfo.InvariantCulture));
        Field(text, "previous", previousHash);
        Field(text, "at", link.At.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        Field(text, "actor-id", link.ActorId);
        Field(text, "actor-name", link.ActorName);
        Field(text, "action", link.Action);
        Field(text, "case", link.CaseId?.ToString(CultureInfo.InvariantCulture));
        Field(text, "from", link.FromState);
        Field(text, "to", link.ToState);
        Field(text, "reason", link.Reason);
        Field(text, "details", link.Details);
        Field(text, "file", link.FileId?.ToString("D", CultureInfo.InvariantCulture));
        Field(text, "file-sha256", link.FileSha256);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static void Field(StringBuilder text, string name, string? value)
    {
        text.Append(name).Append(':');
        if (value is null)
        {
            text.Append('-');
        }
        else
        {
            text.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value);
        }

        text.Append('\n');
    }
}

/// <summary>An audit entry as the chain sees it: its content and its chain fields (what verification reads).</summary>
public sealed record AuditLink(
    long Id,
    long? Sequence,
    string? PreviousHash,
    string? Hash,
    DateTimeOffset At,
    string ActorId,
    string ActorName,
    string Action,
    int? CaseId,
    string? FromState,
    string? ToState,
    string? Reason,
    string? Details,
    Guid? FileId,
    string? FileSha256)
{
    public static AuditLink Of(AuditEntry entry) => new(
        entry.Id, entry.Sequence, entry.PreviousHash, entry.Hash, entry.At, entry.ActorId, entry.ActorName, entry.Action,
        entry.CaseId, entry.FromState, entry.ToState, entry.Reason, entry.Details, entry.FileId, entry.FileSha256);
}

/// <summary>What kind of break verification found.</summary>
public enum AuditBreakKind
{
    /// <summary>An entry's content no longer hashes to its stored hash: it was changed after it was written.</summary>
    ContentChanged,

    /// <summary>An entry's "previous hash" is not the hash of the entry before it: an entry was changed and re-hashed, or replaced.</summary>
    LinkBroken,

    /// <summary>Sequence numbers are missing: entries were removed.</summary>
    EntriesMissing,

    /// <summary>An entry has no place in the chain: it was written past the portal (straight into the database).</summary>
    EntryOutsideChain,

    /// <summary>The chain does not end where its head row says: entries were removed from the end, or the head was changed.</summary>
    HeadMismatch,

    /// <summary>An entry's hash differs from the value anchored outside the portal.</summary>
    AnchorMismatch,

    /// <summary>A stored file is not in the evidence store.</summary>
    FileMissing,

    /// <summary>A stored file's bytes no longer hash to the SHA-256 the chain recorded.</summary>
    FileChanged,

    /// <summary>A file's database record shows a different SHA-256 from the chain's.</summary>
    FileRecordChanged,

    /// <summary>A stored file has no entry in the chain that records its hash.</summary>
    FileNotInChain,
}

/// <summary>One break: where (sequence, entry id or file) and what, in words.</summary>
public sealed record AuditChainBreak(AuditBreakKind Kind, long? Sequence, long? EntryId, Guid? FileId, string Description);

/// <summary>An entry's hash noted outside the portal (a signed report, a ticket): verification checks the chain still agrees.</summary>
public sealed record AuditAnchor(long Sequence, string Hash)
{
    /// <summary>Reads "sequence:hash" (as the admin page and the report print it); null when it is not that.</summary>
    public static AuditAnchor? Parse(string? text)
    {
        var parts = text?.Trim().Split(':', 2);
        if (parts is not [var sequence, var hash]
            || !long.TryParse(sequence.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
        {
            return null;
        }

        hash = hash.Trim().ToLowerInvariant();
        return hash.Length == 64 && hash.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f') ? new AuditAnchor(number, hash) : null;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Sequence}:{Hash}");
}

/// <summary>
/// Walks the chain in sequence order, one entry at a time (so a caller can read it in pages), and keeps
/// every break it meets. After a break it carries on from the entry's stored hash, so one tampered entry
/// is reported once and later, independent breaks are still found.
/// </summary>
public sealed class AuditChainWalk
{
    /// <summary>Breaks kept in full; more are counted.</summary>
    public const int MaxKept = 50;

    private readonly List<AuditChainBreak> _breaks = [];
    private readonly AuditAnchor? _anchor;

    /// <param name="firstSequence">The first entry still kept (1, or later after a retention purge).</param>
    /// <param name="firstPreviousHash">The hash the first kept entry must follow (genesis, or the last purged entry's).</param>
    /// <param name="anchor">An entry hash noted outside the portal, checked on the way.</param>
    public AuditChainWalk(long firstSequence, string firstPreviousHash, AuditAnchor? anchor = null)
    {
        FirstSequence = NextSequence = firstSequence;
        LastHash = firstPreviousHash;
        _anchor = anchor;
    }

    /// <summary>The first entry kept (earlier ones were purged at the end of their retention period).</summary>
    public long FirstSequence { get; }

    /// <summary>The sequence the next entry must have.</summary>
    public long NextSequence { get; private set; }

    /// <summary>The hash of the last entry walked (what the next must follow).</summary>
    public string LastHash { get; private set; }

    public long EntriesChecked { get; private set; }

    public int BreakCount { get; private set; }

    public bool AnchorChecked { get; private set; }

    /// <summary>The anchored entry was purged at the end of its retention period, so it could not be compared.</summary>
    public bool AnchorPurged { get; private set; }

    public IReadOnlyList<AuditChainBreak> Breaks => _breaks;

    public AuditChainBreak? FirstBreak => _breaks.Count > 0 ? _breaks[0] : null;

    /// <summary>Checks the next entry (entries must come in ascending sequence order).</summary>
    public void Visit(AuditLink link)
    {
        if (link.Sequence is not { } sequence || link.Hash is null || link.PreviousHash is null)
        {
            Add(new(AuditBreakKind.EntryOutsideChain, null, link.Id, null, $"Entry {link.Id} ({link.Action}, {link.At:u}) is not in the chain: it was written past the portal."));
            return;
        }

        EntriesChecked++;
        if (sequence > NextSequence)
        {
            var missing = sequence - NextSequence;
            Add(new(AuditBreakKind.EntriesMissing, NextSequence, link.Id,
                null, missing == 1
                    ? $"Entry number {NextSequence} is missing: it was removed (the next entry found is number {sequence}, id {link.Id})."
                    : $"Entries numbered {NextSequence} to {sequence - 1} are missing: {missing} entries were removed (the next entry found is number {sequence}, id {link.Id})."));
        }
        else if (sequence < NextSequence)
        {
            Add(new(AuditBreakKind.LinkBroken, sequence, link.Id, null, $"Entry number {sequence} (id {link.Id}) appears twice or out of order."));
        }
        else if (!string.Equals(link.PreviousHash, LastHash, StringComparison.Ordinal))
        {
            Add(new(AuditBreakKind.LinkBroken, sequence, link.Id, null,
                $"Entry number {sequence} (id {link.Id}) does not follow the entry before it: entry {sequence - 1} or entry {sequence} was changed and its hash recomputed, or replaced."));
        }

        if (!string.Equals(AuditChain.HashOf(link, sequence, link.PreviousHash), link.Hash, StringComparison.Ordinal))
        {
            Add(new(AuditBreakKind.ContentChanged, sequence, link.Id, null,
                $"Entry number {sequence} (id {link.Id}, {link.Action}) was changed after it was written: its content no longer matches its hash."));
        }

        if (_anchor is { } anchor && anchor.Sequence == sequence)
        {
            AnchorChecked = true;
            if (!string.Equals(anchor.Hash, link.Hash, StringComparison.Ordinal))
            {
                Add(new(AuditBreakKind.AnchorMismatch, sequence, link.Id, null,
                    $"Entry number {sequence} (id {link.Id}) no longer has the hash noted outside the portal ({anchor.Hash[..12]}…): the chain up to it was rewritten."));
            }
        }

        NextSequence = Math.Max(NextSequence, sequence + 1);
        LastHash = link.Hash;
    }

    /// <summary>Checks that the chain ends where the head row says (entries removed from the end show here).</summary>
    public void Finish(long headSequence, string headHash)
    {
        var lastSequence = NextSequence - 1;
        if (headSequence != lastSequence || !string.Equals(headHash, LastHash, StringComparison.Ordinal))
        {
            Add(new(AuditBreakKind.HeadMismatch, headSequence, null, null, headSequence > lastSequence
                ? $"The chain ends at entry number {lastSequence} but its head says {headSequence}: the last {headSequence - lastSequence} entries were removed."
                : $"The chain's head (entry number {headSequence}) does not match its last entry (number {lastSequence}): the head or the last entries were changed."));
        }

        if (_anchor is { } anchor && !AnchorChecked)
        {
            if (anchor.Sequence < FirstSequence)
            {
                AnchorPurged = true;
            }
            else
            {
                Add(new(AuditBreakKind.AnchorMismatch, anchor.Sequence, null, null,
                    $"Entry number {anchor.Sequence}, noted outside the portal, is not in the chain any more (the chain holds numbers up to {lastSequence})."));
            }
        }
    }

    /// <summary>Records a break found outside the walk (a file, an entry outside the chain).</summary>
    public void Add(AuditChainBreak found)
    {
        BreakCount++;
        if (_breaks.Count < MaxKept)
        {
            _breaks.Add(found);
        }
    }
}
