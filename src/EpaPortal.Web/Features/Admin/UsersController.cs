using EpaPortal.Web.Security;
using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace EpaPortal.Web.Features.Admin;

/// <summary>/admin/users: invite, roles, disable, enable and close.</summary>
[Authorize(Policy = Policies.Admin)]
[Route("admin/users")]
public class UsersController(
    UsersService users,
    IValidator<InviteUserInput> inviteValidator,
    IValidator<UserRolesInput> rolesValidator,
    IValidator<ReasonInput> reasonValidator,
    IValidator<CapacityInput> capacityValidator,
    IValidator<AssessorRecordInput> recordValidator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? role, string? q, string? after = null, string? before = null, string? sort = null, CancellationToken cancellationToken = default) =>
        View(await users.ListAsync(new UserListFilter(role, q, after, before, sort), cancellationToken));

    /// <summary>The filtered list as CSV, in its sort (issue 21).</summary>
    [HttpGet("export.csv")]
    public async Task<IActionResult> Export(string? role, string? q, string? sort = null, CancellationToken cancellationToken = default) =>
        Infrastructure.CsvFile.Download("epa-users.csv", UsersService.ExportHeader,
            (await users.ExportAsync(new UserListFilter(role, q, Sort: sort), cancellationToken)).Select(UsersService.ExportCells));

    [HttpGet("invite")]
    public async Task<IActionResult> Invite(CancellationToken cancellationToken) =>
        View(new InviteUserViewModel(new InviteUserInput(), await users.OrganisationsAsync(cancellationToken), []));

    [HttpPost("invite")]
    public async Task<IActionResult> Invite([Bind(Prefix = "Input")] InviteUserInput input, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> problems = [];
        var validation = await inviteValidator.ValidateAsync(input, cancellationToken);
        if (validation.IsValid)
        {
            var (userId, refused) = await users.InviteAsync(input, cancellationToken);
            if (userId is not null)
            {
                TempData["Success"] = $"{input.DisplayName} has been sent an invitation to set their password.";
                return RedirectToAction(nameof(Details), new { id = userId });
            }

            problems = refused;
        }
        else
        {
            validation.AddToModelState(ModelState, "Input");
        }

        return View(new InviteUserViewModel(input, await users.OrganisationsAsync(cancellationToken), problems));
    }

    [HttpGet("{id}")]
    public async Task<IActionResult> Details(string id, CancellationToken cancellationToken) =>
        await users.DetailAsync(id, null, null, [], cancellationToken) is { } model ? View(model) : NotFound();

    [HttpPost("{id}/roles")]
    public async Task<IActionResult> Roles(string id, [Bind(Prefix = "Access")] UserRolesInput access, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> problems = [];
        var validation = await rolesValidator.ValidateAsync(access, cancellationToken);
        if (validation.IsValid)
        {
            problems = await users.UpdateRolesAsync(id, access, cancellationToken);
            if (problems.Count == 0)
            {
                TempData["Success"] = "The roles were saved. The person signs in again to use them.";
                return RedirectToAction(nameof(Details), new { id });
            }
        }
        else
        {
            validation.AddToModelState(ModelState, "Access");
        }

        return await users.DetailAsync(id, access, null, problems, cancellationToken) is { } model ? View(nameof(Details), model) : NotFound();
    }

    [HttpPost("{id}/disable")]
    public async Task<IActionResult> Disable(string id, [Bind(Prefix = "Disable")] ReasonInput input, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> problems = [];
        var validation = await reasonValidator.ValidateAsync(input, cancellationToken);
        if (validation.IsValid)
        {
            problems = await users.DisableAsync(id, input.Reason!, cancellationToken);
            if (problems.Count == 0)
            {
                TempData["Success"] = "The account was disabled and its sessions ended.";
                return RedirectToAction(nameof(Details), new { id });
            }
        }
        else
        {
            validation.AddToModelState(ModelState, "Disable");
        }

        return await users.DetailAsync(id, null, input, problems, cancellationToken) is { } model ? View(nameof(Details), model) : NotFound();
    }

    [HttpPost("{id}/close")]
    public async Task<IActionResult> Close(string id, [Bind(Prefix = "Close")] ReasonInput input, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> problems = [];
        var validation = await reasonValidator.ValidateAsync(input, cancellationToken);
        if (validation.IsValid)
        {
            problems = await users.CloseAsync(id, input.Reason!, cancellationToken);
            if (problems.Count == 0)
            {
                TempData["Success"] = "The account was closed: it cannot sign in, its sessions ended, and its records are kept.";
                return RedirectToAction(nameof(Details), new { id });
            }
        }
        else
        {
            validation.AddToModelState(ModelState, "Close");
        }

        return await users.DetailAsync(id, null, null, problems, cancellationToken, input) is { } model ? View(nameof(Details), model) : NotFound();
    }

    [HttpPost("{id}/capacity")]
    public async Task<IActionResult> Capacity(string id, [Bind(Prefix = "Capacity")] CapacityInput input, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> problems = [];
        var validation = await capacityValidator.ValidateAsync(input, cancellationToken);
        if (validation.IsValid)
        {
            problems = await users.SetCapacityAsync(id, input.Parsed(), cancellationToken);
            if (problems.Count == 0)
            {
                TempData["Success"] = "The capacity was saved: bulk allocation keeps the assessor within it.";
                return RedirectToAction(nameof(Details), new { id });
            }
        }
        else
        {
            validation.AddToModelState(ModelState, "Capacity");
        }

        return await users.DetailAsync(id, null, null, problems, cancellationToken, capacityInput: input) is { } model ? View(nameof(Details), model) : NotFound();
    }

    [HttpPost("{id}/records")]
    public async Task<IActionResult> Records(string id, [Bind(Prefix = "NewRecord")] AssessorRecordInput input, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> problems = [];
        var validation = await recordValidator.ValidateAsync(input, cancellationToken);
        if (validation.IsValid)
        {
            problems = await users.AddRecordAsync(id, Enum.Parse<Domain.Organisations.AssessorRecordKind>(input.Kind!), input.Title!, input.AchievedOn!.Value, input.ExpiresOn!.Value, cancellationToken);
            if (problems.Count == 0)
            {
                TempData["Success"] = "The record was added.";
                return RedirectToAction(nameof(Details), new { id });
            }
        }
        else
        {
            validation.AddToModelState(ModelState, "NewRecord");
        }

        return await users.DetailAsync(id, null, null, problems, cancellationToken, recordInput: input) is { } model ? View(nameof(Details), model) : NotFound();
    }

    [HttpPost("{id}/enable")]
    public Task<IActionResult> Enable(string id, CancellationToken cancellationToken) =>
        Simple(id, users.EnableAsync(id), "The account was enabled.", cancellationToken);

    [HttpPost("{id}/resend")]
    public Task<IActionResult> Resend(string id, CancellationToken cancellationToken) =>
        Simple(id, users.ResendInvitationAsync(id, cancellationToken), "A new invitation was sent.", cancellationToken);

    private async Task<IActionResult> Simple(string id, Task<IReadOnlyList<string>> action, string success, CancellationToken cancellationToken)
    {
        var problems = await action;
        if (problems.Count == 0)
        {
            TempData["Success"] = success;
            return RedirectToAction(nameof(Details), new { id });
        }

        return await users.DetailAsync(id, null, null, problems, cancellationToken) is { } model ? View(nameof(Details), model) : NotFound();
    }
}

/// <summary>/account/set-password: the invited person (or anyone with a reset link) chooses a password.</summary>
[AllowAnonymous]
[Route("account/set-password")]
public class SetPasswordController(UsersService users, IValidator<SetPasswordInput> validator) : Controller
{
    [HttpGet("")]
    public IActionResult Index(string? userId, string? code) =>
        View(new SetPasswordViewModel(new SetPasswordInput { UserId = userId, Code = code }, []));

    [HttpPost("")]
    [EnableRateLimiting(RateLimits.Login)]
    public async Task<IActionResult> Index([Bind(Prefix = "Input")] SetPasswordInput input, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> problems = [];
        var validation = await validator.ValidateAsync(input, cancellationToken);
        if (validation.IsValid)
        {
            problems = await users.SetPasswordAsync(input);
            if (problems.Count == 0)
            {
                TempData["Success"] = "Your password is set. Sign in with your e-mail address and the new password.";
                return RedirectToPage("/Account/Login", new { area = "Identity" });
            }
        }
        else
        {
            validation.AddToModelState(ModelState, "Input");
        }

        input.Password = input.ConfirmPassword = null;
        return View(new SetPasswordViewModel(input, problems));
    }
}

public sealed record SetPasswordViewModel(SetPasswordInput Input, IReadOnlyList<string> Problems);
