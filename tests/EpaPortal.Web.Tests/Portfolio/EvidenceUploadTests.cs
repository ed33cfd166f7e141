using System.Net;
using System.Net.Http.Json;
using EpaPortal.Domain.Evidence;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Tests.Portfolio;

/// <summary>A portal with small limits, so size and quota refusals are quick to provoke.</summary>
public sealed class SmallLimitsPortalFactory : PortalFactory
{
    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        builder.UseSetting("Uploads:MaxFileMegabytes", "1");
        builder.UseSetting("Uploads:QuotaMegabytesPerCase", "2");
    }
}

[Trait(Category.Name, Category.Integration)]
[Trait(Category.Name, Category.Security)]
public class EvidenceUploadTests(SmallLimitsPortalFactory factory) : IClassFixture<SmallLimitsPortalFactory>
{
    [Fact]
    public async Task BatchWithOneBadFile_StoresTheOthersAndNamesTheBadOne()
    {
        var (email, caseId) = await TestApprentices.CreateAsync(factory);
        using var client = await factory.SignInAsync(email);

        var result = await Uploads.UploadAsync(client,
            new UploadFile("design.pdf", Files.Pdf()),
            new UploadFile("invoice.pdf", Files.Exe()),
            new UploadFile("screen.png", Files.Png()));

        Assert.Equal(3, result.Files.Count);
        Assert.True(result.Files[0].Accepted, result.Files[0].Message);
        Assert.False(result.Files[1].Accepted);
        Assert.Contains("invoice.pdf", result.Files[1].Message, StringComparison.Ordinal);
        Assert.Contains("does not look like a PDF", result.Files[1].Message, StringComparison.Ordinal);
        Assert.True(result.Files[2].Accepted, result.Files[2].Message);

        var stored = await factory.WithDbAsync(db => db.EvidenceItems.Where(e => e.CaseId == caseId).Select(e => e.CurrentFile!.OriginalFileName).OrderBy(n => n).ToListAsync());
        Assert.Equal(["design.pdf", "screen.png"], stored);
    }

    [Theory]
    [InlineData("setup.exe", "is a .exe file, which is not accepted")]
    [InlineData("script.js", "is a .js file, which is not accepted")]
    [InlineData("README", "has no file extension")]
    public async Task RefusedType_IsNamedWithTheReason(string name, string reason)
    {
        var (email, caseId) = await TestApprentices.CreateAsync(factory);
        using var client = await factory.SignInAsync(email);

        var result = await Uploads.UploadAsync(client, new UploadFile(name, Files.Pdf()));

        var outcome = Assert.Single(result.Files);
        Assert.False(outcome.Accepted);
        Assert.StartsWith($"{name} was not uploaded: it {reason}", outcome.Message, StringComparison.Ordinal);
        Assert.Equal(0, await CountFilesAsync(caseId));
    }

    [Theory]
    [InlineData("report.pdf")]
    [InlineData("photo.png")]
    [InlineData("photo.jpg")]
    [InlineData("notes.docx")]
    [InlineData("sheet.xlsx")]
    [InlineData("legacy.doc")]
    [InlineData("code.zip")]
    public async Task SpoofedSignature_ExecutableWithAnAllowedExtension_IsRefused(string name)
    {
        var (email, caseId) = await TestApprentices.CreateAsync(factory);
        using var client = await factory.SignInAsync(email);

        var outcome = Assert.Single((await Uploads.UploadAsync(client, new UploadFile(name, Files.Exe()))).Files);

        Assert.False(outcome.Accepted);
        Assert.Contains(name, outcome.Message, StringComparison.Ordinal);
        Assert.Equal(0, await CountFilesAsync(caseId));
    }

    [Fact]
    public async Task GenuineFilesOfEveryKind_AreAccepted()
    {
        var (email, caseId) = await TestApprentices.CreateAsync(factory);
        using var client = await factory.SignInAsync(email);

        var result = await Uploads.UploadAsync(client,
            new UploadFile("a.pdf", Files.Pdf()),
            new UploadFile("b.png", Files.Png()),
            new UploadFile("c.jpeg", Files.Jpeg()),
            new UploadFile("d.docx", Files.Docx()),
            new UploadFile("e.zip", Files.SourceZip()),
            new UploadFile("f.md", Files.Text("# Notes\nÜmlauts and emoji 🎉 are fine.\n")),
            new UploadFile("g.txt", Files.Text("plain")));

        Assert.All(result.Files, f => Assert.True(f.Accepted, f.Message));
        var types = await factory.WithDbAsync(db => db.StoredFiles.Where(f => f.CaseId == caseId).Select(f => f.ContentType).ToListAsync());
        Assert.Contains("application/pdf", types);
        Assert.Contains("text/markdown; charset=utf-8", types);
    }

    [Theory]
    [InlineData("bomb.zip", "zip bomb")]
    [InlineData("nested.zip", "contains another archive ('inner/lib.zip')")]
    [InlineData("slip.zip", "unsafe path")]
    [InlineData("fake.docx", "does not look like a Word document")]
    [InlineData("binary.txt", "is not a plain text file")]
    [InlineData("latin1.md", "is not a plain text file")]
    public async Task DangerousOrMislabelledContent_IsRefused(string name, string reason)
    {
        var content = name switch
        {
            "bomb.zip" => Files.ZipBomb(),
            "nested.zip" => Files.Zip(("inner/lib.zip", Files.SourceZip()), ("a.cs", Files.Text("class A {}"))),
            "slip.zip" => Files.Zip(("../../etc/cron.d/job", Files.Text("x"))),
            "fake.docx" => Files.SourceZip(),
            "binary.txt" => [0x61, 0x00, 0x62],
            _ => [0x43, 0x61, 0x66, 0xE9, 0x0A],
        };
        var (email, caseId) = await TestApprentices.CreateAsync(factory);
        using var client = await factory.SignInAsync(email);

        var outcome = Assert.Single((await Uploads.UploadAsync(client, new UploadFile(name, content))).Files);

        Assert.False(outcome.Accepted);
        Assert.Contains(reason, outcome.Message, StringComparison.Ordinal);
        Assert.Equal(0, await CountFilesAsync(caseId));
    }

    [Fact]
    public async Task Oversize_IsRefusedAndLeavesNothingBehind()
    {
        var (email, caseId) = await TestApprentices.CreateAsync(factory);
        using var client = await factory.SignInAsync(email);

        var result = await Uploads.UploadAsync(client,
            new UploadFile("big.pdf", Files.Pdf((1024 * 1024) + 1)),
            new UploadFile("fits.pdf", Files.Pdf(1024 * 1024)));

        Assert.False(result.Files[0].Accepted);
        Assert.Equal("big.pdf was not uploaded: it is larger than the 1 MB limit per file.", result.Files[0].Message);
        Assert.True(result.Files[1].Accepted, result.Files[1].Message);
        Assert.Equal(1, await CountFilesAsync(caseId));
        Assert.Empty(Directory.GetFiles(Path.Combine(TestApprentices.EvidenceRoot(factory), ".tmp")));
    }

    [Fact]
    public async Task EmptyFile_IsRefused()
    {
        var (email, caseId) = await TestApprentices.CreateAsync(factory);
        using var client = await factory.SignInAsync(email);

        var outcome = Assert.Single((await Uploads.UploadAsync(client, new UploadFile("empty.pdf", []))).Files);

        Assert.False(outcome.Accepted);
        Assert.Equal("empty.pdf was not uploaded: it is empty.", outcome.Message);
        Assert.Equal(0, await CountFilesAsync(caseId));
    }

    [Fact]
    public async Task OverQuota_IsRefusedWithTheQuota_WhileEarlierFilesStay()
    {
        var (email, caseId) = await TestApprentices.CreateAsync(factory);
        using var client = await factory.SignInAsync(email);

        var result = await Uploads.UploadAsync(client,
            new UploadFile("one.pdf", Files.Pdf(900 * 1024)),
            new UploadFile("two.pdf", Files.Pdf(900 * 1024)),
            new UploadFile("three.pdf", Files.Pdf(900 * 1024)));

        Assert.True(result.Files[0].Accepted);
        Assert.True(result.Files[1].Accepted);
        Assert.False(result.Files[2].Accepted);
        Assert.Contains("would go over your storage quota of 2 MB", result.Files[2].Message, StringComparison.Ordinal);
        Assert.Equal(2, await CountFilesAsync(caseId));
    }

    [Theory]
    [InlineData("../../../etc/passwd.txt", "passwd.txt")]
    [InlineData("C:\\Users\\amira\\..\\Desktop\\report.pdf", "report.pdf")]
    [InlineData("/var/www/wwwroot/shell.pdf", "shell.pdf")]
    [InlineData("fdp\u202E.exe.pdf", "fdp.exe.pdf")]
    [InlineData("bad<>:|?*name\u0007.pdf", "bad______name.pdf")]
    [InlineData("CON.pdf", "_CON.pdf")]
    public async Task PathCharactersInTheName_AreStripped_AndNothingIsWrittenOutsideTheStore(string name, string expected)
    {
        var (email, caseId) = await TestApprentices.CreateAsync(factory);
        using var client = await factory.SignInAsync(email);
        var content = name.EndsWith(".txt", StringComparison.Ordinal) ? Files.Text("root:x:0:0") : Files.Pdf();

        var outcome = Assert.Single((await Uploads.UploadAsync(client, new UploadFile(name, content))).Files);

        Assert.True(outcome.Accepted, outcome.Message);
        var file = await factory.WithDbAsync(db => db.StoredFiles.SingleAsync(f => f.CaseId == caseId));
        Assert.Equal(expected, file.OriginalFileName);
        Assert.Matches("^[0-9a-f]{32}$", file.StorageKey);
        var root = TestApprentices.EvidenceRoot(factory);
        Assert.True(File.Exists(Path.Combine(root, file.StorageKey[..2], file.StorageKey)));
        Assert.Empty(Directory.EnumerateFiles(factory.DataFolder, expected, SearchOption.AllDirectories));
    }

    [Fact]
    public async Task MissingAntiforgeryToken_IsRefusedBeforeAnyFileIsRead()
    {
        var (email, caseId) = await TestApprentices.CreateAsync(factory);
        using var client = await factory.SignInAsync(email);

        var response = await Uploads.PostAsync(client, "/apprentice/portfolio/upload", [new UploadFile("a.pdf", Files.Pdf())], withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await CountFilesAsync(caseId));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TokenAfterTheDetailsButBeforeTheFiles_IsAccepted(bool json)
    {
        var (email, caseId) = await TestApprentices.CreateAsync(factory);
        using var client = await factory.SignInAsync(email);

        var response = await Uploads.PostAsync(client, "/apprentice/portfolio/upload", [new UploadFile("late-token.pdf", Files.Pdf())], json: json, tokenAt: TokenAt.AfterFields);

        if (json)
        {
            Assert.True(Assert.Single((await Uploads.ReadAsync(response)).Files).Accepted);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        Assert.Equal("late-token", await factory.WithDbAsync(db => db.EvidenceItems.Where(e => e.CaseId == caseId).Select(e => e.Title).SingleAsync()));
        Assert.Equal("Built the refund endpoint with tests.", await factory.WithDbAsync(db => db.EvidenceItems.Where(e => e.CaseId == caseId).Select(e => e.Description).SingleAsync()));
    }

    [Fact]
    public async Task TokenAfterTheFiles_IsRefusedWithAClearMessage_OnAPageAndInJson_AndNothingIsStored()
    {
        var (email, caseId) = await TestApprentices.CreateAsync(factory);
        using var client = await factory.SignInAsync(email);

        var page = await Uploads.PostAsync(client, "/apprentice/portfolio/upload", [new UploadFile("a.pdf", Files.Pdf())], json: false, tokenAt: TokenAt.AfterFiles);
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await PortalClient.ParseAsync(page);
        Assert.Contains("security token arrived after the files", html.QuerySelector(".upload-refused[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("/apprentice/portfolio/upload", html.QuerySelector("main a[href='/apprentice/portfolio/upload']")!.GetAttribute("href"));

        var script = await Uploads.PostAsync(client, "/apprentice/portfolio/upload", [new UploadFile("a.pdf", Files.Pdf())], json: true, tokenAt: TokenAt.AfterFiles);
        Assert.Equal(HttpStatusCode.BadRequest, script.StatusCode);
        var body = (await script.Content.ReadFromJsonAsync<UploadJson>())!;
        Assert.Empty(body.Files);
        Assert.Contains("security token arrived after the files", body.Problem, StringComparison.Ordinal);

        Assert.Equal(0, await CountFilesAsync(caseId));
    }

    [Fact]
    public async Task MissingToken_OnThePlainForm_GetsAPageSayingWhy()
    {
        var (email, caseId) = await TestApprentices.CreateAsync(factory);
        using var client = await factory.SignInAsync(email);

        var response = await Uploads.PostAsync(client, "/apprentice/portfolio/upload", [new UploadFile("a.pdf", Files.Pdf())], json: false, withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await PortalClient.ParseAsync(response);
        Assert.Contains("could not be verified", html.QuerySelector(".upload-refused[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await CountFilesAsync(caseId));
    }

    [Fact]
    public async Task IncompleteDetails_RefuseTheFiles_AndTheFormKeepsWhatWasTyped()
    {
        var (email, caseId) = await TestApprentices.CreateAsync(factory);
        using var client = await factory.SignInAsync(email);

        var response = await Uploads.PostAsync(client, "/apprentice/portfolio/upload", [new UploadFile("a.pdf", Files.Pdf())],
            Uploads.Details(project: "", description: "My typed description"), json: false);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalClient.ParseAsync(response);
        Assert.Contains("Name the real work project the evidence came from.", page.QuerySelector("[data-valmsg-for='Details.ProjectName']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("My typed description", page.QuerySelector("textarea[name='Details.Description']")!.TextContent.Trim());
        Assert.Equal(0, await CountFilesAsync(caseId));
    }

    [Fact]
    public async Task PlainFormWithoutScript_UploadsSeveralFiles_AndRedirectsToThePortfolio()
    {
        var (email, caseId) = await TestApprentices.CreateAsync(factory);
        using var client = await factory.SignInAsync(email);

        var response = await Uploads.PostAsync(client, "/apprentice/portfolio/upload",
            [new UploadFile("first.pdf", Files.Pdf()), new UploadFile("second.png", Files.Png())], json: false);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/apprentice/portfolio", response.Headers.Location!.OriginalString);
        var titles = await factory.WithDbAsync(db => db.EvidenceItems.Where(e => e.CaseId == caseId).Select(e => e.Title).OrderBy(t => t).ToListAsync());
        Assert.Equal(["first", "second"], titles);

        var (_, portfolio) = await client.GetPageAsync("/apprentice/portfolio");
        Assert.Contains("first.pdf was uploaded as 'first'.", portfolio.QuerySelector(".upload-outcomes")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UploadPage_HasTheFileInputAndTheScriptButNoInlineScript()
    {
        var (email, _) = await TestApprentices.CreateAsync(factory);
        using var client = await factory.SignInAsync(email);

        var (response, page) = await client.GetPageAsync("/apprentice/portfolio/upload");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var form = page.QuerySelector("form#evidence-upload")!;
        Assert.Equal("__RequestVerificationToken", form.QuerySelector("input")!.GetAttribute("name"));
        Assert.Equal("multipart/form-data", form.GetAttribute("enctype"));
        Assert.NotNull(page.QuerySelector("input[type=file][multiple][name=files]"));
        Assert.NotNull(page.QuerySelector("label[for=evidence-files]"));
        Assert.NotNull(page.QuerySelector("script[src^='/js/evidence-upload.js']"));
        Assert.DoesNotContain(page.QuerySelectorAll("script"), s => s.GetAttribute("src") is null);
    }

    [Theory]
    [InlineData("/apprentice")]
    [InlineData("/apprentice/portfolio")]
    [InlineData("/apprentice/portfolio/upload")]
    [InlineData("/apprentice/portfolio/coverage")]
    [InlineData("/apprentice/portfolio/submit")]
    [InlineData("/apprentice/project")]
    public async Task ApprenticePages_HaveNoInlineStyleOrScript_WhichTheContentSecurityPolicyWouldBlock(string path)
    {
        var (email, _) = await TestApprentices.CreateAsync(factory);
        using var client = await factory.SignInAsync(email);

        var (response, page) = await client.GetPageAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(page.QuerySelectorAll("[style]"));
        Assert.Empty(page.QuerySelectorAll("script:not([src])"));
        Assert.DoesNotContain(page.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.Ordinal)));
    }

    private Task<int> CountFilesAsync(int caseId) =>
        factory.WithDbAsync(db => db.StoredFiles.CountAsync(f => f.CaseId == caseId && f.Purpose == FilePurpose.PortfolioEvidence));
}
