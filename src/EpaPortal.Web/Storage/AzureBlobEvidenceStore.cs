using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using EpaPortal.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace EpaPortal.Web.Storage;

/// <summary>
/// Evidence files in an Azure Blob Storage container (<c>Storage:Provider=AzureBlob</c>), with the same
/// guarantees as the file system store:
/// <list type="bullet">
/// <item>An upload is sent as it arrives, one block at a time (Put Block), into a blob under
/// <c>staging/</c>; at most two blocks are in memory (one being read while the previous one is sent), and
/// the SHA-256 is taken on the way. Staged blocks are invisible until the block list is committed at the
/// end of the body; the committed staging blob is what the content checks read, and it is never served.</item>
/// <item><see cref="CommitAsync"/> copies the staging blob, inside the storage account (no byte passes
/// through the portal), to <c>files/&lt;random key&gt;</c>, failing if that name exists, then deletes the
/// staging blob. A file is under its key whole or not at all.</item>
/// <item>Downloads hash the blob (pinned by its ETag) before a byte is sent, then stream it with seeking,
/// so range requests work.</item>
/// <item>The sweep removes staging blobs, and blobs with only uncommitted blocks (an upload cut off before
/// its block list), older than the grace period.</item>
/// </list>
/// </summary>
public sealed partial class AzureBlobEvidenceStore : IEvidenceStore
{
    public const string StagingPrefix = "staging/";
    public const string FilesPrefix = "files/";
    private const string StoreTag = "blob";
    private const int ReadBufferSize = 1024 * 1024;

    private readonly BlobContainerClient _container;
    private readonly int _blockSize;
    private readonly bool _createContainer;
    private readonly ILogger<AzureBlobEvidenceStore> _logger;
    private Task? _containerCreated;

    public AzureBlobEvidenceStore(BlobContainerClient container, IOptions<StorageOptions> options, ILogger<AzureBlobEvidenceStore> logger)
    {
        _container = container;
        var settings = options.Value.AzureBlob;
        _blockSize = (int)(Math.Clamp(settings.BlockMegabytes, 1, 100) * UploadOptions.Megabyte);
        _createContainer = settings.CreateContainer;
        _logger = logger;
    }

    /// <summary>The container (for operations and tests).</summary>
    public BlobContainerClient Container => _container;

    public async Task<StagedFile> StageAsync(Stream source, long maxBytes, CancellationToken cancellationToken)
    {
        using var activity = PortalTelemetry.Source.StartActivity("evidence.stage");
        activity?.SetTag("epaportal.store", StoreTag);
        var started = Stopwatch.GetTimestamp();
        await EnsureContainerAsync(cancellationToken);
        var blob = _container.GetBlockBlobClient(StagingPrefix + NewKey());
        byte[][] buffers = [ArrayPool<byte>.Shared.Rent(_blockSize), ArrayPool<byte>.Shared.Rent(_blockSize)];
        var header = new byte[StagedFile.HeaderLength];
        var headerLength = 0;
        long length = 0;
        var tooLarge = false;
        var blockIds = new List<string>();
        Task? inFlight = null;
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var current = 0;
            int read;
            while ((read = await FillAsync(source, buffers[current].AsMemory(0, _blockSize), cancellationToken)) > 0)
            {
                if (length + read > maxBytes)
                {
                    // Stop here: an oversize upload never stores more than the limit.
                    tooLarge = true;
                    length += read;
                    break;
                }

                if (headerLength < header.Length)
                {
                    var take = Math.Min(read, header.Length - headerLength);
                    buffers[current].AsSpan(0, take).CopyTo(header.AsSpan(headerLength));
                    headerLength += take;
                }

                hash.AppendData(buffers[current], 0, read);

                // One block on the wire while the next is read: never more than two blocks in memory.
                if (inFlight is not null)
                {
                    await inFlight;
                }

                var blockId = BlockId(blockIds.Count);
                blockIds.Add(blockId);
                inFlight = StageBlockAsync(blob, blockId, buffers[current], read, cancellationToken);
                length += read;
                current ^= 1;
            }

            if (inFlight is not null)
            {
                var last = inFlight;
                inFlight = null;
                await last;
            }

            // Until now the blocks were invisible; committing the list makes the staged bytes readable for the checks.
            var committed = await blob.CommitBlockListAsync(blockIds, new CommitBlockListOptions(), cancellationToken);
            PortalTelemetry.UploadStaged(StoreTag, tooLarge ? "too_large" : "complete", Stopwatch.GetElapsedTime(started).TotalSeconds);
            activity?.SetTag("epaportal.bytes", length);
            return new BlobStagedFile(this, blob, committed.Value.ETag, length, Convert.ToHexStringLower(hash.GetHashAndReset()), header.AsMemory(0, headerLength), tooLarge);
        }
        catch (Exception ex)
        {
            if (inFlight is not null)
            {
                // The buffer it reads goes back to the pool below: wait for it, whatever it did.
                await inFlight.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            }

            PortalTelemetry.UploadStaged(StoreTag, "failed", Stopwatch.GetElapsedTime(started).TotalSeconds);
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            await DiscardAsync(blob, hadBlocks: blockIds.Count > 0);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffers[0]);
            ArrayPool<byte>.Shared.Return(buffers[1]);
        }
    }

    private static async Task StageBlockAsync(BlockBlobClient blob, string blockId, byte[] buffer, int count, CancellationToken cancellationToken)
    {
        // A seekable view of the pooled buffer: the client can resend it on a retry without copying it.
        using var content = new MemoryStream(buffer, 0, count, writable: false);
        await blob.StageBlockAsync(blockId, content, new BlockBlobStageBlockOptions(), cancellationToken);
    }

    /// <summary>Reads until the block is full or the stream ends (a multipart section hands out a few KB per read).</summary>
    private static async ValueTask<int> FillAsync(Stream source, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        int read;
        while (filled < buffer.Length && (read = await source.ReadAsync(buffer[filled..], cancellationToken)) > 0)
        {
            filled += read;
        }

        return filled;
    }

    public async Task<string> CommitAsync(StagedFile staged, CancellationToken cancellationToken)
    {
        if (staged is not BlobStagedFile file || file.Committed || !ReferenceEquals(file.Store, this))
        {
            throw new InvalidOperationException("Only a file staged by this store, and not yet committed, can be committed.");
        }

        if (file.TooLarge)
        {
            throw new InvalidOperationException("An incomplete (oversize) upload cannot be committed.");
        }

        using var activity = PortalTelemetry.Source.StartActivity("evidence.commit");
        activity?.SetTag("epaportal.store", StoreTag);
        var key = NewKey();
        var target = _container.GetBlobClient(FilesPrefix + key);
        var copy = await target.StartCopyFromUriAsync(
            file.Blob.Uri,
            new BlobCopyFromUriOptions
            {
                // Never over an existing file, and only the very bytes that were checked.
                DestinationConditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                SourceConditions = new BlobRequestConditions { IfMatch = file.ETag },
                Metadata = new Dictionary<string, string> { ["sha256"] = file.Sha256 },
            },
            cancellationToken);
        try
        {
            await copy.WaitForCompletionAsync(cancellationToken);
            var properties = await target.GetPropertiesAsync(cancellationToken: cancellationToken);
            if (properties.Value.CopyStatus != CopyStatus.Success || properties.Value.ContentLength != file.Length)
            {
                throw new InvalidOperationException($"Copying the staged upload to its key ended as {properties.Value.CopyStatus} with {properties.Value.ContentLength} bytes.");
            }
        }
        catch
        {
            await TryDeleteAsync(target);
            throw;
        }

        file.Committed = true;
        if (!await TryDeleteAsync(file.Blob))
        {
            _logger.LogWarning("The staging blob {Blob} could not be deleted after its commit; the sweep removes it.", file.Blob.Name);
        }

        return key;
    }

    public async Task<StoredFileRead> OpenVerifiedAsync(string storageKey, string expectedSha256, CancellationToken cancellationToken)
    {
        using var activity = PortalTelemetry.Source.StartActivity("evidence.open_verified");
        activity?.SetTag("epaportal.store", StoreTag);
        var blob = _container.GetBlobClient(BlobNameOf(storageKey));
        BlobRequestConditions pinned;
        string actual;
        try
        {
            var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);

            // The bytes hashed are the bytes sent: every read below names this version of the blob.
            pinned = new BlobRequestConditions { IfMatch = properties.Value.ETag };
            var download = await blob.DownloadStreamingAsync(new BlobDownloadOptions { Conditions = pinned }, cancellationToken);
            await using (var content = download.Value.Content)
            {
                actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(content, cancellationToken));
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            PortalTelemetry.DownloadCheckFailed(nameof(StoredFileReadStatus.Missing));
            return StoredFileRead.Failed(StoredFileReadStatus.Missing);
        }

        if (!string.Equals(actual, expectedSha256, StringComparison.OrdinalIgnoreCase))
        {
            PortalTelemetry.DownloadCheckFailed(nameof(StoredFileReadStatus.HashMismatch));
            return StoredFileRead.Failed(StoredFileReadStatus.HashMismatch);
        }

        // A seekable stream that fetches ranges as it is read: a Range request reads only what it sends.
        var stream = await blob.OpenReadAsync(new BlobOpenReadOptions(allowModifications: false) { BufferSize = ReadBufferSize, Conditions = pinned }, cancellationToken);
        return StoredFileRead.Ok(stream);
    }

    public async Task DeleteAsync(string storageKey, CancellationToken cancellationToken)
    {
        var blob = _container.GetBlobClient(BlobNameOf(storageKey));
        await blob.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, conditions: null, cancellationToken);
    }

    public async Task<int> SweepTemporaryAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken);
        var deleted = 0;
        var options = new GetBlobsOptions { Prefix = StagingPrefix, States = BlobStates.Uncommitted };
        await foreach (var item in _container.GetBlobsAsync(options, cancellationToken))
        {
            if (item.Properties.LastModified is { } modified && modified < olderThan
                && await DiscardAsync(_container.GetBlockBlobClient(item.Name), hadBlocks: true))
            {
                deleted++;
            }
        }

        return deleted;
    }

    public async IAsyncEnumerable<StoredObject> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken);
        await foreach (var item in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = FilesPrefix }, cancellationToken))
        {
            var key = item.Name[FilesPrefix.Length..];
            if (KeyPattern().IsMatch(key))
            {
                yield return new StoredObject(key, item.Properties.ContentLength ?? 0, item.Properties.LastModified ?? DateTimeOffset.MinValue);
            }
        }
    }

    public async Task CheckAvailableAsync(CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken);
        await _container.GetPropertiesAsync(cancellationToken: cancellationToken);
    }

    /// <summary>The blob name of a key. Keys come from the database, but are checked anyway.</summary>
    public static string BlobNameOf(string storageKey) =>
        KeyPattern().IsMatch(storageKey) ? FilesPrefix + storageKey : throw new ArgumentException("Not a storage key.", nameof(storageKey));

    /// <summary>Creates the container once per process when allowed; a failed attempt is tried again next time.</summary>
    private Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (!_createContainer)
        {
            return Task.CompletedTask;
        }

        var created = _containerCreated;
        if (created is null || created.IsFaulted || created.IsCanceled)
        {
            // Two callers may both create: CreateIfNotExists makes that harmless.
            created = _container.CreateIfNotExistsAsync(PublicAccessType.None, metadata: null, cancellationToken: CancellationToken.None);
            _containerCreated = created;
        }

        return created.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Removes a staging blob, including one that has only uncommitted blocks (which Delete Blob does not
    /// see): committing an empty block list drops its uncommitted blocks and leaves an empty blob to delete.
    /// Best effort: what stays is removed by a later sweep.
    /// </summary>
    private async Task<bool> DiscardAsync(BlockBlobClient blob, bool hadBlocks)
    {
        try
        {
            if ((await blob.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, conditions: null, CancellationToken.None)).Value)
            {
                return true;
            }

            if (!hadBlocks)
            {
                return false;
            }

            await blob.CommitBlockListAsync([], new CommitBlockListOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, CancellationToken.None);
            return (await blob.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, conditions: null, CancellationToken.None)).Value;
        }
        catch (RequestFailedException ex)
        {
            _logger.LogWarning(ex, "The staging blob {Blob} could not be removed; the sweep tries again.", blob.Name);
            return false;
        }
    }

    private async Task<bool> TryDeleteAsync(BlobBaseClient blob)
    {
        try
        {
            await blob.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, conditions: null, CancellationToken.None);
            return true;
        }
        catch (RequestFailedException ex)
        {
            _logger.LogWarning(ex, "Deleting blob {Blob} failed.", blob.Name);
            return false;
        }
    }

    /// <summary>Block ids must have one length within a blob: a fixed six-digit number, base64-encoded.</summary>
    private static string BlockId(int index) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(index.ToString("D6", CultureInfo.InvariantCulture)));

    private static string NewKey() => RandomNumberGenerator.GetHexString(32, lowercase: true);

    [GeneratedRegex("^[0-9a-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();

    private sealed class BlobStagedFile : StagedFile
    {
        public BlobStagedFile(AzureBlobEvidenceStore store, BlockBlobClient blob, ETag etag, long length, string sha256, ReadOnlyMemory<byte> header, bool tooLarge)
        {
            Store = store;
            Blob = blob;
            ETag = etag;
            Length = length;
            Sha256 = sha256;
            Header = header;
            TooLarge = tooLarge;
        }

        public AzureBlobEvidenceStore Store { get; }

        public BlockBlobClient Blob { get; }

        public ETag ETag { get; }

        public bool Committed { get; set; }

        public override Stream OpenRead() =>
            Blob.OpenRead(new BlobOpenReadOptions(allowModifications: false) { BufferSize = ReadBufferSize, Conditions = new BlobRequestConditions { IfMatch = ETag } });

        public override async ValueTask DisposeAsync()
        {
            if (!Committed)
            {
                PortalTelemetry.UploadDiscarded(StoreTag);
                await Store.DiscardAsync(Blob, hadBlocks: true);
            }
        }
    }
}
