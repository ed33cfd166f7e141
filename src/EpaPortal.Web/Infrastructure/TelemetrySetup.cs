using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace EpaPortal.Web.Infrastructure;

/// <summary>Telemetry settings (<c>Telemetry</c>): off unless an OTLP endpoint is given.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>The OpenTelemetry collector, e.g. <c>http://otel-collector:4317</c> (gRPC) or <c>:4318</c> (HTTP). Empty = off.</summary>
    public string OtlpEndpoint { get; set; } = string.Empty;

    /// <summary><c>grpc</c> (default) or <c>http/protobuf</c>.</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>The service name every span, metric and log carries.</summary>
    public string ServiceName { get; set; } = "epaportal";

    /// <summary>Collect without an OTLP endpoint (for exporters added in code, as the tests do).</summary>
    public bool Enabled { get; set; }

    public bool IsOn => Enabled || !string.IsNullOrWhiteSpace(OtlpEndpoint);
}

/// <summary>
/// OpenTelemetry traces, metrics and logs: ASP.NET Core, HttpClient (which includes the blob store's
/// calls), EF Core, and the portal's own source and meter (<see cref="PortalTelemetry"/>), exported over
/// OTLP when <c>Telemetry:OtlpEndpoint</c> is set. Off by default: then nothing listens and the portal
/// creates no spans. Logs always carry the trace and span ids of the request (as scopes, and as fields of
/// the OTLP log records).
/// </summary>
public static class TelemetrySetup
{
    public static WebApplicationBuilder AddPortalTelemetry(this WebApplicationBuilder builder)
    {
        // Every log entry written inside a request names its trace: console scopes, JSON fields, OTLP records.
        builder.Logging.Configure(options =>
            options.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);

        var settings = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (!settings.IsOn)
        {
            return builder;
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(settings.ServiceName, serviceVersion: typeof(TelemetrySetup).Assembly.GetName().Version?.ToString()))
            .WithTracing(tracing => tracing
                .AddSource(PortalTelemetry.Name)
                .AddAspNetCoreInstrumentation(options =>
                {
                    // Load-balancer probes every few seconds are noise, not traffic.
                    options.Filter = context => !context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);

                    // A calendar feed's address is its credential: the span keeps the route, never the secret.
                    options.EnrichWithHttpRequest = (activity, request) =>
                    {
                        if (Features.Scheduling.CalendarFeedController.IsFeedPath(request.Path))
                        {
                            activity.SetTag("url.path", Features.Scheduling.CalendarFeedController.RedactedPath);
                        }
                    };
                })
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter(PortalTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation())
            .WithLogging(logging => { }, options =>
            {
                options.IncludeScopes = true;
                options.IncludeFormattedMessage = true;
            });

        if (!string.IsNullOrWhiteSpace(settings.OtlpEndpoint))
        {
            var protocol = string.Equals(settings.OtlpProtocol, "http/protobuf", StringComparison.OrdinalIgnoreCase)
                ? OtlpExportProtocol.HttpProtobuf
                : OtlpExportProtocol.Grpc;
            telemetry.UseOtlpExporter(protocol, new Uri(settings.OtlpEndpoint));
        }

        return builder;
    }
}
