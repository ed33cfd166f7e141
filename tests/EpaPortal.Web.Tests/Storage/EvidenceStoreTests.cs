using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using EpaPortal.Web.Storage;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EpaPortal.Web.Tests.Storage;

/// <summary>The evidence-store suite against the file system store, in a folder of its own.</summary>
[Trait(Category.Name, Category.Integration)]
public sealed class FileSystemEvidenceStoreTests : EvidenceStoreContract, IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "epaportal-store-tests", Guid.NewGuid().ToString("N"));
    private readonly FileSystemEvidenceStore _store;

    public FileSystemEvidenceStoreTests()
    {
        _store = new FileSystemEvidenceStore(Options.Create(new StorageOptions { Root = _root }), new HostingEnvironment { ContentRootPath = Path.GetTempPath() });
    }

    protected override IEvidenceStore Store => _store;

    protected override Task<int> CountStagingAsync() => Task.FromResult(Directory.GetFiles(_store.TemporaryPath).Length);

    protected override Task<long> StagedBytesSoFarAsync() =>
        Task.FromResult(Directory.GetFiles(_store.TemporaryPath).Sum(f => new FileInfo(f).Length));

    protected override async Task CorruptAsync(string storageKey)
    {
        var path = _store.PathOf(storageKey);
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[bytes.Length / 2] ^= 0xFF;
        await File.WriteAllBytesAsync(path, bytes);
    }

    protected override Task CreateCrashLeftoverAsync() =>
        File.WriteAllBytesAsync(Path.Combine(_store.TemporaryPath, RandomNumberGenerator.GetHexString(32, lowercase: true) + ".upload"), [1, 2, 3]);

    [Fact]
    public void Keys_MapToPathsUnderTheRoot_InTwoCharacterFolders()
    {
        var path = _store.PathOf("0123456789abcdef0123456789abcdef");

        Assert.Equal(Path.Combine(_store.RootPath, "01", "0123456789abcdef0123456789abcdef"), path);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans the temp folder.
        }
    }
}

/// <summary>
/// The same suite against the Azure Blob store on a real Azurite (started for this class), a container of
/// its own, and 1 MB blocks so a few megabytes make several blocks.
/// </summary>
[Trait(Category.Name, Category.Integration)]
public sealed class AzureBlobEvidenceStoreTests : EvidenceStoreContract, IClassFixture<AzuriteFixture>
{
    private readonly AzureBlobEvidenceStore _store;
    private readonly BlobContainerClient _container;

    public AzureBlobEvidenceStoreTests(AzuriteFixture azurite)
    {
        _container = new BlobContainerClient(azurite.ConnectionString, AzuriteFixture.NewContainer());
        _store = new AzureBlobEvidenceStore(
            _container,
            Options.Create(new StorageOptions { Provider = EvidenceStoreProvider.AzureBlob, AzureBlob = { BlockMegabytes = 1 } }),
            NullLogger<AzureBlobEvidenceStore>.Instance);
    }

    protected override IEvidenceStore Store => _store;

    protected override async Task<int> CountStagingAsync()
    {
        if (!await _container.ExistsAsync())
        {
            return 0;
        }

        var count = 0;
        await foreach (var _ in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = AzureBlobEvidenceStore.StagingPrefix, States = BlobStates.Uncommitted }))
        {
            count++;
        }

        return count;
    }

    protected override async Task<long> StagedBytesSoFarAsync()
    {
        if (!await _container.ExistsAsync())
        {
            return 0;
        }

        long bytes = 0;
        await foreach (var item in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = AzureBlobEvidenceStore.StagingPrefix, States = BlobStates.Uncommitted }))
        {
            var blocks = await _container.GetBlockBlobClient(item.Name).GetBlockListAsync(BlockListTypes.All);
            bytes += blocks.Value.CommittedBlocks.Sum(b => b.SizeLong) + blocks.Value.UncommittedBlocks.Sum(b => b.SizeLong);
        }

        return bytes;
    }

    protected override async Task CorruptAsync(string storageKey)
    {
        var blob = _container.GetBlobClient(AzureBlobEvidenceStore.BlobNameOf(storageKey));
        var bytes = (await blob.DownloadContentAsync()).Value.Content.ToArray();
        bytes[bytes.Length / 2] ^= 0xFF;
        await blob.UploadAsync(new BinaryData(bytes), overwrite: true);
    }

    protected override async Task CreateCrashLeftoverAsync()
    {
        // Blocks staged, block list never committed: invisible to readers and to a plain listing.
        await _container.CreateIfNotExistsAsync();
        var blob = _container.GetBlockBlobClient(AzureBlobEvidenceStore.StagingPrefix + RandomNumberGenerator.GetHexString(32, lowercase: true));
        using var block = new MemoryStream(RandomNumberGenerator.GetBytes(10_000));
        await blob.StageBlockAsync(Convert.ToBase64String("000000"u8), block);
    }

    [Fact]
    public async Task StagedBlocks_AreInvisible_UntilTheBlockListIsCommitted()
    {
        await CreateCrashLeftoverAsync();

        var visible = new List<string>();
        await foreach (var item in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = AzureBlobEvidenceStore.StagingPrefix }))
        {
            visible.Add(item.Name);
        }

        Assert.Empty(visible);
        Assert.Equal(1, await CountStagingAsync());
        Assert.Equal(1, await _store.SweepTemporaryAsync(DateTimeOffset.UtcNow.AddMinutes(1), CancellationToken.None));
    }

    [Fact]
    public async Task CommittedFile_IsABlobUnderFiles_WithItsHashInTheMetadata()
    {
        var content = RandomNumberGenerator.GetBytes(SeveralBlocks);
        var key = await CommitAsync(content);

        var properties = (await _container.GetBlobClient("files/" + key).GetPropertiesAsync()).Value;
        Assert.Equal(content.Length, properties.ContentLength);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), properties.Metadata["sha256"]);
    }

    [Fact]
    public async Task CheckAvailable_FailsWhenTheServerCannotBeReached()
    {
        var unreachable = new BlobContainerClient(
            $"DefaultEndpointsProtocol=http;AccountName=epaportal;AccountKey={Convert.ToBase64String(RandomNumberGenerator.GetBytes(64))};BlobEndpoint=http://127.0.0.1:{Azurite.FreePort()}/epaportal;",
            "evidence",
            new BlobClientOptions { Retry = { MaxRetries = 0, NetworkTimeout = TimeSpan.FromSeconds(2) } });
        var store = new AzureBlobEvidenceStore(unreachable, Options.Create(new StorageOptions()), NullLogger<AzureBlobEvidenceStore>.Instance);

        await Assert.ThrowsAnyAsync<Exception>(() => store.CheckAvailableAsync(CancellationToken.None));
    }
}
