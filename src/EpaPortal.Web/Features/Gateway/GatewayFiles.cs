using EpaPortal.Domain.Evidence;
using EpaPortal.Web.Data;
using EpaPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Gateway;

/// <summary>One gateway evidence file of a case (a knowledge-module certificate, English or maths) and who uploaded it.</summary>
public sealed record GatewayFile(Guid Id, string FileName, string? Slot, DateTimeOffset UploadedAt, string? UploadedByName, bool ByProvider)
{
    /// <summary>"Priya Pennine (training provider), 7 December 2026 10:15": who uploaded what, for the employer and the admin.</summary>
    public string UploadedBy => $"{UploadedByName ?? "a former user"}{(ByProvider ? " (training provider)" : null)}, {UkTime.DateTime(UploadedAt)}";
}

/// <summary>
/// The gateway evidence files of a case, read in one command: the employer's gateway form, the training provider's
/// case page and the admin's gateway check all show who uploaded each file (issue 19).
/// </summary>
public static class GatewayFiles
{
    public static Task<List<GatewayFile>> OfCaseAsync(PortalDbContext db, int caseId, int? providerOrganisationId, CancellationToken cancellationToken) =>
        db.StoredFiles.AsNoTracking()
            .Where(f => f.CaseId == caseId && (f.Purpose == FilePurpose.KnowledgeModuleCertificate || f.Purpose == FilePurpose.EnglishMathsEvidence))
            .OrderBy(f => f.UploadedAt).ThenBy(f => f.Id)
            .Select(f => new GatewayFile(
                f.Id,
                f.OriginalFileName,
                f.GatewaySlot,
                f.UploadedAt,
                db.Users.Where(u => u.Id == f.UploadedById).Select(u => u.DisplayName).FirstOrDefault(),
                providerOrganisationId != null && db.Users.Any(u => u.Id == f.UploadedById && u.OrganisationId == providerOrganisationId)))
            .ToListAsync(cancellationToken);

    /// <summary>The latest file uploaded for each item of the form, by its slot key.</summary>
    public static IReadOnlyDictionary<string, GatewayFile> LatestBySlot(IEnumerable<GatewayFile> files) =>
        files.Where(f => f.Slot is not null).GroupBy(f => f.Slot!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(f => f.UploadedAt).ThenBy(f => f.Id).Last(), StringComparer.Ordinal);
}
