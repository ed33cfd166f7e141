using System.Net;
using System.Security.Cryptography;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Tests.Portfolio;

[Trait(Category.Name, Category.Integration)]
[Trait(Category.Name, Category.Security)]
public class EvidenceAccessTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Download_VerifiesTheHash_AndIsServedAsANoSniffAttachment()
    {
        var (email, _) = await TestApprentices.CreateAsync(factory);
        using var client = await factory.SignInAsync(email);
        var content = Files.Pdf(300_000);
        var itemId = (await Uploads.UploadAsync(client, new UploadFile("design notes.pdf", content))).Files[0].ItemId!.Value;
        var file = await factory.WithDbAsync(db => db.EvidenceItems.Where(e => e.Id == itemId).Select(e => e.CurrentFile!).SingleAsync());

        var response = await client.GetAsync($"/evidence/files/{file.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(content, bytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), file.Sha256);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("design notes.pdf", response.Content.Headers.ContentDisposition.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName!.Trim('"'));
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Download_OfAFileChangedOnDisk_ShowsAnErrorPage_AndNeverTheBytes()
    {
        var (email, _) = await TestApprentices.CreateAsync(factory);
        using var client = await factory.SignInAsync(email);
        var itemId = (await Uploads.UploadAsync(client, new UploadFile("tampered.txt", Files.Text("original evidence text")))).Files[0].ItemId!.Value;
        var file = await factory.WithDbAsync(db => db.EvidenceItems.Where(e => e.Id == itemId).Select(e => e.CurrentFile!).SingleAsync());
        var path = Path.Combine(TestApprentices.EvidenceRoot(factory), file.StorageKey[..2], file.StorageKey);
        await File.WriteAllTextAsync(path, "TAMPERED evidence text");

        var response = await client.GetAsync($"/evidence/files/{file.Id}");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("failed its integrity check", body, StringComparison.Ordinal);
        Assert.DoesNotContain("TAMPERED", body, StringComparison.Ordinal);
        Assert.Null(response.Content.Headers.ContentDisposition);
    }

    [Theory]
    [InlineData(Demo.Apprentice2)]
    [InlineData(Demo.OtherOrgApprentice)]
    [InlineData(Demo.OtherEmployer)]
    [InlineData(Demo.Assessor2)]
    public async Task Outsiders_GetNotFound_OnList_Item_AndDownload(string outsider)
    {
        var (email, caseId) = await TestApprentices.CreateAsync(factory);
        await TestApprentices.SetAssessorAsync(factory, caseId, Demo.Assessor);
        using var owner = await factory.SignInAsync(email);
        var itemId = (await Uploads.UploadAsync(owner, new UploadFile("mine.pdf", Files.Pdf()))).Files[0].ItemId!.Value;
        var fileId = await factory.WithDbAsync(db => db.EvidenceItems.Where(e => e.Id == itemId).Select(e => e.CurrentFileId).SingleAsync());
        using var client = await factory.SignInAsync(outsider);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/cases/{caseId}/portfolio")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/cases/{caseId}/portfolio/items/{itemId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/evidence/files/{fileId}")).StatusCode);
    }

    [Theory]
    [InlineData(Demo.Apprentice2, HttpStatusCode.NotFound)]
    [InlineData(Demo.OtherOrgApprentice, HttpStatusCode.NotFound)]
    [InlineData(Demo.OtherEmployer, HttpStatusCode.Forbidden)]
    [InlineData(Demo.Employer, HttpStatusCode.Forbidden)]
    public async Task OthersCannotRemoveOrChangeTheEvidence(string other, HttpStatusCode expected)
    {
        var (email, _) = await TestApprentices.CreateAsync(factory);
        using var owner = await factory.SignInAsync(email);
        var itemId = (await Uploads.UploadAsync(owner, new UploadFile("mine.pdf", Files.Pdf()))).Files[0].ItemId!.Value;
        using var client = await factory.SignInAsync(other);
        var tokenPage = other.Contains("employer", StringComparison.Ordinal) ? "/employer" : "/apprentice/portfolio";

        var remove = await client.PostWithTokenAsync(tokenPage, $"/apprentice/portfolio/items/{itemId}/remove", []);
        var edit = await client.PostWithTokenAsync(tokenPage, $"/apprentice/portfolio/items/{itemId}/edit", [new("Input.Title", "Hijacked")]);

        Assert.Equal(expected, remove.StatusCode);
        Assert.Equal(expected, edit.StatusCode);
        var item = await factory.WithDbAsync(db => db.EvidenceItems.SingleAsync(e => e.Id == itemId));
        Assert.Null(item.RemovedAt);
        Assert.Equal("mine", item.Title);
    }

    [Theory]
    [InlineData(Demo.Employer)]
    [InlineData(Demo.Assessor)]
    [InlineData(Demo.QualityAssurer)]
    [InlineData(Demo.Admin)]
    public async Task RelatedPeople_SeeTheListAndDownload(string viewer)
    {
        var (email, caseId) = await TestApprentices.CreateAsync(factory);
        await TestApprentices.SetAssessorAsync(factory, caseId, Demo.Assessor);
        using var owner = await factory.SignInAsync(email);
        var itemId = (await Uploads.UploadAsync(owner, new UploadFile("shared.pdf", Files.Pdf()))).Files[0].ItemId!.Value;
        var fileId = await factory.WithDbAsync(db => db.EvidenceItems.Where(e => e.Id == itemId).Select(e => e.CurrentFileId).SingleAsync());
        using var client = await factory.SignInAsync(viewer);

        var (list, page) = await client.GetPageAsync($"/cases/{caseId}/portfolio");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains("shared.pdf", page.QuerySelector(".evidence-list")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("a[href$='/remove'], a[href='/apprentice/portfolio/upload']"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/evidence/files/{fileId}")).StatusCode);
    }

    [Fact]
    public async Task AnApprenticesOwnItemPages_AreNotFoundForAnotherApprentice()
    {
        var (email, _) = await TestApprentices.CreateAsync(factory);
        using var owner = await factory.SignInAsync(email);
        var itemId = (await Uploads.UploadAsync(owner, new UploadFile("mine.pdf", Files.Pdf()))).Files[0].ItemId!.Value;
        using var other = await factory.SignInAsync(Demo.Apprentice2);

        foreach (var path in new[] { "", "/edit", "/map", "/replace", "/remove" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/apprentice/portfolio/items/{itemId}{path}")).StatusCode);
        }
    }
}
