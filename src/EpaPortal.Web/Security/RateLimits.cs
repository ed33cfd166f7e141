using System.Globalization;
using System.Threading.RateLimiting;

namespace EpaPortal.Web.Security;

public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Sign-in attempts per client address per minute (lockout protects each account too).</summary>
    public int LoginPerMinute { get; set; } = 10;

    /// <summary>Upload requests per user per minute.</summary>
    public int UploadsPerMinute { get; set; } = 30;

    /// <summary>
    /// Calendar feed requests per client address per minute. Calendar apps poll a subscription every few minutes
    /// to hours; the limit is for someone guessing feed addresses or hammering one, and leaves room for an
    /// office of assessors behind one address.
    /// </summary>
    public int CalendarFeedPerMinute { get; set; } = 60;
}

/// <summary>Rate limits on sign-in, uploads and the anonymous calendar feed: 429 with Retry-After when exceeded.</summary>
public static class RateLimits
{
    public const string Login = "login";
    public const string Upload = "upload";
    public const string CalendarFeed = "calendar-feed";

    /// <summary>The Identity pages whose POSTs share the sign-in limit per client address.</summary>
    public static readonly IReadOnlyList<string> SignInPages =
    [
        "/Account/ForgotPassword", "/Account/ResendEmailConfirmation", "/Account/LoginWith2fa", "/Account/LoginWithRecoveryCode",
        "/Account/ResetPassword",
    ];

    public static IServiceCollection AddPortalRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };

            // Sign-in: only the POST counts, per client address.
            options.AddPolicy(Login, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    "login:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                    _ => Window(limits.LoginPerMinute))
                : RateLimitPartition.GetNoLimiter("login:get"));

            // Uploads: per signed-in user.
            options.AddPolicy(Upload, context => RateLimitPartition.GetFixedWindowLimiter(
                "upload:" + (context.User.Identity?.Name ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                _ => Window(limits.UploadsPerMinute)));

            // The anonymous calendar feed: per client address (no one is signed in).
            options.AddPolicy(CalendarFeed, context => RateLimitPartition.GetFixedWindowLimiter(
                "calendar-feed:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                _ => Window(limits.CalendarFeedPerMinute)));
        });
        return services;
    }

    private static FixedWindowRateLimiterOptions Window(int permits) => new()
    {
        PermitLimit = Math.Max(1, permits),
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
