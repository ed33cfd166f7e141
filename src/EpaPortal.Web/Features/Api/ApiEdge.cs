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
            if (context.Request.Path.StartsWithSegments(ApiSetup.ReferencePath, StringComparison.OrdinalIgnoreCase))
            {
                // The reference page's script is cacheable by its package's choice; a signed-in person's answers never are.
                context.Response.OnStarting(() =>
                {
                    if (context.User.Identity?.IsAuthenticated == true)
                    {
                        context.Response.Headers.CacheControl = "no-store";
                    }

                    return Task.CompletedTask;
                });
            }

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
            if (context.Response.StatusCode == StatusCodes.Status302Found && !context.Response.HasStarted)
            {
                // The API never redirects: a 302 here is the portal's cookie sign-in challenge on an endpoint without the
                // API's policy (the 415 endpoint routing picks when no action consumes the request's content type).
                // With no endpoint at all (an unknown path) the fallback policy challenged: that is a 404.
                var endpoint = context.GetEndpoint();
                context.Response.Headers.Remove(Microsoft.Net.Http.Headers.HeaderNames.Location);
                context.Response.StatusCode = endpoint is null ? StatusCodes.Status404NotFound
                    : endpoint.DisplayName?.StartsWith("415", StringComparison.Ordinal) == true ? StatusCodes.Status415UnsupportedMediaType
                    : StatusCodes.Status401Unauthorized;
            }

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

        var path = context.Request.Path.Value ?? string.Empty;
        path = path.Length > 300 ? path[..300] : path;
        var entry = AuditEntry.Of(clock.GetUtcNow(), ApiAuthentication.ActorId(grant.ClientId), context.User.Identity?.Name ?? grant.ClientId, ApiAudit.Action, null, string.Create(CultureInfo.InvariantCulture, $"{context.Request.Method} {path} → {context.Response.StatusCode}"));

        // Written by ApiAuditWriter in batches, off the request (a read stays a read, within its SQL budget); written
        // here only when the queue is full.
        if (context.RequestServices.GetRequiredService<ApiAuditQueue>().TryEnqueue(entry))
        {
            return;
        }

        try
        {
            await using var scope = context.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            db.AuditEntries.Add(entry);
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

/// <summary>The audit entries of API calls on their way to the database (bounded: when full, the call writes its own).</summary>
public sealed class ApiAuditQueue
{
    private readonly System.Threading.Channels.Channel<AuditEntry> _channel =
        System.Threading.Channels.Channel.CreateBounded<AuditEntry>(new System.Threading.Channels.BoundedChannelOptions(10_000) { SingleReader = true });

    public bool TryEnqueue(AuditEntry entry) => _channel.Writer.TryWrite(entry);

    public System.Threading.Channels.ChannelReader<AuditEntry> Reader => _channel.Reader;
}

/// <summary>Saves queued API-call audit entries in batches (up to 200 per SaveChanges), and what is left when the portal stops.</summary>
public sealed class ApiAuditWriter(ApiAuditQueue queue, IServiceScopeFactory scopes, ILogger<ApiAuditWriter> logger) : BackgroundService
{
    public const int BatchSize = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                await SaveAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is queued is saved below.
        }

        await SaveAsync();
    }

    private async Task SaveAsync()
    {
        var batch = new List<AuditEntry>();
        while (batch.Count < BatchSize && queue.Reader.TryRead(out var entry))
        {
            batch.Add(entry);
        }

        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            db.AuditEntries.AddRange(batch);
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "{Count} audit entries of API calls could not be saved.", batch.Count);
        }
    }
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
