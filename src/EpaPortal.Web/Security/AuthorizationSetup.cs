using Microsoft.AspNetCore.Authorization;

namespace EpaPortal.Web.Security;

public static class AuthorizationSetup
{
    public static IServiceCollection AddPortalAuthorization(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            // Every endpoint needs a signed-in user unless it opts out with [AllowAnonymous].
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Apprentice, p => p.RequireRole(Roles.Apprentice))
            .AddPolicy(Policies.Employer, p => p.RequireRole(Roles.Employer))
            .AddPolicy(Policies.Provider, p => p.RequireRole(Roles.Provider))
            .AddPolicy(Policies.Assessor, p => p.RequireRole(Roles.Assessor))
            .AddPolicy(Policies.QualityAssurer, p => p.RequireRole(Roles.QualityAssurer))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.QaLead, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Staff, p => p.RequireRole(Roles.Assessor, Roles.QualityAssurer, Roles.Admin))
            .AddPolicy(Policies.Reports, p => p.RequireRole(Domain.Reporting.ManagementReports.ReaderRoles.Select(r => r.ToString())));

        // Case data: one handler asks the domain (Security/CaseOperations).
        services.AddSingleton<IAuthorizationHandler, CaseAuthorizationHandler>();
        services.AddScoped<CaseAuthorizer>();
        return services;
    }
}
