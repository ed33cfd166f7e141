using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace EpaPortal.Web.Security;

/// <summary>
/// An absolute session lifetime (ASVS 7.3.2) besides the sliding one: however active a session is, it
/// ends <see cref="Absolute"/> after the person signed in. The moment of sign-in is kept in the ticket's
/// properties (which renewals and the security-stamp check carry over), and checked on every request.
/// </summary>
public static class SessionLifetime
{
    public const string SignedInAtKey = "portal.signedInAt";

    /// <summary>Without activity a session ends after this (the cookie's sliding expiry).</summary>
    public static readonly TimeSpan Sliding = TimeSpan.FromHours(8);

    /// <summary>With activity a session still ends after this.</summary>
    public static readonly TimeSpan Absolute = TimeSpan.FromHours(12);

    public static void Apply(CookieAuthenticationOptions options)
    {
        var signingIn = options.Events.OnSigningIn;
        options.Events.OnSigningIn = async context =>
        {
            if (!context.Properties.Items.ContainsKey(SignedInAtKey))
            {
                var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
                context.Properties.Items[SignedInAtKey] = now.UtcTicks.ToString(CultureInfo.InvariantCulture);
            }

            await signingIn(context);
        };

        var validate = options.Events.OnValidatePrincipal;
        options.Events.OnValidatePrincipal = async context =>
        {
            var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
            if (!context.Properties.Items.TryGetValue(SignedInAtKey, out var value)
                || !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                || now - new DateTimeOffset(ticks, TimeSpan.Zero) > Absolute)
            {
                // A ticket without the moment of sign-in predates this rule: it ends too (sign in again).
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme);
                return;
            }

            await validate(context);
        };
    }
}
