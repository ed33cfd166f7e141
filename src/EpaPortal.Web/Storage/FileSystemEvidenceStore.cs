using System.Buffers;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using EpaPortal.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace EpaPortal.Web.Storage;

/// <summary>
/// Evidence files in a folder outside wwwroot (<c>Storage:Root</c>). Committed files are named by a random
/// 128-bit key and spread over 256 sub-folders (<c>ab/abcdef…</c>); uploads are written first to
/// <c>.tmp/</c> under the same root, so the final <see cref="File.Move(string, string)"/> is a rename on one
/// file system: a reader sees the whole file or none of it.
/// </summary>
public sealed partial class FileSystemEvidenceStore : IEvidenceStore
{
    private const int BufferSize = 81920;
    private const int StagingChunkSize = 1024 * 1024;
    private const string TemporaryFolderName = ".tmp";
    private const string TemporarySuffix = ".upload";
    private const string StoreTag = "file";

    private readonly string _root;
    private readonly string _temporary;

    public FileSystemEvidenceStore(IOptions<StorageOptions> options, IHostEnvironment environment)
    {
        _root = Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.Root));
        _temporary = Path.Combine(_root, TemporaryFolderName);
        Directory.CreateDirectory(_temporary);
    }

    /// <summary>The absolute root folder (for operations and tests).</summary>
    public string RootPath => _root;

    public string TemporaryPath => _temporary;

    public async Task<StagedFile> StageAsync(Stream source, long maxBytes, CancellationToken cancellationToken)
    {
        using var activity = PortalTelemetry.Source.StartActivity("evidence.stage");
        activity?.SetTag("epaportal.store", StoreTag);
        var started = Stopwatch.GetTimestamp();
        var path = Path.Combine(_temporary, NewKey() + TemporarySuffix);
        var buffer = ArrayPool<byte>.Shared.Rent(StagingChunkSize);
        var header = new byte[StagedFile.HeaderLength];
        var headerLength = 0;
        long length = 0;
        var tooLarge = false;
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1, FileOptions.Asynchronous | FileOptions.SequentialScan))
            {
                int read;
                while ((read = await FillAsync(source, buffer.AsMemory(0, StagingChunkSize), cancellationToken)) > 0)
                {
                    if (length + read > maxBytes)
                    {
                        // Stop here: an oversize upload never occupies more than the limit on disk.
                        tooLarge = true;
                        length += read;
                        break;
                    }

                    if (headerLength < header.Length)
                    {
                        var take = Math.Min(read, header.Length - headerLength);
                        buffer.AsSpan(0, take).CopyTo(header.AsSpan(headerLength));
                        headerLength += take;
                    }

                    // The disk write and the hash read the same bytes: they run side by side.
                    var write = target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    hash.AppendData(buffer, 0, read);
                    await write;
                    length += read;
                }

                // On disk before the rename makes it visible: a crash never leaves a short evidence file.
                await target.FlushAsync(cancellationToken);
                RandomAccess.FlushToDisk(target.SafeFileHandle);
            }

            PortalTelemetry.UploadStaged(StoreTag, tooLarge ? "too_large" : "complete", Stopwatch.GetElapsedTime(started).TotalSeconds);
            activity?.SetTag("epaportal.bytes", length);
            return new FileSystemStagedFile(path, length, Convert.ToHexStringLower(hash.GetHashAndReset()), header.AsMemory(0, headerLength), tooLarge);
        }
        catch (Exception ex)
        {
            PortalTelemetry.UploadStaged(StoreTag, "failed", Stopwatch.GetElapsedTime(started).TotalSeconds);
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            TryDelete(path);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads until the buffer is full or the stream ends: a multipart section hands out a few
    /// kilobytes per read, and one write and hash per megabyte is far cheaper than one per read.</summary>
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

    public Task<string> CommitAsync(StagedFile staged, CancellationToken cancellationToken)
    {
        if (staged is not FileSystemStagedFile file || file.Committed)
        {
            throw new InvalidOperationException("Only a file staged by this store, and not yet committed, can be committed.");
        }

        if (file.TooLarge)
        {
            throw new InvalidOperationException("An incomplete (oversize) upload cannot be committed.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        var key = NewKey();
        var target = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Move(file.Path, target, overwrite: false);
        file.Committed = true;
        return Task.FromResult(key);
    }

    public async Task<StoredFileRead> OpenVerifiedAsync(string storageKey, string expectedSha256, CancellationToken cancellationToken)
    {
        var path = PathOf(storageKey);
        FileStream stream;
        try
        {
            // FileShare.Read: nobody writes the file between the check and the download.
#pragma warning disable CA2000 // Ownership passes to the returned StoredFileRead; every other path disposes it below.
            stream = OpenForReading(path);
#pragma warning restore CA2000
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            PortalTelemetry.DownloadCheckFailed(nameof(StoredFileReadStatus.Missing));
            return StoredFileRead.Failed(StoredFileReadStatus.Missing);
        }

        try
        {
            var actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
            if (!string.Equals(actual, expectedSha256, StringComparison.OrdinalIgnoreCase))
            {
                await stream.DisposeAsync();
                PortalTelemetry.DownloadCheckFailed(nameof(StoredFileReadStatus.HashMismatch));
                return StoredFileRead.Failed(StoredFileReadStatus.HashMismatch);
            }

            stream.Position = 0;
            return StoredFileRead.Ok(stream);
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    public Task DeleteAsync(string storageKey, CancellationToken cancellationToken)
    {
        TryDelete(PathOf(storageKey));
        return Task.CompletedTask;
    }

    public Task<int> SweepTemporaryAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var path in Directory.EnumerateFiles(_temporary))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (File.GetLastWriteTimeUtc(path) < olderThan.UtcDateTime && TryDelete(path))
            {
                deleted++;
            }
        }

        return Task.FromResult(deleted);
    }

    public async IAsyncEnumerable<StoredObject> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var folder in Directory.EnumerateDirectories(_root))
        {
            if (!ShardPattern().IsMatch(Path.GetFileName(folder)))
            {
                continue;
            }

            foreach (var path in Directory.EnumerateFiles(folder))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var name = Path.GetFileName(path);
                if (KeyPattern().IsMatch(name))
                {
                    var info = new FileInfo(path);
                    yield return new StoredObject(name, info.Length, new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero));
                }
            }

            await Task.Yield();
        }
    }

    public Task CheckAvailableAsync(CancellationToken cancellationToken) =>
        Directory.Exists(_temporary)
            ? Task.CompletedTask
            : throw new DirectoryNotFoundException("The evidence folder's temporary folder is missing.");

    /// <summary>The absolute path of a key. Keys come from the database, but are checked anyway so a
    /// tampered row can never name a path outside the root.</summary>
    public string PathOf(string storageKey)
    {
        if (!KeyPattern().IsMatch(storageKey))
        {
            throw new ArgumentException("Not a storage key.", nameof(storageKey));
        }

        return Path.Combine(_root, storageKey[..2], storageKey);
    }

    private static FileStream OpenForReading(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);

    private static string NewKey() => RandomNumberGenerator.GetHexString(32, lowercase: true);

    private static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    [GeneratedRegex("^[0-9a-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();

    [GeneratedRegex("^[0-9a-f]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex ShardPattern();

    private sealed class FileSystemStagedFile : StagedFile
    {
        public FileSystemStagedFile(string path, long length, string sha256, ReadOnlyMemory<byte> header, bool tooLarge)
        {
            Path = path;
            Length = length;
            Sha256 = sha256;
            Header = header;
            TooLarge = tooLarge;
        }

        public string Path { get; }

        public bool Committed { get; set; }

        public override Stream OpenRead() =>
            new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan);

        public override ValueTask DisposeAsync()
        {
            if (!Committed)
            {
                PortalTelemetry.UploadDiscarded(StoreTag);
                TryDelete(Path);
            }

            return ValueTask.CompletedTask;
        }
    }
}
