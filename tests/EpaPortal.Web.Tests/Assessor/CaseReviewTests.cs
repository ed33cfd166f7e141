using System.Net;
using System.Text;
using EpaPortal.Domain.Cases;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Tests.Assessor;

/// <summary>The case review shows the four sources of evidence in one place, with safe previews.</summary>
[Trait(Category.Name, Category.Integration)]
public class CaseReviewTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    [Fact]
    public async Task CaseReview_ShowsThePortfolioProjectReferenceAndGateway()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.PreInterviewReview);
        using var assessor = await factory.SignInAsync(Demo.Assessor);

        var (response, document) = await assessor.GetPageAsync($"/assessor/cases/{testCase.CaseId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = document.Body!.TextContent;
        var items = await factory.WithDbAsync(db => db.EvidenceItems.Where(e => e.CaseId == testCase.CaseId).Select(e => new { e.Id, e.Title, e.CurrentFileId }).ToListAsync());
        Assert.All(items, item =>
        {
            Assert.NotNull(document.QuerySelector($"#portfolio tr[data-item='{item.Id}']"));
            Assert.NotNull(document.QuerySelector($"#portfolio a[href='/evidence/files/{item.CurrentFileId}/view']"));
        });
        Assert.NotNull(document.QuerySelector("#portfolio table.coverage-grid"));
        Assert.Contains("Synoptic project: a booking component", document.QuerySelector("#project")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("booking-component.zip", document.QuerySelector("#project")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(document.QuerySelector("#project a[href$='/view']"));
        Assert.Contains("With Whom", document.QuerySelector("#reference")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Programming", document.QuerySelector("#gateway")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Pre-interview review", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartReview_MovesASubmittedProjectToThePreInterviewReview()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.ProjectSubmitted);
        using var assessor = await factory.SignInAsync(Demo.Assessor);

        await AssessorJourney.StartReviewAsync(assessor, testCase.CaseId);

        Assert.Equal(CaseState.PreInterviewReview, await AssessorJourney.StateAsync(factory, testCase.CaseId));
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.CaseId == testCase.CaseId && a.ToState == nameof(CaseState.PreInterviewReview))));
    }

    [Fact]
    public async Task PreviewOfAnImage_IsServedInlineWithASandboxThatOnlyThePortalCanFrame()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.PreInterviewReview);
        var fileId = await AssessorJourney.AddFileAsync(factory, testCase.CaseId, "screen.png", "image/png", Png);
        using var assessor = await factory.SignInAsync(Demo.Assessor);

        var (page, document) = await assessor.GetPageAsync($"/evidence/files/{fileId}/view");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal($"/evidence/files/{fileId}/inline", document.QuerySelector("img.evidence-preview-image")!.GetAttribute("src"));

        var inline = await assessor.GetAsync($"/evidence/files/{fileId}/inline");
        Assert.Equal(HttpStatusCode.OK, inline.StatusCode);
        Assert.Equal("image/png", inline.Content.Headers.ContentType!.MediaType);
        Assert.Equal("inline", inline.Content.Headers.ContentDisposition!.DispositionType);
        var csp = string.Join(";", inline.Headers.GetValues("Content-Security-Policy"));
        Assert.StartsWith("sandbox;", csp, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'self'", csp, StringComparison.Ordinal);
        Assert.Equal("SAMEORIGIN", inline.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", inline.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(Png, await inline.Content.ReadAsByteArrayAsync());

        // The page around it keeps the portal's strict policy.
        Assert.Contains("frame-ancestors 'none'", string.Join(";", page.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PreviewOfAPdf_IsFramedByThePortalsPage()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.PreInterviewReview);
        var fileId = await factory.WithDbAsync(db => db.EvidenceItems.Where(e => e.CaseId == testCase.CaseId).Select(e => e.CurrentFileId).FirstAsync());
        using var assessor = await factory.SignInAsync(Demo.Assessor);

        var (_, document) = await assessor.GetPageAsync($"/evidence/files/{fileId}/view");
        Assert.Equal($"/evidence/files/{fileId}/inline", document.QuerySelector("iframe.evidence-preview-pdf")!.GetAttribute("src"));

        var inline = await assessor.GetAsync($"/evidence/files/{fileId}/inline");
        Assert.Equal(HttpStatusCode.OK, inline.StatusCode);
        Assert.Equal("application/pdf", inline.Content.Headers.ContentType!.MediaType);
        var csp = string.Join(";", inline.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'self'", csp, StringComparison.Ordinal);
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(await inline.Content.ReadAsByteArrayAsync())[..5], StringComparison.Ordinal);
    }

    [Fact]
    public async Task APngThatIsReallyHtml_IsNeverServedInline()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.PreInterviewReview);
        var fileId = await AssessorJourney.AddFileAsync(factory, testCase.CaseId, "trap.png", "image/png", Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"));
        using var assessor = await factory.SignInAsync(Demo.Assessor);

        Assert.Equal(HttpStatusCode.NotFound, (await assessor.GetAsync($"/evidence/files/{fileId}/inline")).StatusCode);
    }

    [Fact]
    public async Task OtherFileTypes_AreDownloadOnly()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.PreInterviewReview);
        var zipId = await AssessorJourney.AddFileAsync(factory, testCase.CaseId, "report.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", [0x50, 0x4B, 0x03, 0x04, 0, 0]);
        using var assessor = await factory.SignInAsync(Demo.Assessor);

        Assert.Equal(HttpStatusCode.NotFound, (await assessor.GetAsync($"/evidence/files/{zipId}/inline")).StatusCode);
        var (_, view) = await assessor.GetPageAsync($"/evidence/files/{zipId}/view");
        Assert.Null(view.QuerySelector("iframe, img.evidence-preview-image"));
        Assert.Contains("download it", view.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Previews_OfAnotherAssessorsCase_AreNotFound()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.PreInterviewReview, Demo.Assessor);
        var fileId = await factory.WithDbAsync(db => db.EvidenceItems.Where(e => e.CaseId == testCase.CaseId).Select(e => e.CurrentFileId).FirstAsync());
        using var other = await factory.SignInAsync(Demo.Assessor2);

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/evidence/files/{fileId}/view")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/evidence/files/{fileId}/inline")).StatusCode);
    }
}
