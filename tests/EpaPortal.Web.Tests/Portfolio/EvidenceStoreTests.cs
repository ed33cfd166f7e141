using EpaPortal.Web.Storage;
using EpaPortal.Web.Tests.Infrastructure;
using EpaPortal.Web.Tests.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpaPortal.Web.Tests.Portfolio;

/// <summary>The sweep runs only when a test asks (no periodic sweep racing the assertions).</summary>
public sealed class NoPeriodicSweepPortalFactory : PortalFactory
{
    protected override void ConfigureSettings(IWebHostBuilder builder) => builder.UseSetting("Storage:SweepIntervalMinutes", "0");
}

/// <summary>The file system store inside the portal (the store's own guarantees: <see cref="EvidenceStoreContract"/>).</summary>
[Trait(Category.Name, Category.Integration)]
public class EvidenceStoreTests(NoPeriodicSweepPortalFactory factory) : IClassFixture<NoPeriodicSweepPortalFactory>
{
    private IEvidenceStore Store => factory.Services.GetRequiredService<IEvidenceStore>();

    private string Root => TestApprentices.EvidenceRoot(factory);

    [Fact]
    public async Task Upload_CutOffMidFile_LeavesNoRowAndNoFile()
    {
        var (email, caseId) = await TestApprentices.CreateAsync(factory);
        using var client = await factory.SignInAsync(email);
        var token = await client.GetAntiforgeryTokenAsync("/apprentice/portfolio/upload");
        var filesBefore = Directory.GetFiles(Root, "*", SearchOption.AllDirectories).Length;

        var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
        };
        foreach (var (name, value) in Uploads.Details())
        {
            content.Add(new StringContent(value), name);
        }

        var part = new StreamContent(new FailingStream(500_000, Files.Pdf(16))) { Headers = { { "Content-Type", "application/pdf" } } };
        content.Add(part, "files", "cut.pdf");
        try
        {
            await client.Http.PostAsync(new Uri("/apprentice/portfolio/upload", UriKind.Relative), content);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException)
        {
            // The client gives up mid-body, as a dropped connection would.
        }

        // The server may still be unwinding the request: give it a moment.
        for (var i = 0; i < 50 && Directory.GetFiles(Path.Combine(Root, ".tmp")).Length > 0; i++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(0, await factory.WithDbAsync(db => db.StoredFiles.CountAsync(f => f.CaseId == caseId)));
        Assert.Equal(0, await factory.WithDbAsync(db => db.EvidenceItems.CountAsync(e => e.CaseId == caseId)));
        Assert.Equal(filesBefore, Directory.GetFiles(Root, "*", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public async Task Sweep_RemovesOldLeftoversAndOrphans_ButKeepsFilesWithRowsAndRecentOnes()
    {
        var (email, caseId) = await TestApprentices.CreateAsync(factory);
        using var client = await factory.SignInAsync(email);
        Assert.True((await Uploads.UploadAsync(client, new UploadFile("kept.pdf", Files.Pdf()))).Files[0].Accepted);
        var kept = await factory.WithDbAsync(db => db.StoredFiles.Where(f => f.CaseId == caseId).Select(f => f.StorageKey).SingleAsync());
        var keptPath = Path.Combine(Root, kept[..2], kept);

        // What a crash leaves: a committed file whose row was never saved, and a half-written temporary file.
        await using var staged = await Store.StageAsync(new MemoryStream(Files.Pdf()), 1_000_000, CancellationToken.None);
        var orphan = await Store.CommitAsync(staged, CancellationToken.None);
        var orphanPath = Path.Combine(Root, orphan[..2], orphan);
        var leftover = Path.Combine(Root, ".tmp", "0123456789abcdef0123456789abcdef.upload");
        await File.WriteAllBytesAsync(leftover, [1, 2, 3]);
        var recentLeftover = Path.Combine(Root, ".tmp", "fedcba9876543210fedcba9876543210.upload");
        await File.WriteAllBytesAsync(recentLeftover, [1, 2, 3]);

        var old = factory.Clock.GetUtcNow().UtcDateTime.AddHours(-3);
        File.SetLastWriteTimeUtc(orphanPath, old);
        File.SetLastWriteTimeUtc(leftover, old);
        File.SetLastWriteTimeUtc(keptPath, old);
        File.SetLastWriteTimeUtc(recentLeftover, factory.Clock.GetUtcNow().UtcDateTime);

        var result = await factory.Services.GetRequiredService<EvidenceStoreSweeper>().SweepAsync(CancellationToken.None);

        Assert.False(File.Exists(orphanPath));
        Assert.False(File.Exists(leftover));
        Assert.True(File.Exists(keptPath));
        Assert.True(File.Exists(recentLeftover));
        Assert.True(result.OrphanFiles >= 1);
        Assert.True(result.TemporaryFiles >= 1);
        File.Delete(recentLeftover);
    }

    [Fact]
    public void EvidenceFolder_IsOutsideWwwroot()
    {
        var environment = factory.Services.GetRequiredService<IWebHostEnvironment>();

        Assert.False(Path.GetFullPath(Root).StartsWith(Path.GetFullPath(environment.WebRootPath), StringComparison.Ordinal));
    }
}
