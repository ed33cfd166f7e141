using EpaPortal.Domain.Access;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Features.Gateway;
using EpaPortal.Web.Storage;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Api.V1;

/// <summary>EPA registrations (cases) of the organisation's apprentices: status and dates, gateway evidence, released results.</summary>
[Route("api/v1/registrations")]
[Tags("Registrations")]
public sealed class RegistrationsApiController(
    ApiService api,
    CaseAccess access,
    IAuthorizationService authorization,
    GatewayService gateway,
    CaseFactsLoader loader,
    UploadReceiver receiver,
    IValidator<RegistrationCreateRequest> validator) : ApiControllerBase
{
    /// <summary>Lists the organisation's registrations (scope read).</summary>
    /// <param name="status">Only registrations in this state (e.g. GatewaySubmitted).</param>
    /// <param name="uln">Only the registrations of the apprentice with this ULN.</param>
    /// <param name="cursor">The nextCursor of the previous page.</param>
    /// <param name="limit">Items per page, 1 to 200 (default 50).</param>
    /// <param name="cancellationToken">Ends the work when the caller goes away.</param>
    [HttpGet("")]
    [Authorize(Policy = ApiPolicies.Read)]
    [ProducesResponseType<Page<RegistrationResource>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<ActionResult<Page<RegistrationResource>>> List([FromQuery] string? status, [FromQuery] string? uln, [FromQuery] string? cursor, [FromQuery] int? limit, CancellationToken cancellationToken)
    {
        if (ApiCursor.Decode(cursor) is not { } after || Limit(limit) is not { } size)
        {
            return Refused(StatusCodes.Status400BadRequest, "The cursor or limit is not valid: pass nextCursor from the previous page unchanged, and a limit from 1 to 200.");
        }

        if (!string.IsNullOrEmpty(status) && !Enum.TryParse<Domain.Cases.CaseState>(status, ignoreCase: false, out _))
        {
            return Refused(StatusCodes.Status400BadRequest, $"There is no status '{status}'. Use one of: {string.Join(", ", Enum.GetNames<Domain.Cases.CaseState>())}.");
        }

        return Ok(await api.RegistrationsAsync(status, uln, after, size, cancellationToken));
    }

    /// <summary>Reads one registration's status and dates (scope read).</summary>
    /// <param name="id">The registration id.</param>
    /// <param name="cancellationToken">Ends the work when the caller goes away.</param>
    [HttpGet("{id:int}")]
    [Authorize(Policy = ApiPolicies.Read)]
    [ProducesResponseType<RegistrationResource>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<ActionResult<RegistrationResource>> Get(int id, CancellationToken cancellationToken)
    {
        if (await AuthorizeAsync(id, ApiCaseOperation.Read, cancellationToken) is null || await api.RegistrationAsync(id, cancellationToken) is not { } registration)
        {
            return NotFoundProblem("No registration of your organisation has this id.");
        }

        return Ok(registration);
    }

    /// <summary>Registers an apprentice of the organisation for end-point assessment (scope register).</summary>
    /// <param name="request">The apprentice's ULN and the standard version.</param>
    /// <param name="cancellationToken">Ends the work when the caller goes away.</param>
    [HttpPost("")]
    [Authorize(Policy = ApiPolicies.Register)]
    [Consumes("application/json")]
    [RequestSizeLimit(64 * 1024)]
    [ProducesResponseType<RegistrationResource>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<ActionResult<RegistrationResource>> Create([FromBody] RegistrationCreateRequest request, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return Invalid(validation);
        }

        var outcome = await api.RegisterAsync(request, cancellationToken);
        return outcome.Value is { } created ? CreatedAtAction(nameof(Get), new { id = created.Id }, created) : Refused(outcome.Status, outcome.Problem!);
    }

    /// <summary>The registration's released results (scope read). 404 until a result is released: nothing unreleased is ever shown.</summary>
    /// <param name="id">The registration id.</param>
    /// <param name="cancellationToken">Ends the work when the caller goes away.</param>
    [HttpGet("{id:int}/result")]
    [Authorize(Policy = ApiPolicies.Read)]
    [ProducesResponseType<ResultResource>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<ActionResult<ResultResource>> Result(int id, CancellationToken cancellationToken)
    {
        if (await AuthorizeAsync(id, ApiCaseOperation.ReadResult, cancellationToken) is null)
        {
            return NotFoundProblem("No registration of your organisation with this id has a released result.");
        }

        return Ok(await api.ResultAsync(id, cancellationToken));
    }

    /// <summary>
    /// Uploads gateway evidence (scope upload) as multipart/form-data: a field <c>slot</c> (english, maths, module-0 or
    /// module-1) before each file. Streamed and checked exactly as the employer's gateway form (type, signature, size,
    /// the case's quota); the employer's gateway form then offers the file.
    /// </summary>
    /// <param name="id">The registration id.</param>
    /// <param name="cancellationToken">Ends the work when the caller goes away.</param>
    [HttpPost("{id:int}/gateway-evidence")]
    [Authorize(Policy = ApiPolicies.Upload)]
    [StreamedUpload]
    [Consumes("multipart/form-data")]
    [ProducesResponseType<IReadOnlyList<GatewayEvidenceResource>>(StatusCodes.Status201Created)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<ActionResult<IReadOnlyList<GatewayEvidenceResource>>> UploadGatewayEvidence(int id, CancellationToken cancellationToken)
    {
        var info = await AuthorizeAsync(id, ApiCaseOperation.UploadGatewayEvidence, cancellationToken);
        if (info is null)
        {
            return NotFoundProblem("No registration of your organisation has this id.");
        }

        // The case's facts, tracked: the quota reservation reads the case's stored bytes from them.
        var snapshot = await loader.LoadForUpdateAsync(id, cancellationToken);
        if (snapshot is null)
        {
            return NotFoundProblem("No registration of your organisation has this id.");
        }

        var modules = await gateway.ModuleNamesAsync(info, cancellationToken);
        var target = new ApiGatewayUploadTarget(gateway.UploadTarget(info, snapshot, modules));
        var batch = await receiver.ReceiveAsync(HttpContext, target, cancellationToken, UploadAuthentication.BearerToken);
        if (batch.Status is UploadBatchStatus.NotMultipart)
        {
            return Refused(StatusCodes.Status400BadRequest, batch.Problem ?? "Send multipart/form-data.");
        }

        var refused = batch.Outcomes.Where(o => !o.Accepted).Select(o => o.Message).ToList();
        if (batch.Problem is not null)
        {
            refused.Add(batch.Problem);
        }

        if (refused.Count > 0)
        {
            var problem = new ProblemDetails
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = target.Stored.Count > 0 ? "Some files were not stored" : "No file was stored",
                Detail = string.Join(" ", refused),
            };
            problem.Extensions["stored"] = target.Stored;
            problem.Extensions["refused"] = refused;
            return UnprocessableEntity(problem);
        }

        return StatusCode(StatusCodes.Status201Created, target.Stored);
    }

    /// <summary>The case, when the client may do the operation with it (the domain's rule, through the authorization handler); otherwise null (404).</summary>
    private async Task<CaseAccessInfo?> AuthorizeAsync(int caseId, ApiCaseOperation operation, CancellationToken cancellationToken)
    {
        var info = await access.LoadAsync(caseId, cancellationToken);
        return info is not null && (await authorization.AuthorizeAsync(User, info, new ApiCaseRequirement(operation))).Succeeded ? info : null;
    }
}

/// <summary>The employer's gateway upload target, remembering what each accepted file was stored as.</summary>
internal sealed class ApiGatewayUploadTarget(GatewayUploadTarget inner) : IUploadTarget
{
    private readonly List<GatewayEvidenceResource> _stored = [];

    public IReadOnlyList<GatewayEvidenceResource> Stored => _stored;

    public int CaseId => inner.CaseId;

    public long RemainingQuotaBytes => inner.RemainingQuotaBytes;

    public string? CheckBeforeFile(IReadOnlyDictionary<string, string> fields) => inner.CheckBeforeFile(fields);

    public async Task<UploadOutcome> AcceptAsync(AcceptedFile file, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken)
    {
        var outcome = await inner.AcceptAsync(file, fields, cancellationToken);
        var slot = fields.TryGetValue(GatewaySlot.FieldName, out var key) ? key : string.Empty;
        if (outcome.Accepted && inner.Accepted.TryGetValue(slot, out var fileId))
        {
            _stored.Add(new GatewayEvidenceResource(fileId, slot, outcome.FileName, outcome.Message));
        }

        return outcome;
    }
}
