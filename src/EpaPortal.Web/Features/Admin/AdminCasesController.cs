using EpaPortal.Domain.Access;
using EpaPortal.Domain.Cases;
using EpaPortal.Web.Security;
using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Admin;

/// <summary>/admin/cases: the list, registering a case, the case page and the admin's case commands.</summary>
[Authorize(Policy = Policies.Admin)]
[Route("admin/cases")]
public class AdminCasesController(
    AdminCasesService cases,
    CaseAuthorizer authorizer,
    IValidator<CreateCaseInput> createValidator,
    IValidator<ReasonInput> reasonValidator,
    IValidator<ExtensionInput> extensionValidator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? state, bool hold = false, string? q = null, string? after = null, string? before = null, string? show = null, string? sort = null, CancellationToken cancellationToken = default) =>
        View(await cases.ListAsync(Filter(state, hold, q, after, before, show, sort), cancellationToken));

    /// <summary>The filtered list as CSV, in its sort (issue 21).</summary>
    [HttpGet("export.csv")]
    public async Task<IActionResult> Export(string? state, bool hold = false, string? q = null, string? show = null, string? sort = null, CancellationToken cancellationToken = default) =>
        Infrastructure.CsvFile.Download("epa-cases.csv", AdminCasesService.ExportHeader,
            (await cases.ExportAsync(Filter(state, hold, q, null, null, show, sort), cancellationToken)).Select(AdminCasesService.ExportCells));

    private static CaseListFilter Filter(string? state, bool hold, string? q, string? after, string? before, string? show, string? sort)
    {
        CaseState? filterState = Enum.TryParse<CaseState>(state, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;
        var all = string.Equals(show, "all", StringComparison.Ordinal) || string.Equals(state, "all", StringComparison.Ordinal);
        return new CaseListFilter(filterState, hold, q, after, before, all, sort);
    }

    [HttpGet("new")]
    public async Task<IActionResult> Create(string? uln, CancellationToken cancellationToken) =>
        View(new CreateCaseViewModel(new CreateCaseInput { Uln = uln }, await cases.ActiveVersionsAsync(cancellationToken), []) { Providers = await cases.ProvidersAsync(cancellationToken) });

    [HttpPost("new")]
    public async Task<IActionResult> Create([Bind(Prefix = "Input")] CreateCaseInput input, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> problems = [];
        var validation = await createValidator.ValidateAsync(input, cancellationToken);
        if (validation.IsValid)
        {
            var (caseId, refused) = await cases.RegisterAsync(input, cancellationToken);
            if (caseId is { } id)
            {
                TempData["Success"] = "The case was registered and the employer has been asked for the employer reference.";
                return RedirectToAction(nameof(Case), new { id });
            }

            problems = refused;
        }
        else
        {
            validation.AddToModelState(ModelState, "Input");
        }

        return View(new CreateCaseViewModel(input, await cases.ActiveVersionsAsync(cancellationToken), problems) { Providers = await cases.ProvidersAsync(cancellationToken) });
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Case(int id, CancellationToken cancellationToken)
    {
        var access = await authorizer.AuthorizeWithFactsAsync(User, id, CaseOperation.Administer, forUpdate: false, cancellationToken);
        return access.Succeeded ? View(await cases.DetailAsync(access.Snapshot!, cancellationToken)) : access.Refusal;
    }

    [HttpGet("{id:int}/{command:regex(^(withdraw|hold|resume)$)}")]
    public async Task<IActionResult> Act(int id, string command, CancellationToken cancellationToken)
    {
        var access = await authorizer.AuthorizeAsync(User, id, CaseOperation.Administer, cancellationToken);
        return access.Succeeded
            ? View("Act", new CaseActionViewModel(id, access.Case.ApprenticeName, access.Case.State, ParseAction(command), new ReasonInput(), []))
            : access.Refusal;
    }

    [HttpPost("{id:int}/{command:regex(^(withdraw|hold|resume)$)}")]
    public async Task<IActionResult> Act(int id, string command, [Bind(Prefix = "Input")] ReasonInput input, CancellationToken cancellationToken)
    {
        var access = await authorizer.AuthorizeWithFactsAsync(User, id, CaseOperation.Administer, forUpdate: true, cancellationToken);
        if (!access.Succeeded)
        {
            return access.Refusal;
        }

        var header = access.Case;
        var kind = ParseAction(command);
        IReadOnlyList<string> problems = [];
        var validation = await reasonValidator.ValidateAsync(input, cancellationToken);
        if (validation.IsValid)
        {
            var result = await cases.ActAsync(access.Snapshot!, kind, input.Reason!, cancellationToken);
            if (result.Succeeded)
            {
                TempData["Success"] = kind switch
                {
                    CaseAction.Withdraw => "The case was withdrawn.",
                    CaseAction.Hold => "The case is on hold: nothing can change until it is resumed or withdrawn.",
                    _ => "The case was resumed.",
                };
                return RedirectToAction(nameof(Case), new { id });
            }

            problems = result.Problems;
        }
        else
        {
            validation.AddToModelState(ModelState, "Input");
        }

        return View("Act", new CaseActionViewModel(id, header.ApprenticeName, header.State, kind, input, problems));
    }

    [HttpGet("{id:int}/extension")]
    public async Task<IActionResult> Extension(int id, CancellationToken cancellationToken)
    {
        var access = await authorizer.AuthorizeAsync(User, id, CaseOperation.Administer, cancellationToken);
        if (!access.Succeeded)
        {
            return access.Refusal;
        }

        return await cases.ExtensionPageAsync(id, new ExtensionInput { UntilTime = new TimeOnly(17, 0) }, [], cancellationToken) is { } model ? View(model) : NotFound();
    }

    [HttpPost("{id:int}/extension")]
    public async Task<IActionResult> Extension(int id, [Bind(Prefix = "Input")] ExtensionInput input, CancellationToken cancellationToken)
    {
        var access = await authorizer.AuthorizeWithFactsAsync(User, id, CaseOperation.Administer, forUpdate: true, cancellationToken);
        if (!access.Succeeded)
        {
            return access.Refusal;
        }

        IReadOnlyList<string> problems = [];
        var validation = await extensionValidator.ValidateAsync(input, cancellationToken);
        if (validation.IsValid)
        {
            var result = await cases.GrantExtensionAsync(access.Snapshot!, input, cancellationToken);
            if (result.Succeeded)
            {
                TempData["Success"] = "The extension was granted; the apprentice and the employer have been told the new closing time.";
                return RedirectToAction(nameof(Case), new { id });
            }

            problems = result.Problems;
        }
        else
        {
            validation.AddToModelState(ModelState, "Input");
        }

        return await cases.ExtensionPageAsync(id, input, problems, cancellationToken) is { } model ? View(model) : NotFound();
    }

    private static CaseAction ParseAction(string action) => action switch
    {
        "withdraw" => CaseAction.Withdraw,
        "hold" => CaseAction.Hold,
        _ => CaseAction.Resume,
    };
}
