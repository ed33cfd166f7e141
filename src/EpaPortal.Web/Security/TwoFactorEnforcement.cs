using EpaPortal.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace EpaPortal.Web.Security;

public sealed class TwoFactorOptions
{
    public const string Section = "Security";

    /// <summary>Assessors, quality assurers and admins must use an authenticator app (default on).</summary>
    public bool RequireTwoFactorForStaff { get; set; } = true;
}

/// <summary>
/// Staff (assessors, quality assurers, admins) see confidential notes and unreleased grades, so they must
/// set up two-factor authentication before using the portal: until they do, every page sends them to
/// the authenticator set-up page.
/// </summary>
public sealed class TwoFactorEnforcementMiddleware(RequestDelegate next)
{
    public const string SetupPath = "/Identity/Account/Manage/EnableAuthenticator";

    public async Task InvokeAsync(HttpContext context, Microsoft.Extensions.Options.IOptions<TwoFactorOptions> options)
    {
        if (!options.Value.RequireTwoFactorForStaff || !NeedsCheck(context))
        {
            await next(context);
            return;
        }

        // Checked against the store (not a claim), so enabling the authenticator takes effect at once.
        var users = context.RequestServices.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.GetUserAsync(context.User);
        if (user is not null && !user.TwoFactorEnabled)
        {
            context.Response.Redirect(SetupPath);
            return;
        }

        await next(context);
    }

    private static bool NeedsCheck(HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true
            || !(user.IsInRole(Roles.Assessor) || user.IsInRole(Roles.QualityAssurer) || user.IsInRole(Roles.Admin)))
        {
            return false;
        }

        // Account pages (set-up, recovery codes, sign-out) and health checks stay reachable.
        var path = context.Request.Path;
        return !path.StartsWithSegments("/Identity/Account", StringComparison.OrdinalIgnoreCase)
            && !path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase)
            && !path.StartsWithSegments("/Home/Status", StringComparison.OrdinalIgnoreCase);
    }
}
