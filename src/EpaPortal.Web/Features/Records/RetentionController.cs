using EpaPortal.Domain.Records;
using EpaPortal.Web.Features.Admin;
using EpaPortal.Web.Security;
using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Records;

/// <summary>/admin/retention: the retention schedule, legal holds in force, and the dry-run reports (read, approve).</summary>
[Authorize(Policy = Policies.Admin)]
[Route("admin/retention")]
public class RetentionController(RecordsAdminService records, IValidator<ScheduleInput> validator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) => View(await records.RetentionAsync(null, [], cancellationToken));

    [HttpPost("schedule")]
    public async Task<IActionResult> Schedule([Bind(Prefix = "Input")] ScheduleInput input, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(input, cancellationToken);
        if (!validation.IsValid)
        {
            validation.AddToModelState(ModelState, "Input");
            return View(nameof(Index), await records.RetentionAsync(input, [], cancellationToken));
        }

        await records.SaveScheduleAsync(input, cancellationToken);
        TempData["Success"] = "The retention schedule was saved. The next report uses it.";
        return RedirectToAction(nameof(Index));
    }

    [HttpPost("reports")]
    public async Task<IActionResult> RequestReport(CancellationToken cancellationToken)
    {
        var id = await records.RequestReportAsync(cancellationToken);
        TempData["Success"] = "A new dry-run report is being prepared in the background (refresh in a minute).";
        return RedirectToAction(nameof(Report), new { id });
    }

    [HttpGet("reports/{id:int}")]
    public async Task<IActionResult> Report(int id, DataClass? dataClass, int page = 1, CancellationToken cancellationToken = default) =>
        await records.ReportAsync(id, dataClass, page, [], cancellationToken) is { } model ? View(model) : NotFound();

    [HttpPost("reports/{id:int}/approve")]
    public async Task<IActionResult> Approve(int id, CancellationToken cancellationToken)
    {
        var problems = await records.ApproveReportAsync(id, cancellationToken);
        if (problems.Count == 0)
        {
            TempData["Success"] = "The report is approved: the next run of the retention job removes what it lists that is still due.";
            return RedirectToAction(nameof(Report), new { id });
        }

        return await records.ReportAsync(id, null, 1, problems, cancellationToken) is { } model ? View(nameof(Report), model) : NotFound();
    }
}

/// <summary>/admin/cases/{caseId}/legal-hold: place or lift a legal hold (with a reason, audited).</summary>
[Authorize(Policy = Policies.Admin)]
[Route("admin/cases/{caseId:int}/legal-hold")]
public class LegalHoldController(RecordsAdminService records, IValidator<ReasonInput> validator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int caseId, CancellationToken cancellationToken) =>
        await records.LegalHoldAsync(caseId, null, [], cancellationToken) is { } model ? View(model) : NotFound();

    [HttpPost("")]
    public Task<IActionResult> Place(int caseId, [Bind(Prefix = "Input")] ReasonInput input, CancellationToken cancellationToken) =>
        ChangeAsync(caseId, input, records.PlaceHoldAsync, "The legal hold is in place: the retention schedule leaves this case alone until it is lifted.", cancellationToken);

    [HttpPost("lift")]
    public Task<IActionResult> Lift(int caseId, [Bind(Prefix = "Input")] ReasonInput input, CancellationToken cancellationToken) =>
        ChangeAsync(caseId, input, records.LiftHoldAsync, "The legal hold was lifted.", cancellationToken);

    private async Task<IActionResult> ChangeAsync(int caseId, ReasonInput input, Func<int, string, CancellationToken, Task<IReadOnlyList<string>>> change, string success, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> problems = [];
        var validation = await validator.ValidateAsync(input, cancellationToken);
        if (validation.IsValid)
        {
            problems = await change(caseId, input.Reason!, cancellationToken);
            if (problems.Count == 0)
            {
                TempData["Success"] = success;
                return RedirectToAction(nameof(Index), new { caseId });
            }
        }
        else
        {
            validation.AddToModelState(ModelState, "Input");
        }

        return await records.LegalHoldAsync(caseId, input, problems, cancellationToken) is { } model ? View(nameof(Index), model) : NotFound();
    }
}
