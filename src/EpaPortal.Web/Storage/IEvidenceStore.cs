namespace EpaPortal.Web.Storage;

/// <summary>
/// Keeps evidence bytes. An upload is streamed to a temporary file (or staged blob) and hashed on the way
/// (<see cref="StageAsync"/>), checked by the caller, then moved atomically into place under a random key
/// (<see cref="CommitAsync"/>). The caller saves the database row after the commit and deletes the file
/// again if the save fails; the sweep removes what a crash leaves between the two. Two implementations
/// pass the same test suite: <see cref="FileSystemEvidenceStore"/> and <see cref="AzureBlobEvidenceStore"/>.
/// </summary>
public interface IEvidenceStore
{
    /// <summary>
    /// Copies <paramref name="source"/> to a temporary file while computing its SHA-256. Stops writing once
    /// more than <paramref name="maxBytes"/> have arrived (the rest of the source is left unread) and
    /// reports it in <see cref="StagedFile.TooLarge"/>. Dispose the result to delete the temporary file.
    /// </summary>
    Task<StagedFile> StageAsync(Stream source, long maxBytes, CancellationToken cancellationToken);

    /// <summary>Moves a staged file into place atomically under a new random storage key and returns the key.</summary>
    Task<string> CommitAsync(StagedFile staged, CancellationToken cancellationToken);

    /// <summary>Opens a stored file after checking its bytes still hash to <paramref name="expectedSha256"/>.</summary>
    Task<StoredFileRead> OpenVerifiedAsync(string storageKey, string expectedSha256, CancellationToken cancellationToken);

    /// <summary>Deletes a stored file (used when the database save after a commit fails). Missing is fine.</summary>
    Task DeleteAsync(string storageKey, CancellationToken cancellationToken);

    /// <summary>Deletes temporary files last written before <paramref name="olderThan"/>; returns how many.</summary>
    Task<int> SweepTemporaryAsync(DateTimeOffset olderThan, CancellationToken cancellationToken);

    /// <summary>Every committed file with its last write time (for the orphan sweep).</summary>
    IAsyncEnumerable<StoredObject> ListAsync(CancellationToken cancellationToken);

    /// <summary>Throws when the store cannot be reached or used (the readiness check).</summary>
    Task CheckAvailableAsync(CancellationToken cancellationToken);
}

/// <summary>A committed file as the store lists it.</summary>
public sealed record StoredObject(string StorageKey, long Length, DateTimeOffset LastWrite);

public enum StoredFileReadStatus
{
    Ok,
    Missing,
    HashMismatch,
}

/// <summary>The outcome of opening a stored file: its content only when the hash matched.</summary>
public sealed class StoredFileRead : IAsyncDisposable, IDisposable
{
    private StoredFileRead(StoredFileReadStatus status, Stream? content)
    {
        Status = status;
        Content = content;
    }

    public StoredFileReadStatus Status { get; }

    /// <summary>Positioned at the start; only set when <see cref="Status"/> is <see cref="StoredFileReadStatus.Ok"/>.</summary>
    public Stream? Content { get; }

    public static StoredFileRead Ok(Stream content) => new(StoredFileReadStatus.Ok, content);

    public static StoredFileRead Failed(StoredFileReadStatus status) => new(status, null);

    public void Dispose() => Content?.Dispose();

    public ValueTask DisposeAsync() => Content?.DisposeAsync() ?? ValueTask.CompletedTask;
}

/// <summary>
/// An upload written to a temporary file: its length, SHA-256 and first bytes (for the signature check).
/// Disposing it deletes the temporary file unless it has been committed.
/// </summary>
public abstract class StagedFile : IAsyncDisposable
{
    /// <summary>How many leading bytes <see cref="Header"/> keeps.</summary>
    public const int HeaderLength = 4096;

    /// <summary>Bytes written (at most the limit plus one buffer when <see cref="TooLarge"/>).</summary>
    public long Length { get; protected init; }

    /// <summary>Lower-case hex SHA-256 of the bytes written.</summary>
    public string Sha256 { get; protected init; } = string.Empty;

    /// <summary>The first bytes of the file (up to <see cref="HeaderLength"/>).</summary>
    public ReadOnlyMemory<byte> Header { get; protected init; }

    /// <summary>The source had more than the allowed bytes; the file is incomplete and must not be committed.</summary>
    public bool TooLarge { get; protected init; }

    /// <summary>Reads the staged bytes (for checks that need more than the header: ZIP directory, UTF-8).</summary>
    public abstract Stream OpenRead();

    public abstract ValueTask DisposeAsync();
}
