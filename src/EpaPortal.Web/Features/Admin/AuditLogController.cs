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
    public async Task<IActionResult> Index(int? caseId, string? user, DateOnly? from, DateOnly? to, string? kind, string? after, string? before, CancellationToken cancellationToken = default) =>
        View(await audit.SearchAsync(new AuditFilter(caseId, user, from, to, AuditLogService.ActionCode(kind), after, before), cancellationToken));
}
