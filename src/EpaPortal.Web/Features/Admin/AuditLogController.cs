using EpaPortal.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Admin;

/// <summary>/admin/audit: the audit log, filtered by case, user, dates and action (query "kind": "action" is MVC's own route value). Read-only: there is
/// deliberately no endpoint that changes or deletes an entry.</summary>
[Authorize(Policy = Policies.Admin)]
[Route("admin/audit")]
public class AuditLogController(AuditLogService audit) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int? caseId, string? user, DateOnly? from, DateOnly? to, string? kind, string? after, string? before, string? sort = null, CancellationToken cancellationToken = default) =>
        View(await audit.SearchAsync(new AuditFilter(caseId, user, from, to, AuditLogService.ActionCode(kind), after, before, sort), cancellationToken));

    /// <summary>The filtered log as CSV, in its sort (issue 21); every cell through the formula guard.</summary>
    [HttpGet("export.csv")]
    public async Task<IActionResult> Export(int? caseId, string? user, DateOnly? from, DateOnly? to, string? kind, string? sort = null, CancellationToken cancellationToken = default) =>
        Infrastructure.CsvFile.Download("epa-audit-log.csv", AuditLogService.ExportHeader,
            (await audit.ExportAsync(new AuditFilter(caseId, user, from, to, AuditLogService.ActionCode(kind), Sort: sort), cancellationToken)).Select(AuditLogService.ExportCells));
}
