using EpaPortal.Web.Data;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace EpaPortal.Web.Security;

public static class IdentitySetup
{
    public const int MinimumPasswordLength = 12;

    public static IServiceCollection AddPortalIdentity(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddIdentity<PortalUser, IdentityRole>(options =>
            {
                // NCSC / NIST guidance: length, not composition rules.
                options.Password.RequiredLength = MinimumPasswordLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;

                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);

                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedAccount = true;
            })
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddDefaultTokenProviders()
            .AddDefaultUI()
            .AddSignInManager<PortalSignInManager>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddClaimsPrincipalFactory<PortalClaimsPrincipalFactory>();

        services.AddSingleton<UnknownUserPassword>();
        services.AddScoped<SecurityEvents>();
        services.AddScoped<AccountSecurity>();

        services.AddScoped<IUserConfirmation<PortalUser>, PortalUserConfirmation>();
        services.AddSingleton<DatabaseTicketStore>();
        services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>, TicketStoreCookieSetup>();

        // A changed security stamp (password change, disabled account, sign-out everywhere) ends
        // sessions within a minute on every instance.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        // Every cookie the portal sets (sign-in, antiforgery, TempData) is HttpOnly, SameSite=Lax and, outside
        // Development and the tests (plain HTTP), Secure. In Production the sign-in and antiforgery cookies
        // carry the __Host- prefix: browsers then take them only over HTTPS, for the whole site and this host
        // alone (no Domain), so a sibling subdomain cannot plant or overwrite them (ASVS 3.3.1).
        var secure = environment.IsDevelopment() || environment.IsEnvironment("Testing") ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        var prefix = environment.IsProduction() ? CookieNames.HostPrefix : string.Empty;
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = prefix + CookieNames.Antiforgery;
            options.Cookie.Path = "/";
            options.Cookie.SecurePolicy = secure;
        });
        services.Configure<CookiePolicyOptions>(options =>
        {
            options.Secure = secure;
            options.HttpOnly = Microsoft.AspNetCore.CookiePolicy.HttpOnlyPolicy.Always;
            options.MinimumSameSitePolicy = SameSiteMode.Lax;
        });

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = prefix + CookieNames.Auth;
            options.Cookie.Path = "/";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = secure;
            options.ExpireTimeSpan = SessionLifetime.Sliding;
            options.SlidingExpiration = true;
            SessionLifetime.Apply(options);
            options.LoginPath = "/Identity/Account/Login";
            options.LogoutPath = "/Identity/Account/Logout";
            options.AccessDeniedPath = "/Home/AccessDenied";

            // Answer 403 in place (the status-code page explains it) rather than redirecting, so the
            // browser, scripts and tests all see the real status.
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        return services;
    }
}

/// <summary>The portal's cookie names (with <see cref="HostPrefix"/> in Production).</summary>
public static class CookieNames
{
    public const string HostPrefix = "__Host-";
    public const string Auth = "EpaPortal.Auth";
    public const string Antiforgery = "EpaPortal.Antiforgery";
}

/// <summary>An account can sign in only when its e-mail is confirmed and it has not been disabled.</summary>
public sealed class PortalUserConfirmation : IUserConfirmation<PortalUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<PortalUser> manager, PortalUser user) =>
        Task.FromResult(user.EmailConfirmed && user.DisabledAt is null);
}
