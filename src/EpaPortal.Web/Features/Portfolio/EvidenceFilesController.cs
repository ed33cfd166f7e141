using EpaPortal.Domain.Access;
using EpaPortal.Domain.Evidence;
using EpaPortal.Web.Data;
using EpaPortal.Web.Security;
using EpaPortal.Web.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace EpaPortal.Web.Features.Portfolio;

/// <summary>
/// Downloads a stored file (portfolio evidence of any version, or a project deliverable) for the people
/// domain.md section 6 allows, after checking its bytes still match the SHA-256 taken at upload.
/// </summary>
[Route("evidence/files")]
public class EvidenceFilesController(PortalDbContext db, CaseAuthorizer cases, IEvidenceStore store, ILogger<EvidenceFilesController> logger) : Controller
{
    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Download(Guid id, CancellationToken cancellationToken)
    {
        var file = await db.StoredFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (file is null || !file.Purpose.IsCaseEvidence())
        {
            return NotFound();
        }

        var access = await cases.AuthorizeAsync(User, file.CaseId, CaseOperation.ReadEvidence, cancellationToken);
        if (!access.Succeeded)
        {
            return access.Refusal;
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
}

public sealed record DownloadFailedViewModel(string FileName, StoredFileReadStatus Status);
