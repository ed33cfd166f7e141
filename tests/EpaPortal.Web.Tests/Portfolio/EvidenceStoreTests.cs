using System.Security.Cryptography;
using EpaPortal.Web.Storage;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpaPortal.Web.Tests.Portfolio;

/// <summary>The sweep runs only when a test asks (no periodic sweep racing the assertions).</summary>
public sealed class NoPeriodicSweepPortalFactory : PortalFactory
{
    protected override void ConfigureSettings(IWebHostBuilder builder) => builder.UseSetting("Storage:SweepIntervalMinutes", "0");
}

[Trait(Category.Name, Category.Integration)]
public class EvidenceStoreTests(NoPeriodicSweepPortalFactory factory) : IClassFixture<NoPeriodicSweepPortalFactory>
{
    private IEvidenceStore Store => factory.Services.GetRequiredService<IEvidenceStore>();

    private string Root => TestApprentices.EvidenceRoot(factory);

    [Fact]
    public async Task Stage_HashesWhileWriting_AndCommitMovesTheFileIntoPlace()
    {
        var content = RandomNumberGenerator.GetBytes(1_000_000);
        await using var staged = await Store.StageAsync(new MemoryStream(content), 2_000_000, CancellationToken.None);

        Assert.Equal(content.Length, staged.Length);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), staged.Sha256);
        Assert.Equal(content.AsSpan(0, StagedFile.HeaderLength).ToArray(), staged.Header.ToArray());

        var key = await Store.CommitAsync(staged, CancellationToken.None);
        await using var read = await Store.OpenVerifiedAsync(key, staged.Sha256, CancellationToken.None);
        Assert.Equal(StoredFileReadStatus.Ok, read.Status);
        using var copy = new MemoryStream();
        await read.Content!.CopyToAsync(copy);
        Assert.Equal(content, copy.ToArray());
        await Store.DeleteAsync(key, CancellationToken.None);
    }

    [Fact]
    public async Task InterruptedStream_LeavesNoTemporaryFile()
    {
        var before = Directory.GetFiles(Path.Combine(Root, ".tmp")).Length;

        await Assert.ThrowsAsync<IOException>(() => Store.StageAsync(new FailingStream(300_000), 10_000_000, CancellationToken.None));

        Assert.Equal(before, Directory.GetFiles(Path.Combine(Root, ".tmp")).Length);
    }

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
    public void StorageKeysThatAreNotKeys_AreRefused()
    {
        var store = (FileSystemEvidenceStore)Store;

        Assert.Throws<ArgumentException>(() => store.PathOf("../../etc/passwd"));
        Assert.Throws<ArgumentException>(() => store.PathOf("ABCDEF0123456789ABCDEF0123456789"));
        Assert.StartsWith(Root, store.PathOf("0123456789abcdef0123456789abcdef"), StringComparison.Ordinal);
    }

    [Fact]
    public void EvidenceFolder_IsOutsideWwwroot()
    {
        var environment = factory.Services.GetRequiredService<IWebHostEnvironment>();

        Assert.False(Path.GetFullPath(Root).StartsWith(Path.GetFullPath(environment.WebRootPath), StringComparison.Ordinal));
    }

    /// <summary>Gives <paramref name="length"/> bytes, then fails like a dropped connection.</summary>
    private sealed class FailingStream(int length, byte[]? prefix = null) : Stream
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
}
