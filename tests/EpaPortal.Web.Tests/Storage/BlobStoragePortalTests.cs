using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using EpaPortal.Web.Infrastructure;
using EpaPortal.Web.Storage;
using EpaPortal.Web.Tests.Infrastructure;
using EpaPortal.Web.Tests.Portfolio;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EpaPortal.Web.Tests.Storage;

/// <summary>The portal with <c>Storage:Provider=AzureBlob</c> over a container of its own on Azurite.</summary>
public sealed class BlobPortalFactory(string connectionString) : PortalFactory
{
    public string Container { get; } = AzuriteFixture.NewContainer();

    public BlobContainerClient ContainerClient => new(connectionString, Container);

    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:Provider", "AzureBlob");
        builder.UseSetting("Storage:AzureBlob:ConnectionString", connectionString);
        builder.UseSetting("Storage:AzureBlob:Container", Container);
        builder.UseSetting("Storage:AzureBlob:BlockMegabytes", "1");
        builder.UseSetting("Storage:SweepIntervalMinutes", "0");
    }
}

/// <summary>Azurite, then a portal on it.</summary>
public sealed class BlobPortalFixture : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite = new();

    public BlobPortalFactory Portal { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        Portal = new BlobPortalFactory(_azurite.ConnectionString);
        using var warmUp = Portal.CreatePortalClient();
    }

    public async Task DisposeAsync()
    {
        await Portal.DisposeAsync();
        await _azurite.DisposeAsync();
    }
}

[Trait(Category.Name, Category.Integration)]
public class BlobStoragePortalTests(BlobPortalFixture fixture) : IClassFixture<BlobPortalFixture>
{
    private BlobPortalFactory Portal => fixture.Portal;

    [Fact]
    public async Task Upload_IsStoredAsABlob_AndDownloadsByteForByte_WithRanges()
    {
        var (email, caseId) = await TestApprentices.CreateAsync(Portal);
        using var client = await Portal.SignInAsync(email);
        var content = Files.Pdf(3_500_000);

        var outcome = Assert.Single((await Uploads.UploadAsync(client, new UploadFile("report.pdf", content))).Files);

        Assert.True(outcome.Accepted, outcome.Message);
        var file = await Portal.WithDbAsync(db => db.StoredFiles.AsNoTracking().SingleAsync(f => f.CaseId == caseId));
        Assert.True(await Portal.ContainerClient.GetBlobClient(AzureBlobEvidenceStore.BlobNameOf(file.StorageKey)).ExistsAsync());
        Assert.Equal(0, await CountStagingAsync());

        var download = await client.GetAsync($"/evidence/files/{file.Id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("bytes", download.Headers.AcceptRanges.Single());
        Assert.Equal(content, await download.Content.ReadAsByteArrayAsync());

        using var ranged = new HttpRequestMessage(HttpMethod.Get, new Uri($"/evidence/files/{file.Id}", UriKind.Relative));
        ranged.Headers.Range = new RangeHeaderValue(1_000_000, 2_499_999);
        var part = await client.Http.SendAsync(ranged);
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal(content.AsSpan(1_000_000, 1_500_000).ToArray(), await part.Content.ReadAsByteArrayAsync());
        Assert.Equal(content.Length, part.Content.Headers.ContentRange!.Length);
    }

    [Fact]
    public async Task RefusedUpload_LeavesNoBlob()
    {
        var (email, caseId) = await TestApprentices.CreateAsync(Portal);
        using var client = await Portal.SignInAsync(email);
        var before = await CountFilesAsync();

        var outcome = Assert.Single((await Uploads.UploadAsync(client, new UploadFile("notes.pdf", Files.Exe(2_000_000)))).Files);

        Assert.False(outcome.Accepted);
        Assert.Equal(0, await CountStagingAsync());
        Assert.Equal(before, await CountFilesAsync());
        Assert.Equal(0, await Portal.WithDbAsync(db => db.StoredFiles.CountAsync(f => f.CaseId == caseId)));
    }

    [Fact]
    public async Task Upload_CutOffMidFile_LeavesNothingStaged_AndNoRow()
    {
        var (email, caseId) = await TestApprentices.CreateAsync(Portal);
        using var client = await Portal.SignInAsync(email);
        var token = await client.GetAntiforgeryTokenAsync("/apprentice/portfolio/upload");
        var before = await CountFilesAsync();
        var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (name, value) in Uploads.Details())
        {
            content.Add(new StringContent(value), name);
        }

        var part = new StreamContent(new FailingStream(2_500_000, Files.Pdf(16))) { Headers = { { "Content-Type", "application/pdf" } } };
        content.Add(part, "files", "cut.pdf");
        try
        {
            await client.Http.PostAsync(new Uri("/apprentice/portfolio/upload", UriKind.Relative), content);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException)
        {
            // The client gives up mid-body, as a dropped connection would.
        }

        // The server may still be unwinding the request (and discarding the staged blocks).
        for (var i = 0; i < 50 && await CountStagingAsync() > 0; i++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(0, await CountStagingAsync());
        Assert.Equal(before, await CountFilesAsync());
        Assert.Equal(0, await Portal.WithDbAsync(db => db.StoredFiles.CountAsync(f => f.CaseId == caseId)));
    }

    [Fact]
    public async Task Sweep_RemovesOrphanBlobsAndOldStaging_ButKeepsFilesWithRows()
    {
        // Blob times are the server's real clock: the portal's clock moves past them (it only moves forward).
        var (email, caseId) = await TestApprentices.CreateAsync(Portal);
        using var client = await Portal.SignInAsync(email);
        Assert.True((await Uploads.UploadAsync(client, new UploadFile("kept.pdf", Files.Pdf()))).Files[0].Accepted);
        var kept = await Portal.WithDbAsync(db => db.StoredFiles.Where(f => f.CaseId == caseId).Select(f => f.StorageKey).SingleAsync());

        // What crashes leave: a committed file whose row was never saved, and blocks whose list was never committed.
        var store = Portal.Services.GetRequiredService<IEvidenceStore>();
        await using var staged = await store.StageAsync(new MemoryStream(Files.Pdf()), 1_000_000, CancellationToken.None);
        var orphan = await store.CommitAsync(staged, CancellationToken.None);
        var leftover = Portal.ContainerClient.GetBlockBlobClient(AzureBlobEvidenceStore.StagingPrefix + RandomNumberGenerator.GetHexString(32, lowercase: true));
        using (var block = new MemoryStream(new byte[1000]))
        {
            await leftover.StageBlockAsync(Convert.ToBase64String("000000"u8), block);
        }

        var now = DateTimeOffset.UtcNow;
        if (Portal.Clock.GetUtcNow() < now.AddHours(2))
        {
            Portal.Clock.SetUtcNow(now.AddHours(2));
        }

        var result = await Portal.Services.GetRequiredService<EvidenceStoreSweeper>().SweepAsync(CancellationToken.None);

        Assert.False(await Portal.ContainerClient.GetBlobClient(AzureBlobEvidenceStore.BlobNameOf(orphan)).ExistsAsync());
        Assert.True(await Portal.ContainerClient.GetBlobClient(AzureBlobEvidenceStore.BlobNameOf(kept)).ExistsAsync());
        Assert.Equal(0, await CountStagingAsync());
        Assert.True(result.OrphanFiles >= 1);
        Assert.True(result.TemporaryFiles >= 1);
    }

    [Fact]
    public async Task HealthReady_ReportsTheBlobStore()
    {
        using var client = Portal.CreatePortalClient();

        var response = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var store = json.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "evidence-store");
        Assert.Equal("Healthy", store.GetProperty("status").GetString());
        Assert.Equal("AzureBlob", store.GetProperty("provider").GetString());
    }

    [Fact]
    public async Task ReadyCheck_AnUnreachableBlobServer_IsUnhealthyWithinSeconds()
    {
        var unreachable = new BlobContainerClient(
            $"DefaultEndpointsProtocol=http;AccountName=epaportal;AccountKey={Convert.ToBase64String(RandomNumberGenerator.GetBytes(64))};BlobEndpoint=http://127.0.0.1:{Azurite.FreePort()}/epaportal;",
            "evidence");
        var options = Options.Create(new StorageOptions { Provider = EvidenceStoreProvider.AzureBlob });
        var check = new EvidenceStoreReadyCheck(new AzureBlobEvidenceStore(unreachable, options, NullLogger<AzureBlobEvidenceStore>.Instance), options);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal("The evidence store is not available.", result.Description);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    private async Task<int> CountStagingAsync() => await CountAsync(AzureBlobEvidenceStore.StagingPrefix, BlobStates.Uncommitted);

    private async Task<int> CountFilesAsync() => await CountAsync(AzureBlobEvidenceStore.FilesPrefix, BlobStates.None);

    private async Task<int> CountAsync(string prefix, BlobStates states)
    {
        var count = 0;
        await foreach (var _ in Portal.ContainerClient.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix, States = states }))
        {
            count++;
        }

        return count;
    }
}
