using EpaPortal.Domain.Access;
using EpaPortal.Web.Features.Cases;
using Microsoft.AspNetCore.Authorization;

namespace EpaPortal.Web.Features.Api.V1;

/// <summary>An API client asks to do <paramref name="Operation"/> with one case.</summary>
public sealed record ApiCaseRequirement(ApiCaseOperation Operation) : IAuthorizationRequirement;

/// <summary>
/// Resource-based authorization for the API: the case (as <see cref="CaseAccessInfo"/>, whose relation and view the
/// domain computed) against the client's grant; the rule itself is the domain's <see cref="ApiPermissions"/>.
/// </summary>
public sealed class ApiCaseAuthorizationHandler : AuthorizationHandler<ApiCaseRequirement, CaseAccessInfo>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ApiCaseRequirement requirement, CaseAccessInfo resource)
    {
        if (ApiAuthentication.GrantOf(context.User) is { } grant && ApiPermissions.Allows(requirement.Operation, grant, resource.Relation, resource.View))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
