using System.Net.Mime;
using EpaPortal.Domain.Access;
using EpaPortal.Domain.Evidence;
using EpaPortal.Web.Data;
using EpaPortal.Web.Features.Assessor;
using EpaPortal.Web.Security;
using EpaPortal.Web.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace EpaPortal.Web.Features.Portfolio;

/// <summary>
/// A stored piece of case evidence (portfolio evidence of any version, a project deliverable) for the people
/// domain.md section 6 allows: downloaded (<c>/evidence/files/{id}</c>) after checking its bytes still match the
/// SHA-256 taken at upload, or shown inside the portal. One controller, one lookup and one authorization for the
/// three (issue 17; they were two controllers with the same checks).
/// <para><c>/evidence/files/{id}/view</c> is an ordinary portal page (the strict global CSP) that shows an
/// image with &lt;img&gt; or a PDF in an &lt;iframe&gt;, both pointing at <c>/inline</c>.</para>
/// <para><c>/evidence/files/{id}/inline</c> serves the bytes, after checking their SHA-256 as a download
/// does and that they really are PNG, JPEG or PDF (by signature; the content type sent is the one the
/// signature gives). Why that is safe, and why this response has its own policy:</para>
/// <list type="bullet">
/// <item>The danger of showing uploaded files inline is a file the browser treats as a web page of the
/// portal's origin (HTML, SVG) and so runs script with the user's session. Only three non-HTML types are
/// ever served here, with <c>nosniff</c>, so no browser will read them as HTML.</item>
/// <item>The response's own CSP is <c>default-src 'none'</c> (nothing may load, no script may run)
/// with <c>img-src 'self'</c> and <c>style-src 'unsafe-inline'</c> for the browsers' built-in viewers.
/// Images also get <c>sandbox</c>; a PDF does not, because Chromium refuses to render a PDF in a
/// sandboxed document (there is no sandbox token to allow its viewer), and its viewer runs isolated from
/// the page's origin anyway. <c>object-src 'self'</c> lets the viewer embed the document itself.</item>
/// <item>The global policy forbids framing (<c>frame-ancestors 'none'</c>, <c>X-Frame-Options: DENY</c>).
/// The preview page frames this response, so this response alone allows <c>frame-ancestors 'self'</c> and
/// <c>SAMEORIGIN</c>: only the portal's own pages can frame it, so it cannot be used for clickjacking
/// from elsewhere. The middleware keeps a policy an endpoint set itself.</item>
/// <item><c>Content-Disposition: inline</c> with the sanitised original name; no caching.</item>
/// </list>
/// </summary>
[Route("evidence/files/{id:guid}")]
public class EvidenceFilesController(PortalDbContext db, CaseAuthorizer cases, IEvidenceStore store, ILogger<EvidenceFilesController> logger) : Controller
{
    public const string ImagePolicy = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'";
    public const string PdfPolicy = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; object-src 'self'; frame-ancestors 'self'";

    /// <summary>The page the portal renders for a text, Markdown or ZIP preview: its own inline style and nothing else (no script, image, frame or form).</summary>
    public const string RenderedPolicy = "sandbox; default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'; form-action 'none'";

    [HttpGet("")]
    public async Task<IActionResult> Download(Guid id, CancellationToken cancellationToken)
    {
        var (file, access) = await FindAsync(id, cancellationToken);
        if (file is null || !access.Succeeded)
        {
            return access.Refusal ?? NotFound();
        }

        var read = await store.OpenVerifiedAsync(file.StorageKey, file.Sha256, cancellationToken);
        if (read.Status != StoredFileReadStatus.Ok)
        {
            logger.LogError("Stored file {FileId} ({FileName}, case {CaseId}) failed its check on download: {Status}.", file.Id, file.OriginalFileName, file.CaseId, read.Status);
            Response.StatusCode = StatusCodes.Status500InternalServerError;
            Response.Headers.CacheControl = "no-store";
            return View("DownloadFailed", new DownloadFailedViewModel(file.OriginalFileName, read.Status));
        }

        Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        Response.Headers.CacheControl = "no-store";

        // FileStreamResult disposes the stream; a file name makes it an attachment (Content-Disposition).
        // Ranges let a browser resume a large download; the whole file was verified before any range is sent.
        return File(read.Content!, file.ContentType, file.OriginalFileName, enableRangeProcessing: true);
    }

    [HttpGet("view")]
    public async Task<IActionResult> Preview(Guid id, CancellationToken cancellationToken)
    {
        var (file, access) = await FindAsync(id, cancellationToken);
        if (file is null || !access.Succeeded)
        {
            return access.Refusal ?? NotFound();
        }

        var kind = EvidencePreview.KindOf(file.ContentType);
        var back = access.Case.Allows(CaseOperation.ReadAssessment)
            ? Url.Action(nameof(AssessorCaseController.Index), "AssessorCase", new { caseId = file.CaseId })!
            : Url.Action(nameof(CasePortfolioController.Index), "CasePortfolio", new { caseId = file.CaseId })!;
        return View("Preview", new EvidencePreviewViewModel(file.Id, file.CaseId, file.OriginalFileName, kind, back));
    }

    [HttpGet("inline")]
    public async Task<IActionResult> Inline(Guid id, CancellationToken cancellationToken)
    {
        var (file, access) = await FindAsync(id, cancellationToken);
        if (file is null || !access.Succeeded)
        {
            return access.Refusal ?? NotFound();
        }

        if (!EvidencePreview.IsPreviewable(file.ContentType))
        {
            return NotFound();
        }

        var read = await store.OpenVerifiedAsync(file.StorageKey, file.Sha256, cancellationToken);
        if (read.Status != StoredFileReadStatus.Ok)
        {
            logger.LogError("Stored file {FileId} (case {CaseId}) failed its check on preview: {Status}.", file.Id, file.CaseId, read.Status);
            return StatusCode(StatusCodes.Status500InternalServerError);
        }

        var kind = EvidencePreview.KindOf(file.ContentType);
        if (EvidencePreview.IsRendered(kind))
        {
            await using var content = read.Content!;
            var html = await RenderedPreview.RenderAsync(kind, content, file.OriginalFileName, cancellationToken);
            var rendered = Response.Headers;
            rendered.ContentSecurityPolicy = RenderedPolicy;
            rendered.XFrameOptions = "SAMEORIGIN";
            rendered.XContentTypeOptions = "nosniff";
            rendered.CacheControl = "no-store";
            return Content(html, "text/html; charset=utf-8");
        }

        var stream = read.Content!;
        var header = new byte[8];
        var length = await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
        stream.Position = 0;
        var contentType = EvidencePreview.ContentTypeOf(header.AsSpan(0, length));
        if (contentType is null || EvidencePreview.KindOf(contentType) != EvidencePreview.KindOf(file.ContentType))
        {
            await stream.DisposeAsync();
            logger.LogWarning("Stored file {FileId} (case {CaseId}) is not the {ContentType} it claims to be: not previewed.", file.Id, file.CaseId, file.ContentType);
            return NotFound();
        }

        var headers = Response.Headers;
        headers.ContentSecurityPolicy = EvidencePreview.KindOf(contentType) == PreviewKind.Pdf ? PdfPolicy : ImagePolicy;
        headers.XFrameOptions = "SAMEORIGIN";
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-store";
        var disposition = new ContentDispositionHeaderValue(DispositionTypeNames.Inline);
        disposition.SetHttpFileName(file.OriginalFileName);
        headers.ContentDisposition = disposition.ToString();
        return File(stream, contentType, enableRangeProcessing: false);
    }

    /// <summary>The file and the decision on reading its case's evidence (one command for each).</summary>
    private async Task<(StoredFile? File, CaseAuthorization Access)> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        var file = await db.StoredFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Id == id, cancellationToken);
        // Adjustment evidence is not case evidence: it is never previewed here (AdjustmentEvidenceController serves it).
        return file is null || !file.Purpose.IsCaseEvidence()
            ? (null, CaseAuthorization.Missing)
            : (file, await cases.AuthorizeAsync(User, file.CaseId, CaseOperation.ReadEvidence, cancellationToken));
    }
}

public sealed record DownloadFailedViewModel(string FileName, StoredFileReadStatus Status);
