using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;
using EpaPortal.Domain.Access;
using EpaPortal.Web.Features.Cases;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Security;

/// <summary>An authorization requirement naming one <see cref="CaseOperation"/> on a case (the resource).</summary>
public sealed class CaseOperationRequirement(CaseOperation operation) : IAuthorizationRequirement
{
    public CaseOperation Operation { get; } = operation;

    public override string ToString() => $"{nameof(CaseOperation)}.{Operation}";
}

/// <summary>The requirements, one per operation (as the ASP.NET Core resource-based authorization docs name their operations).</summary>
public static class CaseOperations
{
    private static readonly Dictionary<CaseOperation, CaseOperationRequirement> Requirements =
        Enum.GetValues<CaseOperation>().ToDictionary(o => o, o => new CaseOperationRequirement(o));

    public static CaseOperationRequirement For(CaseOperation operation) => Requirements[operation];
}

/// <summary>
/// The one authorization handler for case data: the signed-in user's relation to the case and what of it
/// they may see come from the domain (<see cref="CaseRelations"/>, <see cref="CaseVisibility"/>), and
/// <see cref="CasePermissions"/> decides. No controller or service checks a relation of its own.
/// </summary>
public sealed class CaseAuthorizationHandler : AuthorizationHandler<CaseOperationRequirement, CaseAccessInfo>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, CaseOperationRequirement requirement, CaseAccessInfo resource)
    {
        var (relation, view) = resource.For(context.User.ToActor());
        if (CasePermissions.Allows(requirement.Operation, relation, view))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// The case a request is about, authorized for one operation: loaded with one query
/// (<see cref="CaseAccess"/>), then one question to <see cref="IAuthorizationService"/>. Refused with 404
/// when the person may not see the case at all (case numbers reveal nothing) and 403 when they may see it
/// but this operation is not theirs.
/// </summary>
public sealed class CaseAuthorizer(CaseAccess access, CaseFactsLoader loader, IAuthorizationService authorization)
{
    public async Task<CaseAuthorization> AuthorizeAsync(ClaimsPrincipal user, int caseId, CaseOperation operation, CancellationToken cancellationToken) =>
        await DecideAsync(user, await access.LoadAsync(caseId, cancellationToken), operation);

    /// <summary>The signed-in apprentice's own case (their pages carry no case id).</summary>
    public async Task<CaseAuthorization> AuthorizeOwnAsync(ClaimsPrincipal user, CaseOperation operation, CancellationToken cancellationToken) =>
        await DecideAsync(user, await access.LoadOwnAsync(cancellationToken), operation);

    /// <summary>
    /// The case with every fact the workflow reads, authorized on those same facts (no separate access query):
    /// for a page that shows what the workflow would allow, or (<paramref name="forUpdate"/>, tracked) for a
    /// command that lets the domain decide and saves once.
    /// </summary>
    public async Task<CaseAuthorization> AuthorizeWithFactsAsync(ClaimsPrincipal user, int caseId, CaseOperation operation, bool forUpdate, CancellationToken cancellationToken)
    {
        var snapshot = forUpdate ? await loader.LoadForUpdateAsync(caseId, cancellationToken) : await loader.LoadAsync(caseId, cancellationToken);
        var decision = await DecideAsync(user, snapshot is null ? null : access.From(snapshot), operation);
        return decision.Succeeded ? decision with { Snapshot = snapshot } : decision;
    }

    private async Task<CaseAuthorization> DecideAsync(ClaimsPrincipal user, CaseAccessInfo? info, CaseOperation operation)
    {
        if (info is null)
        {
            return CaseAuthorization.Missing;
        }

        var result = await authorization.AuthorizeAsync(user, info, CaseOperations.For(operation));
        return result.Succeeded ? new CaseAuthorization(info, null)
            : CasePermissions.HidesTheCase(info.View) ? CaseAuthorization.Missing
            : new CaseAuthorization(null, new ForbidResult()) { Forbidden = true };
    }
}

/// <summary>The answer of <see cref="CaseAuthorizer"/>: the case, or the response that refuses the request.</summary>
public sealed record CaseAuthorization(CaseAccessInfo? Case, IActionResult? Refusal)
{
    /// <summary>The case and its facts, when authorized with <see cref="CaseAuthorizer.AuthorizeWithFactsAsync"/>.</summary>
    public CaseSnapshot? Snapshot { get; init; }

    public static CaseAuthorization Missing { get; } = new(null, new NotFoundResult());

    [MemberNotNullWhen(true, nameof(Case))]
    [MemberNotNullWhen(false, nameof(Refusal))]
    public bool Succeeded => Case is not null;

    /// <summary>The person may see the case but not do this (403, not 404).</summary>
    public bool Forbidden { get; init; }
}

public static class ClaimsPrincipalActor
{
    /// <summary>The signed-in person as the domain sees them: id, name, roles and employer organisation.</summary>
    public static Actor ToActor(this ClaimsPrincipal principal) =>
        Features.Api.ApiAuthentication.GrantOf(principal) is { } client
            ? Actor.ForApiClient(principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty, principal.FindFirstValue(PortalClaims.DisplayName) ?? principal.Identity?.Name ?? string.Empty, client)
            : new(principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty,
            principal.FindFirstValue(PortalClaims.DisplayName) ?? principal.Identity?.Name ?? string.Empty,
            Roles.All.Where(principal.IsInRole).Select(ActorExtensions.ToPortalRole),
            int.TryParse(principal.FindFirstValue(PortalClaims.OrganisationId), out var organisationId) ? organisationId : null);
}
