using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Api.V1;

/// <summary>The client organisation's apprentices.</summary>
[Route("api/v1/apprentices")]
[Tags("Apprentices")]
public sealed class ApprenticesApiController(ApiService api, IValidator<ApprenticeCreateRequest> createValidator, IValidator<ApprenticeUpdateRequest> updateValidator) : ApiControllerBase
{
    /// <summary>Lists the organisation's apprentices (scope read).</summary>
    /// <param name="uln">Only the apprentice with this ULN.</param>
    /// <param name="familyName">Only apprentices with this family name (exact).</param>
    /// <param name="cursor">The nextCursor of the previous page.</param>
    /// <param name="limit">Items per page, 1 to 200 (default 50).</param>
    /// <param name="cancellationToken">Ends the work when the caller goes away.</param>
    [HttpGet("")]
    [Authorize(Policy = ApiPolicies.Read)]
    [ProducesResponseType<Page<ApprenticeResource>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<ActionResult<Page<ApprenticeResource>>> List([FromQuery] string? uln, [FromQuery] string? familyName, [FromQuery] string? cursor, [FromQuery] int? limit, CancellationToken cancellationToken)
    {
        if (ApiCursor.Decode(cursor) is not { } after || Limit(limit) is not { } size)
        {
            return Refused(StatusCodes.Status400BadRequest, "The cursor or limit is not valid: pass nextCursor from the previous page unchanged, and a limit from 1 to 200.");
        }

        return Ok(await api.ApprenticesAsync(uln, familyName, after, size, cancellationToken));
    }

    /// <summary>Reads one apprentice (scope read). The ETag header is the version to send back in If-Match when changing it.</summary>
    /// <param name="id">The apprentice's id.</param>
    /// <param name="cancellationToken">Ends the work when the caller goes away.</param>
    [HttpGet("{id:int}")]
    [Authorize(Policy = ApiPolicies.Read)]
    [ProducesResponseType<ApprenticeResource>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<ActionResult<ApprenticeResource>> Get(int id, CancellationToken cancellationToken)
    {
        if (await api.ApprenticeAsync(id, cancellationToken) is not { } apprentice)
        {
            return NotFoundProblem("No apprentice of your organisation has this id.");
        }

        Response.Headers.ETag = ApiService.ETagOf(apprentice);
        return Ok(apprentice);
    }

    /// <summary>Adds an apprentice of the organisation (scope register). The ULN is checked (10 digits and its checksum) and must be new.</summary>
    /// <param name="request">The apprentice.</param>
    /// <param name="cancellationToken">Ends the work when the caller goes away.</param>
    [HttpPost("")]
    [Authorize(Policy = ApiPolicies.Register)]
    [Consumes("application/json")]
    [RequestSizeLimit(64 * 1024)]
    [ProducesResponseType<ApprenticeResource>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<ActionResult<ApprenticeResource>> Create([FromBody] ApprenticeCreateRequest request, CancellationToken cancellationToken)
    {
        var validation = await createValidator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return Invalid(validation);
        }

        var outcome = await api.CreateApprenticeAsync(request, cancellationToken);
        if (outcome.Value is not { } created)
        {
            return Refused(outcome.Status, outcome.Problem!);
        }

        Response.Headers.ETag = ApiService.ETagOf(created);
        return CreatedAtAction(nameof(Get), new { id = created.Id }, created);
    }

    /// <summary>Changes an apprentice's names, e-mail or date of birth (scope register). Needs If-Match with the ETag from GET.</summary>
    /// <param name="id">The apprentice's id.</param>
    /// <param name="request">The new details.</param>
    /// <param name="cancellationToken">Ends the work when the caller goes away.</param>
    [HttpPut("{id:int}")]
    [Authorize(Policy = ApiPolicies.Register)]
    [Consumes("application/json")]
    [RequestSizeLimit(64 * 1024)]
    [ProducesResponseType<ApprenticeResource>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status428PreconditionRequired, "application/problem+json")]
    public async Task<ActionResult<ApprenticeResource>> Update(int id, [FromBody] ApprenticeUpdateRequest request, CancellationToken cancellationToken)
    {
        var validation = await updateValidator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return Invalid(validation);
        }

        var outcome = await api.UpdateApprenticeAsync(id, Request.Headers.IfMatch.ToString(), request, cancellationToken);
        if (outcome.Value is not { } updated)
        {
            return Refused(outcome.Status, outcome.Problem!);
        }

        Response.Headers.ETag = ApiService.ETagOf(updated);
        return Ok(updated);
    }
}
