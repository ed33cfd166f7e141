using System.Security.Cryptography;
using EpaPortal.Web.Storage;

namespace EpaPortal.Web.Tests.Storage;

/// <summary>
/// The one evidence-store test suite: every guarantee docs/evidence-storage.md gives, run against each
/// store (<see cref="FileSystemEvidenceStoreTests"/> and <see cref="AzureBlobEvidenceStoreTests"/>, which
/// runs it against a real Azurite). A subclass gives the store and a few probes into its storage.
/// </summary>
public abstract class EvidenceStoreContract
{
    /// <summary>Bigger than one block of the blob store under test (1 MB) and one staging chunk of the file store.</summary>
    protected const int SeveralBlocks = (2 * 1024 * 1024) + 12_345;

    protected abstract IEvidenceStore Store { get; }

    /// <summary>Uploads being received or left by a crash: temporary files, staging blobs, uncommitted blocks.</summary>
    protected abstract Task<int> CountStagingAsync();

    /// <summary>Bytes of uploads in progress already written to storage (before the upload ends).</summary>
    protected abstract Task<long> StagedBytesSoFarAsync();

    /// <summary>Changes the stored bytes of a committed file behind the store's back.</summary>
    protected abstract Task CorruptAsync(string storageKey);

    /// <summary>What a process that died mid-upload leaves (a temporary file; staged blocks never committed).</summary>
    protected abstract Task CreateCrashLeftoverAsync();

    [Fact]
    public async Task Stage_HashesAndKeepsTheHeader_AndCommitMakesTheSameBytesReadable()
    {
        var content = RandomNumberGenerator.GetBytes(SeveralBlocks);
        await using var staged = await Store.StageAsync(new MemoryStream(content), SeveralBlocks * 2, CancellationToken.None);

        Assert.Equal(content.Length, staged.Length);
        Assert.False(staged.TooLarge);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), staged.Sha256);
        Assert.Equal(content.AsSpan(0, StagedFile.HeaderLength).ToArray(), staged.Header.ToArray());

        var key = await Store.CommitAsync(staged, CancellationToken.None);
        await using var read = await Store.OpenVerifiedAsync(key, staged.Sha256, CancellationToken.None);
        Assert.Equal(StoredFileReadStatus.Ok, read.Status);
        Assert.Equal(content, await ReadAllAsync(read.Content!));
    }

    [Fact]
    public async Task Staged_IsReadableAndSeekable_ForTheContentChecks()
    {
        var content = RandomNumberGenerator.GetBytes(SeveralBlocks);
        await using var staged = await Store.StageAsync(new MemoryStream(content), SeveralBlocks, CancellationToken.None);

        // The ZIP check reads the central directory at the end; the text check reads it all.
        using var stream = staged.OpenRead();
        Assert.True(stream.CanSeek);
        Assert.Equal(content.Length, stream.Length);
        stream.Seek(-100, SeekOrigin.End);
        var tail = new byte[100];
        stream.ReadExactly(tail);
        Assert.Equal(content.AsSpan(content.Length - 100).ToArray(), tail);
        stream.Position = 0;
        Assert.Equal(content, await ReadAllAsync(stream));
    }

    [Fact]
    public async Task Staged_IsNotAStoredFile_UntilCommitted()
    {
        var content = RandomNumberGenerator.GetBytes(100_000);
        var before = await ListKeysAsync();
        await using var staged = await Store.StageAsync(new MemoryStream(content), 1_000_000, CancellationToken.None);

        Assert.Equal(before, await ListKeysAsync());

        var key = await Store.CommitAsync(staged, CancellationToken.None);
        var listed = await ListAsync();
        Assert.Contains(listed, o => o.StorageKey == key && o.Length == content.Length);
        Assert.Equal(before.Count + 1, listed.Count);
    }

    [Fact]
    public async Task Commit_LeavesNothingStaged_AndTwoCommitsGetTwoKeys()
    {
        var before = await CountStagingAsync();
        await using var first = await Store.StageAsync(new MemoryStream(RandomNumberGenerator.GetBytes(5000)), 10_000, CancellationToken.None);
        await using var second = await Store.StageAsync(new MemoryStream(RandomNumberGenerator.GetBytes(5000)), 10_000, CancellationToken.None);
        Assert.Equal(before + 2, await CountStagingAsync());

        var a = await Store.CommitAsync(first, CancellationToken.None);
        var b = await Store.CommitAsync(second, CancellationToken.None);

        Assert.NotEqual(a, b);
        Assert.Matches("^[0-9a-f]{32}$", a);
        Assert.Equal(before, await CountStagingAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.CommitAsync(first, CancellationToken.None));
    }

    [Fact]
    public async Task Oversize_StopsReadingAtTheLimit_AndCannotBeCommitted()
    {
        var source = new MemoryStream(RandomNumberGenerator.GetBytes(8 * 1024 * 1024));
        await using var staged = await Store.StageAsync(source, 1_500_000, CancellationToken.None);

        Assert.True(staged.TooLarge);
        Assert.True(source.Position < source.Length, "the rest of an oversize upload is left unread");
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.CommitAsync(staged, CancellationToken.None));
    }

    [Fact]
    public async Task EmptySource_StagesAnEmptyFile()
    {
        await using var staged = await Store.StageAsync(new MemoryStream(), 1000, CancellationToken.None);

        Assert.Equal(0, staged.Length);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData([])), staged.Sha256);
    }

    [Fact]
    public async Task Stage_WritesBlocksAsTheyArrive_NotTheWholeFileAtTheEnd()
    {
        // The source hands out 3 MB and then waits: by then the store must already hold some of it.
        var before = await StagedBytesSoFarAsync();
        var source = new GatedStream(RandomNumberGenerator.GetBytes(4 * 1024 * 1024), gateAt: 3 * 1024 * 1024);
        var staging = Store.StageAsync(source, 10 * 1024 * 1024, CancellationToken.None);
        await source.ReachedGate.WaitAsync(TimeSpan.FromSeconds(30));

        long stored = 0;
        for (var i = 0; i < 100 && stored < 1024 * 1024; i++)
        {
            stored = await StagedBytesSoFarAsync() - before;
            if (stored < 1024 * 1024)
            {
                await Task.Delay(50);
            }
        }

        source.Open();
        await using var staged = await staging;
        Assert.True(stored >= 1024 * 1024, $"only {stored} bytes were stored while 3 MB had arrived");
        Assert.Equal(4 * 1024 * 1024, staged.Length);
    }

    [Fact]
    public async Task InterruptedSource_LeavesNothingStaged()
    {
        var before = await CountStagingAsync();

        await Assert.ThrowsAsync<IOException>(() => Store.StageAsync(new FailingStream(SeveralBlocks), 10 * 1024 * 1024, CancellationToken.None));

        Assert.Equal(before, await CountStagingAsync());
    }

    [Fact]
    public async Task DisposedWithoutCommit_LeavesNothingStaged()
    {
        var before = await CountStagingAsync();
        var staged = await Store.StageAsync(new MemoryStream(RandomNumberGenerator.GetBytes(SeveralBlocks)), SeveralBlocks, CancellationToken.None);
        Assert.Equal(before + 1, await CountStagingAsync());

        await staged.DisposeAsync();

        Assert.Equal(before, await CountStagingAsync());
    }

    [Fact]
    public async Task OpenVerified_ChangedBytes_ReportHashMismatch_AndGiveNoContent()
    {
        var key = await CommitAsync(RandomNumberGenerator.GetBytes(50_000));
        var sha = await ShaOfAsync(key);

        await CorruptAsync(key);
        await using var read = await Store.OpenVerifiedAsync(key, sha, CancellationToken.None);

        Assert.Equal(StoredFileReadStatus.HashMismatch, read.Status);
        Assert.Null(read.Content);
    }

    [Fact]
    public async Task OpenVerified_MissingFile_ReportsMissing()
    {
        await using var read = await Store.OpenVerifiedAsync(RandomNumberGenerator.GetHexString(32, lowercase: true), new string('0', 64), CancellationToken.None);

        Assert.Equal(StoredFileReadStatus.Missing, read.Status);
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("ABCDEF0123456789ABCDEF0123456789")]
    [InlineData("0123456789abcdef0123456789abcdef/../x")]
    public async Task StorageKeysThatAreNotKeys_AreRefused(string key)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.OpenVerifiedAsync(key, new string('0', 64), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.DeleteAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task Download_SupportsRanges_ReadingExactlyTheBytesAsked()
    {
        var content = RandomNumberGenerator.GetBytes(SeveralBlocks);
        var key = await CommitAsync(content);
        await using var read = await Store.OpenVerifiedAsync(key, Convert.ToHexStringLower(SHA256.HashData(content)), CancellationToken.None);
        var stream = read.Content!;

        Assert.True(stream.CanSeek);
        Assert.Equal(content.Length, stream.Length);
        var offset = SeveralBlocks - 1_500_000;
        stream.Seek(offset, SeekOrigin.Begin);
        var range = new byte[1_200_000];
        await stream.ReadExactlyAsync(range);
        Assert.Equal(content.AsSpan(offset, range.Length).ToArray(), range);
    }

    [Fact]
    public async Task Delete_RemovesTheFile_AndAMissingFileIsFine()
    {
        var key = await CommitAsync(RandomNumberGenerator.GetBytes(1000));

        await Store.DeleteAsync(key, CancellationToken.None);
        await Store.DeleteAsync(key, CancellationToken.None);

        Assert.DoesNotContain(key, await ListKeysAsync());
        await using var read = await Store.OpenVerifiedAsync(key, new string('0', 64), CancellationToken.None);
        Assert.Equal(StoredFileReadStatus.Missing, read.Status);
    }

    [Fact]
    public async Task SweepTemporary_RemovesCrashLeftoversOlderThanTheCutoff_AndNothingNewer()
    {
        var committed = await CommitAsync(RandomNumberGenerator.GetBytes(1000));
        await CreateCrashLeftoverAsync();
        await using var inProgress = await Store.StageAsync(new MemoryStream(RandomNumberGenerator.GetBytes(1000)), 1000, CancellationToken.None);
        var staging = await CountStagingAsync();
        Assert.True(staging >= 2);

        // Everything here was written just now: a cutoff an hour ago keeps it all (uploads in progress are safe).
        Assert.Equal(0, await Store.SweepTemporaryAsync(DateTimeOffset.UtcNow.AddHours(-1), CancellationToken.None));
        Assert.Equal(staging, await CountStagingAsync());

        var removed = await Store.SweepTemporaryAsync(DateTimeOffset.UtcNow.AddMinutes(1), CancellationToken.None);

        Assert.Equal(staging, removed);
        Assert.Equal(0, await CountStagingAsync());
        Assert.Contains(committed, await ListKeysAsync());
    }

    [Fact]
    public async Task CheckAvailable_SucceedsOnAWorkingStore()
    {
        await Store.CheckAvailableAsync(CancellationToken.None);

        // And the store is usable right after the check.
        Assert.NotEmpty(await CommitAsync(RandomNumberGenerator.GetBytes(10)));
    }

    protected async Task<string> CommitAsync(byte[] content)
    {
        await using var staged = await Store.StageAsync(new MemoryStream(content), content.Length, CancellationToken.None);
        var key = await Store.CommitAsync(staged, CancellationToken.None);
        _shas[key] = staged.Sha256;
        return key;
    }

    private readonly Dictionary<string, string> _shas = [];

    private Task<string> ShaOfAsync(string key) => Task.FromResult(_shas[key]);

    private async Task<List<StoredObject>> ListAsync()
    {
        var all = new List<StoredObject>();
        await foreach (var stored in Store.ListAsync(CancellationToken.None))
        {
            all.Add(stored);
        }

        return all;
    }

    private async Task<HashSet<string>> ListKeysAsync() => (await ListAsync()).Select(o => o.StorageKey).ToHashSet();

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}

/// <summary>Gives <paramref name="length"/> bytes, then fails like a dropped connection.</summary>
public sealed class FailingStream(int length, byte[]? prefix = null) : Stream
{
    private int _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_position >= length)
        {
            throw new IOException("The connection was reset.");
        }

        var n = Math.Min(count, length - _position);
        for (var i = 0; i < n; i++)
        {
            buffer[offset + i] = prefix is not null && _position + i < prefix.Length ? prefix[_position + i] : (byte)'x';
        }

        _position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>Hands out its bytes up to a gate, signals, and waits there until opened (an upload still arriving).</summary>
public sealed class GatedStream(byte[] content, int gateAt) : Stream
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _position;

    public Task ReachedGate => _reached.Task;

    public void Open() => _open.TrySetResult();

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position >= gateAt && !_open.Task.IsCompleted)
        {
            _reached.TrySetResult();
            await _open.Task.WaitAsync(cancellationToken);
        }

        var limit = _position < gateAt ? gateAt : content.Length;
        var n = Math.Min(Math.Min(buffer.Length, 64 * 1024), limit - _position);
        content.AsMemory(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
