using EpaPortal.Web.Features.Api.National;
using EpaPortal.Web.Security;
using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Api;

/// <summary>/admin/api-clients: who may call the API, for which organisation, with which scopes.</summary>
[Authorize(Policy = Policies.Admin)]
[Route("admin/api-clients")]
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ApiClientsController(IntegrationsAdminService service, IValidator<ApiClientInput> validator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) => View(await service.ClientsAsync(null, [], null, cancellationToken));

    [HttpPost("")]
    public async Task<IActionResult> Create([Bind(Prefix = "Input")] ApiClientInput input, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(input, cancellationToken);
        if (!validation.IsValid)
        {
            validation.AddToModelState(ModelState, "Input");
            return View(nameof(Index), await service.ClientsAsync(input, [], null, cancellationToken));
        }

        var (secret, problem) = await service.CreateClientAsync(input, cancellationToken);

        // The secret is in this one answer (not stored, not redirected through TempData) and the page is not cached.
        return View(nameof(Index), await service.ClientsAsync(secret is null ? input : null, problem is null ? [] : [problem], secret, cancellationToken));
    }

    [HttpPost("{id:int}/secret")]
    public async Task<IActionResult> NewSecret(int id, CancellationToken cancellationToken) =>
        await service.NewClientSecretAsync(id, cancellationToken) is { } secret
            ? View(nameof(Index), await service.ClientsAsync(null, [], secret, cancellationToken))
            : NotFound();

    [HttpPost("{id:int}/disable")]
    public async Task<IActionResult> Disable(int id, CancellationToken cancellationToken)
    {
        if (!await service.DisableClientAsync(id, cancellationToken))
        {
            return NotFound();
        }

        TempData["Success"] = "The client was disabled: its tokens stop working within a minute.";
        return RedirectToAction(nameof(Index));
    }
}

/// <summary>/admin/webhooks: organisations' subscriptions, their deliveries, and sending one again.</summary>
[Authorize(Policy = Policies.Admin)]
[Route("admin/webhooks")]
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class WebhooksController(IntegrationsAdminService service, IValidator<WebhookInput> validator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) => View(await service.WebhooksAsync(null, [], null, cancellationToken));

    [HttpPost("")]
    public async Task<IActionResult> Create([Bind(Prefix = "Input")] WebhookInput input, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(input, cancellationToken);
        if (!validation.IsValid)
        {
            validation.AddToModelState(ModelState, "Input");
            return View(nameof(Index), await service.WebhooksAsync(input, [], null, cancellationToken));
        }

        var (secret, problem) = await service.CreateWebhookAsync(input, cancellationToken);
        return View(nameof(Index), await service.WebhooksAsync(secret is null ? input : null, problem is null ? [] : [problem], secret, cancellationToken));
    }

    [HttpPost("{id:int}/disable")]
    public async Task<IActionResult> Disable(int id, CancellationToken cancellationToken)
    {
        if (!await service.DisableWebhookAsync(id, cancellationToken))
        {
            return NotFound();
        }

        TempData["Success"] = "The subscription was disabled: nothing more is sent to it.";
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Deliveries(int id, CancellationToken cancellationToken) =>
        await service.DeliveriesAsync(id, cancellationToken) is { } model ? View(model) : NotFound();

    [HttpPost("deliveries/{id:long}/resend")]
    public async Task<IActionResult> Resend(long id, CancellationToken cancellationToken)
    {
        if (await service.ResendAsync(id, cancellationToken) is not { } subscriptionId)
        {
            return NotFound();
        }

        TempData["Success"] = "The delivery will be sent again within a few seconds.";
        return RedirectToAction(nameof(Deliveries), new { id = subscriptionId });
    }
}

/// <summary>/admin/national-service: released results sent to the national apprenticeship assessment service.</summary>
[Authorize(Policy = Policies.Admin)]
[Route("admin/national-service")]
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class NationalServiceController(NationalSubmissionService service) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) => View(await service.PageAsync(cancellationToken));

    [HttpGet("{caseId:int}")]
    public async Task<IActionResult> Case(int caseId, CancellationToken cancellationToken) =>
        await service.CaseAsync(caseId, cancellationToken) is { } model ? View(model) : NotFound();

    [HttpPost("{caseId:int}/send")]
    public async Task<IActionResult> Send(int caseId, CancellationToken cancellationToken)
    {
        var sent = await service.SendAsync(caseId, cancellationToken);
        if (sent is null)
        {
            return NotFound();
        }

        var last = sent.Count == 0 ? null : sent[^1];
        TempData[last is null || last.Status == NationalSubmissionStatus.Accepted ? "Success" : "Error"] = last switch
        {
            null => "Everything for this case had already been accepted by the national service.",
            { Status: NationalSubmissionStatus.Accepted } => "The national service accepted the record.",
            { Status: NationalSubmissionStatus.Rejected } => "The national service refused the record: its reasons are listed below. Correct the details, then send again.",
            _ => "The national service could not be reached: nothing was lost. Send again later.",
        };
        return RedirectToAction(nameof(Case), new { caseId });
    }
}
