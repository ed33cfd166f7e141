using System.Diagnostics;
using System.Globalization;
using System.Net;
using EpaPortal.Web.Features.Scheduling;
using EpaPortal.Web.Tests.Infrastructure;
using EpaPortal.Web.Tests.ScaleOut;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;

namespace EpaPortal.Web.Tests.Scheduling;

/// <summary>Every log entry the portal writes (message, state and scopes), at the levels its settings allow.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider? _scopes;

    public LockedCollection<string> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider._scopes?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = new System.Text.StringBuilder(string.Join(" ", category, formatter(state, exception), state));
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values)
                {
                    text.Append(CultureInfo.InvariantCulture, $" {key}={value}");
                }
            }

            provider._scopes?.ForEachScope((scope, builder) =>
            {
                builder.Append(CultureInfo.InvariantCulture, $" scope:{scope}");
                if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                {
                    foreach (var (key, value) in pairs)
                    {
                        builder.Append(CultureInfo.InvariantCulture, $" {key}={value}");
                    }
                }
            }, text);
            provider.Entries.Add(text.ToString());
        }
    }
}

/// <summary>The portal as deployed (the shipped log levels) with telemetry on, spans and logs captured.</summary>
public sealed class FeedTelemetryPortalFactory : PortalFactory
{
    public LockedCollection<Activity> Spans { get; } = new();

    public CapturingLoggerProvider Logs { get; } = new();

    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        builder.UseSetting("Telemetry:Enabled", "true");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans)));
    }
}

/// <summary>Issue 18, item 4: the anonymous calendar feed is rate-limited per client address, and its secret
/// address is kept out of the telemetry and the logs.</summary>
[Trait(Category.Name, Category.Security)]
public class CalendarFeedProtectionTests(FeedTelemetryPortalFactory factory) : IClassFixture<FeedTelemetryPortalFactory>
{
    private async Task<string> IssueFeedPathAsync(string assessorEmail)
    {
        using var assessor = await factory.SignInAsync(assessorEmail);
        var response = await assessor.SubmitFormAsync("/assessor/availability", new Dictionary<string, string>(), "form[action$='/availability/feed']");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new Uri((await PortalClient.ParseAsync(response)).QuerySelector("input.feed-url")!.GetAttribute("value")!).AbsolutePath;
    }

    [Fact]
    public async Task AFeedRequest_KeepsTheSecretOutOfItsSpanAndOutOfEveryLogEntry()
    {
        var path = await IssueFeedPathAsync(Demo.Assessor);
        var secret = path["/calendar/".Length..^".ics".Length];
        using var anonymous = factory.CreateClient(new() { AllowAutoRedirect = false });
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        using var unknown = new HttpRequestMessage(HttpMethod.Get, new Uri("/calendar/not-a-real-secret-0123456789abcdef.ics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, (await anonymous.SendAsync(request)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.SendAsync(unknown)).StatusCode);

        Activity? server = null;
        for (var i = 0; i < 100 && server is null; i++)
        {
            server = factory.Spans.Snapshot().SingleOrDefault(a => a.TraceId == traceId && a.Kind == ActivityKind.Server);
            await Task.Delay(server is null ? 50 : 0);
        }

        Assert.NotNull(server);
        Assert.Equal(CalendarFeedController.RedactedPath, server.GetTagItem("url.path"));
        Assert.DoesNotContain(factory.Spans.Snapshot().Where(a => a.TraceId == traceId).SelectMany(a => a.TagObjects).Append(new("name", server.DisplayName)),
            tag => tag.Value?.ToString()?.Contains(secret, StringComparison.Ordinal) == true);
        Assert.DoesNotContain(factory.Logs.Entries.Snapshot(), entry => entry.Contains(secret, StringComparison.Ordinal)
            || entry.Contains("not-a-real-secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ManyFeedRequestsFromOneAddress_AreRefusedWith429AndRetryAfter()
    {
        var path = await IssueFeedPathAsync(Demo.Assessor2);
        using var limited = factory.WithWebHostBuilder(builder => builder.UseSetting("RateLimits:CalendarFeedPerMinute", "3"));
        using var anonymous = limited.CreateClient(new() { AllowAutoRedirect = false });

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 5; i++)
        {
            var response = await anonymous.GetAsync(new Uri(i % 2 == 0 ? path : "/calendar/guessing-0123456789abcdef.ics", UriKind.Relative));
            statuses.Add(response.StatusCode);
            refused ??= response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(int.Parse(refused!.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 60);
    }
}
