using System.IO.Compression;
using System.Net;
using System.Text;
using EpaPortal.Domain.Cases;
using EpaPortal.Web.Tests.Assessor;
using EpaPortal.Web.Tests.Infrastructure;

namespace EpaPortal.Web.Tests.Portfolio;

/// <summary>
/// Previews for everyone who may read the evidence (issue 25, item 6): text shown as written, Markdown rendered
/// with its own HTML switched off, a ZIP's list of entries; each a page the portal writes, served under a
/// sandbox policy that runs nothing, only inside the portal's own frame; for the apprentice and the employer
/// as for staff, and for nobody else.
/// </summary>
[Trait(Category.Name, Category.Integration)]
[Trait(Category.Name, Category.Security)]
public class PreviewTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task AText_IsShownAsWritten_WithItsMarkupAsText_UnderASandbox()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.PreInterviewReview);
        var fileId = await AssessorJourney.AddFileAsync(factory, testCase.CaseId, "notes.txt", "text/plain; charset=utf-8", Encoding.UTF8.GetBytes("Release checklist\n<script>alert(1)</script>\n£ sign kept"));
        using var assessor = await factory.SignInAsync(Demo.Assessor);

        var (page, document) = await assessor.GetPageAsync($"/evidence/files/{fileId}/view");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var frame = document.QuerySelector("iframe.evidence-preview-text")!;
        Assert.Equal($"/evidence/files/{fileId}/inline", frame.GetAttribute("src"));
        Assert.True(frame.HasAttribute("sandbox"));

        var inline = await assessor.GetAsync($"/evidence/files/{fileId}/inline");
        Assert.Equal(HttpStatusCode.OK, inline.StatusCode);
        Assert.Equal("text/html", inline.Content.Headers.ContentType!.MediaType);
        AssertSandboxed(inline);
        var html = await inline.Content.ReadAsStringAsync();
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("£ sign kept", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Markdown_IsRendered_WithoutAnyHtmlOfItsOwn()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.PreInterviewReview);
        var markdown = "# Design notes\n\nThe **booking** service.\n\n<img src=x onerror=alert(1)>\n\n| A | B |\n|---|---|\n| 1 | 2 |\n";
        var fileId = await AssessorJourney.AddFileAsync(factory, testCase.CaseId, "README.md", "text/markdown; charset=utf-8", Encoding.UTF8.GetBytes(markdown));
        using var assessor = await factory.SignInAsync(Demo.Assessor);

        var inline = await assessor.GetAsync($"/evidence/files/{fileId}/inline");
        Assert.Equal(HttpStatusCode.OK, inline.StatusCode);
        AssertSandboxed(inline);
        var html = await inline.Content.ReadAsStringAsync();
        Assert.Contains("<h1", html, StringComparison.Ordinal);
        Assert.Contains("<strong>booking</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<table>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AZip_ShowsItsEntries_NotTheirContents()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.PreInterviewReview);
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in new[] { ("src/Booking.cs", "class Booking { /* SECRET-BODY */ }"), ("tests/BookingTests.cs", "// tests"), ("<b>odd</b>.txt", "x") })
            {
                await using var entry = archive.CreateEntry(name).Open();
                await entry.WriteAsync(Encoding.UTF8.GetBytes(text));
            }
        }

        var fileId = await AssessorJourney.AddFileAsync(factory, testCase.CaseId, "component.zip", "application/zip", buffer.ToArray());
        using var assessor = await factory.SignInAsync(Demo.Assessor);

        var inline = await assessor.GetAsync($"/evidence/files/{fileId}/inline");
        Assert.Equal(HttpStatusCode.OK, inline.StatusCode);
        AssertSandboxed(inline);
        var html = await inline.Content.ReadAsStringAsync();
        Assert.Contains("3 entries in the archive", html, StringComparison.Ordinal);
        Assert.Contains("src/Booking.cs", html, StringComparison.Ordinal);
        Assert.Contains("tests/BookingTests.cs", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;odd&lt;/b&gt;.txt", html, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET-BODY", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABrokenZip_SaysItsListCannotBeRead()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.PreInterviewReview);
        var fileId = await AssessorJourney.AddFileAsync(factory, testCase.CaseId, "broken.zip", "application/zip", [0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4, 5]);
        using var assessor = await factory.SignInAsync(Demo.Assessor);

        var inline = await assessor.GetAsync($"/evidence/files/{fileId}/inline");
        Assert.Equal(HttpStatusCode.OK, inline.StatusCode);
        Assert.Contains("cannot be read", await inline.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheApprenticeAndTheEmployer_PreviewTheirOwnEvidence_AndNobodyElseDoes()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.PreInterviewReview);
        var fileId = await AssessorJourney.AddFileAsync(factory, testCase.CaseId, "reflection.md", "text/markdown; charset=utf-8", "## What I built\n\nA booking API."u8.ToArray());

        foreach (var reader in new[] { testCase.ApprenticeEmail, Demo.Employer })
        {
            using var client = await factory.SignInAsync(reader);
            var (page, document) = await client.GetPageAsync($"/evidence/files/{fileId}/view");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.NotNull(document.QuerySelector("iframe.evidence-preview-text"));
            var inline = await client.GetAsync($"/evidence/files/{fileId}/inline");
            Assert.Equal(HttpStatusCode.OK, inline.StatusCode);
            Assert.Contains("A booking API.", await inline.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        foreach (var stranger in new[] { Demo.OtherEmployer, Demo.OtherOrgApprentice, Demo.Assessor2 })
        {
            using var client = await factory.SignInAsync(stranger);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/evidence/files/{fileId}/view")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/evidence/files/{fileId}/inline")).StatusCode);
        }
    }

    [Fact]
    public async Task ThePortfolioItemPage_OffersAPreview_OfAPreviewableFile()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.PreInterviewReview);
        using var apprentice = await factory.SignInAsync(testCase.ApprenticeEmail);
        var (_, document) = await apprentice.GetPageAsync("/apprentice/portfolio");
        var preview = document.QuerySelector("a.file-preview");
        Assert.NotNull(preview);
        Assert.Matches("^/evidence/files/[0-9a-f-]{36}/view$", preview.GetAttribute("href")!);
    }

    private static void AssertSandboxed(HttpResponseMessage inline)
    {
        var csp = string.Join(";", inline.Headers.GetValues("Content-Security-Policy"));
        Assert.StartsWith("sandbox;", csp, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", inline.Headers.GetValues("X-Content-Type-Options").Single());
    }
}
