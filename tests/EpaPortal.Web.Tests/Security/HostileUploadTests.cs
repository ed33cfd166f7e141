using System.Net;
using System.Text;
using EpaPortal.Domain.Evidence;
using EpaPortal.Web.Tests.Employer;
using EpaPortal.Web.Tests.Gateway;
using EpaPortal.Web.Tests.Infrastructure;
using EpaPortal.Web.Tests.Portfolio;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Tests.Security;

/// <summary>A portal with a 1 MB file limit and at most 50 entries in a ZIP, so the limits are quick to reach.</summary>
public sealed class HostileUploadPortalFactory : PortalFactory
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private (string Email, int CaseId) _portfolio;
    private (string Email, int CaseId) _project;
    private int _gateway;

    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        builder.UseSetting("Uploads:MaxFileMegabytes", "1");
        builder.UseSetting("Uploads:ZipMaxEntries", "50");
    }

    /// <summary>One apprentice (and case) whose portfolio every test of the class uploads to.</summary>
    public async Task<(string Email, int CaseId)> PortfolioAsync()
    {
        await OnceAsync(() => _portfolio.CaseId != 0, async () => _portfolio = await TestApprentices.CreateAsync(this));
        return _portfolio;
    }

    /// <summary>One apprentice whose project window is open.</summary>
    public async Task<(string Email, int CaseId)> ProjectAsync()
    {
        await OnceAsync(() => _project.CaseId != 0, async () =>
        {
            var (email, caseId) = await TestApprentices.CreateAsync(this);
            await TestApprentices.SetStateAsync(this, caseId, Domain.Cases.CaseState.ProjectInProgress);
            var opens = Clock.GetUtcNow().AddHours(-1);
            await WithDbAsync(async db =>
            {
                db.ProjectSubmissions.Add(new Domain.Assessment.ProjectSubmission(caseId, 1, "Timesheet importer", "Build a small service.", opens, opens.AddDays(7)));
                await db.SaveChangesAsync();
            });
            _project = (email, caseId);
        });
        return _project;
    }

    /// <summary>One case of the demo employer ready for its gateway.</summary>
    public async Task<int> GatewayCaseAsync()
    {
        await OnceAsync(() => _gateway != 0, async () => _gateway = (await EmployerScenario.ReadyForGatewayAsync(this)).CaseId);
        return _gateway;
    }

    private async Task OnceAsync(Func<bool> done, Func<Task> create)
    {
        await _lock.WaitAsync();
        try
        {
            if (!done())
            {
                await create();
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _lock.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>
/// A corpus of hostile files sent through every real upload endpoint (portfolio evidence, project
/// deliverables, gateway certificates). Each is refused with a message naming the file and leaves nothing
/// on disk or in the database, or (odd but harmless names and text) is stored under a random key and only
/// ever downloaded as an attachment with nosniff.
/// </summary>
[Trait(Category.Name, Category.Security)]
[Trait(Category.Name, Category.Integration)]
public class HostileUploadTests(HostileUploadPortalFactory factory) : IClassFixture<HostileUploadPortalFactory>
{
    /// <summary>The EICAR anti-virus test file (split so this source file is not flagged by a scanner).</summary>
    public static readonly string Eicar = @"X5O!P%@AP[4\PZX54(P^)7CC)7}$" + "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

    public const string Portfolio = "portfolio";
    public const string Project = "project";
    public const string GatewayEndpoint = "gateway";

    /// <summary>A hostile file: what is sent, the name the portal should show, and why it is refused.</summary>
    public sealed record Hostile(string RawName, byte[] Content, string ShownName, string Reason);

    public static Hostile Refused(string key) => key switch
    {
        "exe-as-pdf" => new("invoice.pdf", Files.Exe(), "invoice.pdf", "does not look like a PDF"),
        "html-as-pdf" => new("statement.pdf", Files.Text("<html><body><script>alert(document.cookie)</script></body></html>"), "statement.pdf", "does not look like a PDF"),
        "svg-as-png" => new("diagram.png", Files.Text("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><script>alert(2)</script></svg>"), "diagram.png", "does not look like a PNG image"),
        "php-double-extension" => new("shell.php.png", Files.Text("<?php system($_GET['c']); ?>"), "shell.php.png", "does not look like a PNG image"),
        "exe-double-extension" => new("report.pdf.exe", Files.Pdf(), "report.pdf.exe", "is a .exe file, which is not accepted"),
        "rtl-override" => new("\u202Efdp.exe", Files.Exe(), "fdp.exe", "is a .exe file, which is not accepted"),
        "traversal-exe" => new("../../../../evil.exe", Files.Exe(), "evil.exe", "is a .exe file, which is not accepted"),
        "html" => new("page.html", Files.Text("<script>alert(1)</script>"), "page.html", "is a .html file, which is not accepted"),
        "svg" => new("logo.svg", Files.Text("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"), "logo.svg", "is a .svg file, which is not accepted"),
        "zero-bytes" => new("empty.pdf", [], "empty.pdf", "is empty"),
        "over-limit" => new("huge.pdf", Files.Pdf((1024 * 1024) + 1), "huge.pdf", "is larger than the 1 MB limit per file"),
        "eicar-txt" => new("eicar.txt", Files.Text(Eicar), "eicar.txt", "EICAR anti-virus test signature"),
        "eicar-md" => new("readme.md", Files.Text("# Notes\n" + Eicar + "\n"), "readme.md", "EICAR anti-virus test signature"),
        "eicar-pdf" => new("eicar.pdf", Files.Text(Eicar), "eicar.pdf", "EICAR anti-virus test signature"),
        "zip-bomb-ratio" => new("bomb.zip", Files.ZipBomb(), "bomb.zip", "zip bomb"),
        "zip-too-many-entries" => new("many.zip", Files.Zip(Enumerable.Range(0, 51).Select(i => ($"f{i}.txt", Files.Text("x"))).ToArray()), "many.zip", "has 51 entries; the most allowed is 50"),
        "zip-nested" => new("nested.zip", Files.Zip(("inner.zip", Files.SourceZip())), "nested.zip", "contains another archive ('inner.zip')"),
        "zip-slip" => new("slip.zip", Files.Zip(("../../etc/cron.d/job", Files.Text("* * * * * root sh"))), "slip.zip", "unsafe path"),
        "not-a-zip" => new("code.zip", Files.Pdf(), "code.zip", "does not look like a ZIP"),
        _ => throw new ArgumentOutOfRangeException(nameof(key)),
    };

    public static TheoryData<string, string> RefusedCases()
    {
        string[] keys =
        [
            "exe-as-pdf", "html-as-pdf", "svg-as-png", "php-double-extension", "exe-double-extension", "rtl-override", "traversal-exe",
            "html", "svg", "zero-bytes", "over-limit", "eicar-txt", "eicar-md", "eicar-pdf", "zip-bomb-ratio", "zip-too-many-entries",
            "zip-nested", "zip-slip", "not-a-zip",
        ];
        var data = new TheoryData<string, string>();
        foreach (var endpoint in new[] { Portfolio, Project, GatewayEndpoint })
        {
            foreach (var key in keys)
            {
                data.Add(endpoint, key);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RefusedCases))]
    public async Task HostileFile_IsRefusedNamingTheFile_AndLeavesNothingOnDiskOrInTheDatabase(string endpoint, string key)
    {
        var hostile = Refused(key);
        await PrepareAsync(endpoint);
        var before = await SnapshotAsync();

        var messages = await UploadAsync(endpoint, hostile.RawName, hostile.Content);

        var message = Assert.Single(messages, m => m.Contains(hostile.Reason, StringComparison.Ordinal));
        Assert.StartsWith($"{hostile.ShownName} was not uploaded: it ", message, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());
    }

    public static TheoryData<string, string, string, string> InertCases() => new()
    {
        // raw name ({NUL}, {CR}, {LF} stand for control characters), content kind, stored name, content type served
        { "../../x.pdf", "pdf", "x.pdf", "application/pdf" },
        { "a{NUL}b.pdf", "pdf", "ab.pdf", "application/pdf" },
        { "..\\..\\windows\\win.ini.txt", "text", "win.ini.txt", "text/plain; charset=utf-8" },
        { "report{CR}{LF}Set-Cookie: x=1.pdf", "pdf", "reportSet-Cookie_ x=1.pdf", "application/pdf" },
        { "\"><img src=x onerror=alert(1)>.txt", "html", "___img src=x onerror=alert(1)_.txt", "text/plain; charset=utf-8" },
        { "xss.md", "html", "xss.md", "text/markdown; charset=utf-8" },
        { "résumé\u0301 2026.pdf", "pdf", "résumé\u0301 2026.pdf".Normalize(NormalizationForm.FormC), "application/pdf" },
    };

    [Theory]
    [MemberData(nameof(InertCases))]
    public async Task OddButHarmlessFile_IsStoredUnderARandomKey_AndOnlyServedAsAnAttachment(string rawName, string kind, string storedName, string contentType)
    {
        var (email, caseId) = await factory.PortfolioAsync();
        using var client = await factory.SignInAsync(email);
        var content = kind switch
        {
            "pdf" => Files.Pdf(),
            "html" => Files.Text("<html><script>alert(document.cookie)</script><svg onload=alert(1)></svg></html>"),
            _ => Files.Text("[boot loader]\r\n"),
        };
        var filesBefore = EvidenceFilesOnDisk();

        rawName = rawName.Replace("{NUL}", "\0", StringComparison.Ordinal).Replace("{CR}", "\r", StringComparison.Ordinal).Replace("{LF}", "\n", StringComparison.Ordinal);
        var response = await PostEncodedNameAsync(client, rawName, content);
        var outcome = Assert.Single((await Uploads.ReadAsync(response)).Files);

        Assert.True(outcome.Accepted, outcome.Message);
        var file = await factory.WithDbAsync(db => db.StoredFiles.AsNoTracking().SingleAsync(f => f.CaseId == caseId && f.OriginalFileName == storedName));
        Assert.Matches("^[0-9a-f]{32}$", file.StorageKey);
        Assert.Equal(contentType, file.ContentType);
        var added = EvidenceFilesOnDisk().Except(filesBefore).ToList();
        Assert.Equal(Path.Combine(file.StorageKey[..2], file.StorageKey), Assert.Single(added));
        Assert.Empty(Directory.EnumerateFiles(TemporaryFolder()));

        var download = await client.GetAsync($"/evidence/files/{file.Id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(storedName, download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(contentType, download.Content.Headers.ContentType?.ToString());
        Assert.Equal("nosniff", Assert.Single(download.Headers.GetValues("X-Content-Type-Options")));
        Assert.Contains("no-store", download.Headers.CacheControl?.ToString() ?? string.Empty, StringComparison.Ordinal);

        // No header was split by the name, and the bytes come back exactly as sent (never rendered).
        Assert.False(download.Headers.Contains("Set-Cookie"));
        Assert.Equal(content, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task AZipBomb_IsRefusedFromItsDirectory_WithoutBeingUnpacked()
    {
        var (email, _) = await factory.PortfolioAsync();
        using var client = await factory.SignInAsync(email);
        var bomb = Files.ZipBomb();
        var bytesBefore = EvidenceBytesOnDisk();

        var outcome = Assert.Single((await Uploads.UploadAsync(client, new UploadFile("bomb.zip", bomb))).Files);

        Assert.False(outcome.Accepted);
        Assert.Contains("zip bomb", outcome.Message, StringComparison.Ordinal);

        // The archive was under 1 MB; unpacked it is 20 MB. Nothing of that size ever reached the store.
        Assert.True(bomb.Length < 1024 * 1024);
        Assert.Equal(bytesBefore, EvidenceBytesOnDisk());
    }

    private async Task PrepareAsync(string endpoint)
    {
        _ = endpoint switch
        {
            Portfolio => (await factory.PortfolioAsync()).CaseId,
            Project => (await factory.ProjectAsync()).CaseId,
            _ => await factory.GatewayCaseAsync(),
        };
    }

    /// <summary>Posts one file whose name is sent RFC 5987-encoded (filename*), so control characters reach the portal.</summary>
    private static async Task<HttpResponseMessage> PostEncodedNameAsync(PortalClient client, string rawName, byte[] content)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(await client.GetAntiforgeryTokenAsync("/apprentice/portfolio/upload")), "__RequestVerificationToken" },
        };
        foreach (var (name, value) in Uploads.Details())
        {
            form.Add(new StringContent(value), name);
        }

        var part = new ByteArrayContent(content);
        part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        part.Headers.ContentDisposition = new System.Net.Http.Headers.ContentDispositionHeaderValue("form-data") { Name = "\"files\"", FileNameStar = rawName };
        form.Add(part);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/apprentice/portfolio/upload", UriKind.Relative)) { Content = form };
        request.Headers.Accept.Add(new System.Net.Http.Headers.MediaTypeWithQualityHeaderValue("application/json"));
        return await client.Http.SendAsync(request);
    }

    private async Task<IReadOnlyList<string>> UploadAsync(string endpoint, string name, byte[] content)
    {
        switch (endpoint)
        {
            case Portfolio:
            {
                var (email, _) = await factory.PortfolioAsync();
                using var client = await factory.SignInAsync(email);
                var result = await Uploads.ReadAsync(await Uploads.PostAsync(client, "/apprentice/portfolio/upload", [new UploadFile(name, content)]));
                Assert.All(result.Files, f => Assert.False(f.Accepted, f.Message));
                return result.Files.Select(f => f.Message).ToList();
            }

            case Project:
            {
                var (email, _) = await factory.ProjectAsync();
                using var client = await factory.SignInAsync(email);
                var response = await Uploads.PostAsync(client, "/apprentice/project/upload", [new UploadFile(name, content)], fields: new Dictionary<string, string>());
                var result = await Uploads.ReadAsync(response);
                Assert.All(result.Files, f => Assert.False(f.Accepted, f.Message));
                return result.Files.Select(f => f.Message).ToList();
            }

            default:
            {
                var caseId = await factory.GatewayCaseAsync();
                using var employer = await factory.SignInAsync(Demo.Employer);
                var response = await GatewayForm.PostAsync(employer, caseId, GatewayForm.Complete(), [new SlotFile("module-0", name, content)]);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var page = await PortalClient.ParseAsync(response);
                return page.QuerySelectorAll("li").Select(e => e.TextContent.Trim()).Where(t => t.Contains(" was not uploaded: it ", StringComparison.Ordinal)).Distinct().ToList();
            }
        }
    }

    private sealed record Snapshot(int StoredFiles, int EvidenceItems, int EvidenceVersions, int GatewaySubmissions, string Files);

    private async Task<Snapshot> SnapshotAsync()
    {
        var (files, items, versions, gateways) = await factory.WithDbAsync(async db => (
            await db.StoredFiles.CountAsync(),
            await db.EvidenceItems.CountAsync(),
            await db.Set<EvidenceItemVersion>().CountAsync(),
            await db.GatewaySubmissions.CountAsync()));
        var onDisk = EvidenceFilesOnDisk().Order(StringComparer.Ordinal).ToList();
        return new Snapshot(files, items, versions, gateways, string.Join('|', onDisk));
    }

    private string EvidenceRoot() => TestApprentices.EvidenceRoot(factory);

    private string TemporaryFolder() => Path.Combine(EvidenceRoot(), ".tmp");

    /// <summary>Every file under the store's root, the temporary folder included (relative paths).</summary>
    private List<string> EvidenceFilesOnDisk() =>
        Directory.EnumerateFiles(EvidenceRoot(), "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(EvidenceRoot(), p)).ToList();

    private long EvidenceBytesOnDisk() =>
        Directory.EnumerateFiles(EvidenceRoot(), "*", SearchOption.AllDirectories).Sum(p => new FileInfo(p).Length);
}
