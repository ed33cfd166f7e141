using System.Globalization;
using System.Threading.RateLimiting;
using EpaPortal.Domain.Auditing;
using EpaPortal.Web.Data;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.RateLimiting;

namespace EpaPortal.Web.Features.Api;

/// <summary>
/// The edge of every /api request: problem details instead of the portal's HTML status pages (404 for an
/// unknown path, 500 for a failure), and after the call an audit entry naming the client, the endpoint and
/// the status (a GET that writes, by design: issue 23 asks for every call to be audited).
/// </summary>
public sealed class ApiEdgeMiddleware(RequestDelegate next, ILogger<ApiEdgeMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context, TimeProvider clock)
    {
        if (!context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        if (context.Features.Get<IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }

        try
        {
            await next(context);
            if (context.Response.StatusCode >= 400 && !context.Response.HasStarted && context.Response.ContentLength is null && string.IsNullOrEmpty(context.Response.ContentType))
            {
                await ApiProblems.WriteAsync(context, context.Response.StatusCode, ReasonPhrase(context.Response.StatusCode), DetailFor(context.Response.StatusCode));
            }
        }
        catch (Exception ex) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            logger.LogError(ex, "API call {Method} {Path} failed.", context.Request.Method, context.Request.Path);
            context.Response.Clear();
            await ApiProblems.WriteAsync(context, StatusCodes.Status500InternalServerError, "Something went wrong", "The call failed on our side and changed nothing. Try again later; if it keeps failing, tell the assessment organisation the time of the call.");
        }

        await AuditAsync(context, clock);
    }

    private async Task AuditAsync(HttpContext context, TimeProvider clock)
    {
        var grant = ApiAuthentication.GrantOf(context.User);
        if (grant is null || !context.Request.Path.StartsWithSegments("/api/v1", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        try
        {
            var path = context.Request.Path.Value ?? string.Empty;
            path = path.Length > 300 ? path[..300] : path;
            await using var scope = context.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), ApiAuthentication.ActorId(grant.ClientId), context.User.Identity?.Name ?? grant.ClientId, ApiAudit.Action, null, null, null, null,
                string.Create(CultureInfo.InvariantCulture, $"{context.Request.Method} {path} → {context.Response.StatusCode}")));
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The call has been answered; a lost audit line is logged, never turned into a failure.
            logger.LogError(ex, "The audit entry of API call {Method} {Path} by {Client} could not be saved.", context.Request.Method, context.Request.Path, grant.ClientId);
        }
    }

    private static string ReasonPhrase(int status) => status switch
    {
        StatusCodes.Status404NotFound => "Not found",
        StatusCodes.Status405MethodNotAllowed => "Method not allowed",
        StatusCodes.Status415UnsupportedMediaType => "Unsupported media type",
        StatusCodes.Status429TooManyRequests => "Too many requests",
        _ => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status),
    };

    private static string DetailFor(int status) => status switch
    {
        StatusCodes.Status404NotFound => "There is nothing at this address, or nothing your organisation may see. The API's paths are listed in the OpenAPI document.",
        StatusCodes.Status405MethodNotAllowed => "This address does not answer this HTTP method.",
        StatusCodes.Status415UnsupportedMediaType => "Send JSON (Content-Type: application/json), or multipart/form-data for uploads.",
        StatusCodes.Status429TooManyRequests => "Too many calls: wait for the number of seconds in Retry-After, then try again.",
        _ => "The call was refused.",
    };
}

public static class ApiAudit
{
    public const string Action = "ApiCall";
}

/// <summary>The API's rate limits: per client for calls, per address for token requests.</summary>
public static class ApiRateLimits
{
    public const string Token = "api-token";

    public static IServiceCollection AddApiRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ApiRateLimitFilter>();
        services.Configure<RateLimiterOptions>(options => options.AddPolicy(Token, context => RateLimitPartition.GetFixedWindowLimiter(
            "api-token:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = Math.Max(1, configuration.GetValue("Api:TokenRequestsPerMinute", 30)),
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            })));
        return services;
    }
}

/// <summary>
/// Calls per client per minute (<c>Api:RequestsPerMinute</c>, default 120): past it, 429 with Retry-After and
/// problem details. Runs after authentication (the client is known) and before model binding. Counted per
/// instance, like the portal's other limits (docs/security.md).
/// </summary>
public sealed class ApiRateLimitFilter : IAsyncResourceFilter, IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public ApiRateLimitFilter(IConfiguration configuration)
    {
        var permits = Math.Max(1, configuration.GetValue("Api:RequestsPerMinute", 120));
        _limiter = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));
    }

    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        var client = ApiAuthentication.GrantOf(context.HttpContext.User)?.ClientId;
        if (client is null)
        {
            await next();
            return;
        }

        using var lease = await _limiter.AcquireAsync(client, 1, context.HttpContext.RequestAborted);
        if (!lease.IsAcquired)
        {
            var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
            context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            context.Result = new Microsoft.AspNetCore.Mvc.ObjectResult(new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = "This client has made too many calls this minute: wait for the number of seconds in Retry-After, then try again.",
            })
            { StatusCode = StatusCodes.Status429TooManyRequests, ContentTypes = { "application/problem+json" } };
            return;
        }

        await next();
    }

    public void Dispose() => _limiter.Dispose();
}
