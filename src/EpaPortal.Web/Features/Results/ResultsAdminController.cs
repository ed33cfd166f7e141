using System.Globalization;
using EpaPortal.Domain.Access;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Infrastructure;
using EpaPortal.Web.Security;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Results;

/// <summary>/admin/results: release, the export for the national service, and each case's result (fail, certificate, next attempt).</summary>
[Authorize(Policy = Policies.Admin)]
[Route("admin/results")]
public class ResultsAdminController(
    ResultsAdminService results,
    CaseAuthorizer cases,
    ResultsExport export,
    IValidator<NextAttemptInput> nextAttemptValidator,
    IValidator<CertificateInput> certificateValidator,
    IValidator<ExceptionalCircumstancesInput> exceptionalValidator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? after, string? before, string? sort = null, CancellationToken cancellationToken = default) =>
        View(await results.IndexAsync(new PageRequest(after, before), sort, cancellationToken));

    /// <summary>The released results the export would leave out, checked on request (it reads every released result).</summary>
    [HttpGet("export-check")]
    public async Task<IActionResult> ExportCheck(CancellationToken cancellationToken) =>
        View(new ExportCheckViewModel(await results.ExportCheckAsync(cancellationToken)));

    [HttpPost("release")]
    public async Task<IActionResult> Release(ReleaseInput input, string? returnTo, CancellationToken cancellationToken)
    {
        if (input.CaseIds.Count == 0)
        {
            TempData["Error"] = "Select at least one result to release.";
            return RedirectToAction(nameof(Index));
        }

        // Each case is its own command (its facts loaded, authorized and saved), so one refusal does not hold the others back.
        var released = 0;
        var refused = new List<string>();
        foreach (var caseId in input.CaseIds.Distinct())
        {
            var access = await cases.AuthorizeWithFactsAsync(User, caseId, CaseOperation.Administer, forUpdate: true, cancellationToken);
            var result = access.Succeeded ? await results.ReleaseAsync(access.Snapshot!, cancellationToken) : CommandResult.Missing;
            if (result.Succeeded)
            {
                released++;
            }
            else
            {
                var name = access.Case?.ApprenticeName ?? $"Case {caseId.ToString(CultureInfo.InvariantCulture)}";
                refused.Add($"{name}: {string.Join(" ", result.Problems)}");
            }
        }

        if (released > 0)
        {
            TempData["Success"] = released == 1
                ? "1 result released. The apprentice and employer have been told to sign in to see it."
                : $"{released.ToString(CultureInfo.InvariantCulture)} results released. The apprentices and employers have been told to sign in to see them.";
        }

        if (refused.Count > 0)
        {
            TempData["Error"] = "Not released: " + string.Join(" ", refused);
        }

        return input.CaseIds.Count == 1 && returnTo == "case"
            ? RedirectToAction(nameof(Case), new { caseId = input.CaseIds[0] })
            : RedirectToAction(nameof(Index));
    }

    [HttpGet("export.csv")]
    public async Task<IActionResult> Export(CancellationToken cancellationToken)
    {
        var (fileName, content, _) = await export.CsvAsync(cancellationToken);
        Response.Headers.CacheControl = "no-store";
        Response.Headers.Pragma = "no-cache";
        return File(content, "text/csv; charset=utf-8", fileName);
    }

    /// <summary>The released list as CSV, in its sort (issue 21); <c>export.csv</c> is the national service's file.</summary>
    [HttpGet("released.csv")]
    public async Task<IActionResult> ReleasedCsv(string? sort, CancellationToken cancellationToken) =>
        Infrastructure.CsvFile.Download("released-results.csv", ResultsAdminService.ReleasedExportHeader,
            (await results.ReleasedExportAsync(sort, cancellationToken)).Select(ResultsAdminService.ReleasedExportCells));

    [HttpGet("cases/{caseId:int}")]
    public async Task<IActionResult> Case(int caseId, CancellationToken cancellationToken)
    {
        var access = await cases.AuthorizeWithFactsAsync(User, caseId, CaseOperation.Administer, forUpdate: false, cancellationToken);
        return access.Succeeded ? View(await results.CaseAsync(access.Snapshot!, cancellationToken)) : access.Refusal;
    }

    [HttpPost("cases/{caseId:int}/fail")]
    public async Task<IActionResult> RecordFail(int caseId, CancellationToken cancellationToken)
    {
        var access = await cases.AuthorizeWithFactsAsync(User, caseId, CaseOperation.Administer, forUpdate: true, cancellationToken);
        return access.Succeeded
            ? Done(caseId, await results.RecordFailAsync(access.Snapshot!, cancellationToken), "Fail recorded. You can now plan a re-sit or a re-take with the employer.")
            : access.Refusal;
    }

    [HttpPost("cases/{caseId:int}/certificate")]
    public async Task<IActionResult> RequestCertificate(int caseId, [Bind(Prefix = nameof(AdminCaseResultViewModel.Certificate))] CertificateInput input, CancellationToken cancellationToken)
    {
        var access = await cases.AuthorizeWithFactsAsync(User, caseId, CaseOperation.Administer, forUpdate: true, cancellationToken);
        if (!access.Succeeded)
        {
            return access.Refusal;
        }

        var validation = await certificateValidator.ValidateAsync(input, cancellationToken);
        if (!validation.IsValid)
        {
            AddErrors(nameof(AdminCaseResultViewModel.Certificate), validation);
            return await RedisplayAsync(access.Snapshot!, m => m with { Certificate = input }, cancellationToken);
        }

        var result = await results.RequestCertificateAsync(access.Snapshot!, input, cancellationToken);
        return await AfterAsync(access.Snapshot!, result, "Certificate requested. The case is complete and stays in the results export.", m => m with { Certificate = input }, cancellationToken);
    }

    [HttpPost("cases/{caseId:int}/next-attempt")]
    public async Task<IActionResult> PlanNextAttempt(int caseId, [Bind(Prefix = nameof(AdminCaseResultViewModel.NextAttempt))] NextAttemptInput input, CancellationToken cancellationToken)
    {
        var access = await cases.AuthorizeWithFactsAsync(User, caseId, CaseOperation.Administer, forUpdate: true, cancellationToken);
        if (!access.Succeeded)
        {
            return access.Refusal;
        }

        var validation = await nextAttemptValidator.ValidateAsync(input, cancellationToken);
        if (!validation.IsValid)
        {
            AddErrors(nameof(AdminCaseResultViewModel.NextAttempt), validation);
            return await RedisplayAsync(access.Snapshot!, m => m with { NextAttempt = input }, cancellationToken);
        }

        var result = await results.PlanNextAttemptAsync(access.Snapshot!, input, cancellationToken);
        return await AfterAsync(access.Snapshot!, result, "Next attempt planned. Schedule its project (a new brief and window); the portfolio and employer reference carry over.", m => m with { NextAttempt = input }, cancellationToken);
    }

    [HttpPost("cases/{caseId:int}/exceptional-circumstances")]
    public async Task<IActionResult> ExceptionalCircumstances(int caseId, [Bind(Prefix = nameof(AdminCaseResultViewModel.Exceptional))] ExceptionalCircumstancesInput input, CancellationToken cancellationToken)
    {
        var access = await cases.AuthorizeWithFactsAsync(User, caseId, CaseOperation.Administer, forUpdate: true, cancellationToken);
        if (!access.Succeeded)
        {
            return access.Refusal;
        }

        var validation = await exceptionalValidator.ValidateAsync(input, cancellationToken);
        if (!validation.IsValid)
        {
            AddErrors(nameof(AdminCaseResultViewModel.Exceptional), validation);
            return await RedisplayAsync(access.Snapshot!, m => m with { Exceptional = input }, cancellationToken);
        }

        var result = await results.SetExceptionalCircumstancesAsync(access.Snapshot!, input, cancellationToken);
        var message = input.Recorded
            ? "Exceptional circumstances recorded: a re-sit or re-take of this case will not be capped."
            : "Exceptional circumstances cleared: any re-sit or re-take cap applies again.";
        return await AfterAsync(access.Snapshot!, result, message, m => m with { Exceptional = input }, cancellationToken);
    }

    private RedirectToActionResult Done(int caseId, CommandResult result, string success)
    {
        if (result.Succeeded)
        {
            TempData["Success"] = success;
        }
        else
        {
            TempData["Error"] = string.Join(" ", result.Problems);
        }

        return RedirectToAction(nameof(Case), new { caseId });
    }

    private async Task<IActionResult> AfterAsync(CaseSnapshot snapshot, CommandResult result, string success, Func<AdminCaseResultViewModel, AdminCaseResultViewModel> keepInput, CancellationToken cancellationToken)
    {
        if (result.Succeeded)
        {
            TempData["Success"] = success;
            return RedirectToAction(nameof(Case), new { caseId = snapshot.Case.Id });
        }

        foreach (var problem in result.Problems)
        {
            ModelState.AddModelError(string.Empty, problem);
        }

        return await RedisplayAsync(snapshot, keepInput, cancellationToken);
    }

    /// <summary>The case's result page again with what was typed (nothing was saved: the facts loaded are still the case's).</summary>
    private async Task<IActionResult> RedisplayAsync(CaseSnapshot snapshot, Func<AdminCaseResultViewModel, AdminCaseResultViewModel> keepInput, CancellationToken cancellationToken) =>
        View(nameof(Case), keepInput(await results.CaseAsync(snapshot, cancellationToken)));

    private void AddErrors(string prefix, FluentValidation.Results.ValidationResult validation)
    {
        foreach (var error in validation.Errors)
        {
            ModelState.AddModelError($"{prefix}.{error.PropertyName}", error.ErrorMessage);
        }
    }
}
