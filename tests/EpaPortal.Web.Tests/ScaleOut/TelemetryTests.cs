using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using EpaPortal.Domain.Cases;
using EpaPortal.Web.Infrastructure;
using EpaPortal.Web.Storage;
using EpaPortal.Web.Tests.Infrastructure;
using EpaPortal.Web.Tests.Notifications;
using EpaPortal.Web.Tests.Portfolio;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Logs;
using OpenTelemetry.Trace;

namespace EpaPortal.Web.Tests.ScaleOut;

/// <summary>
/// The portal with telemetry on and OpenTelemetry's in-memory exporters in place of OTLP. Listeners are
/// process-wide, so other tests' spans arrive too: each test picks its own by the trace id it sends.
/// </summary>
public sealed class TelemetryPortalFactory : PortalFactory
{
    public LockedCollection<Activity> Spans { get; } = new();

    public LockedCollection<LogRecord> Logs { get; } = new();

    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        builder.UseSetting("Telemetry:Enabled", "true");

        // "Request starting/finished": a log entry written inside every request.
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics", "Information");
        builder.ConfigureServices(services =>
        {
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans));
            services.ConfigureOpenTelemetryLoggerProvider(logging => logging.AddInMemoryExporter(Logs));
        });
    }
}

[Trait(Category.Name, Category.Integration)]
public class TelemetryTests(TelemetryPortalFactory factory) : IClassFixture<TelemetryPortalFactory>
{
    private static readonly AsyncLocal<bool> Mine = new();

    [Fact]
    public async Task ARequest_ProducesATrace_WithItsDatabaseSpans_AndLogsCarryingTheTraceId()
    {
        using var client = await factory.SignInAsync(Demo.Apprentice);
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/apprentice", UriKind.Relative));
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");

        var response = await client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var server = await WaitForAsync(() => factory.Spans.Snapshot().SingleOrDefault(a => a.TraceId == traceId && a.Kind == ActivityKind.Server));
        Assert.Equal("GET", server.GetTagItem("http.request.method"));
        Assert.Equal(200, server.GetTagItem("http.response.status_code"));

        var spans = factory.Spans.Snapshot().Where(a => a.TraceId == traceId).ToList();
        var database = spans.Where(a => a.Kind == ActivityKind.Client && (a.GetTagItem("db.system") ?? a.GetTagItem("db.system.name")) is not null).ToList();
        Assert.NotEmpty(database);
        Assert.All(database, d => Assert.Equal(server.SpanId, d.ParentSpanId));
        Assert.All(database, d => Assert.Equal("sqlite", (d.GetTagItem("db.system") ?? d.GetTagItem("db.system.name"))?.ToString()));

        // Structured logs of the request carry its trace and span.
        var logs = factory.Logs.Snapshot().Where(l => l.TraceId == traceId).ToList();
        Assert.NotEmpty(logs);
        Assert.Contains(logs, l => l.SpanId == server.SpanId);
    }

    [Fact]
    public async Task HealthProbes_AreNotTraced()
    {
        using var client = factory.CreatePortalClient();
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/health/ready", UriKind.Relative));
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");

        Assert.Equal(HttpStatusCode.OK, (await client.Http.SendAsync(request)).StatusCode);

        // A traced request that came after it is exported, the probe is not.
        await ARequest_ProducesATrace_WithItsDatabaseSpans_AndLogsCarryingTheTraceId();
        Assert.DoesNotContain(factory.Spans.Snapshot(), a => a.TraceId == traceId && a.Kind == ActivityKind.Server);
    }

    [Fact]
    public async Task PortalMeter_CountsCaseTransitionsAndStagedUploads()
    {
        var measured = new List<(string Instrument, long Value, Dictionary<string, string?> Tags)>();
        using var listener = Listen(measured);
        var (_, caseId) = await TestApprentices.CreateAsync(factory);
        var store = factory.Services.GetRequiredService<IEvidenceStore>();

        Mine.Value = true;
        await TestApprentices.SetStateAsync(factory, caseId, CaseState.GatewaySubmitted);
        await using (var staged = await store.StageAsync(new MemoryStream(Files.Pdf(5000)), 10_000, CancellationToken.None))
        {
            Assert.False(staged.TooLarge);
        }

        Mine.Value = false;

        lock (measured)
        {
            Assert.Contains(measured, m => m.Instrument == "epaportal.case.transitions" && m.Value == 1 && m.Tags["from"] == "Registered" && m.Tags["to"] == "GatewaySubmitted");
            Assert.Contains(measured, m => m.Instrument == "epaportal.uploads.stage.duration" && m.Tags["store"] == "file" && m.Tags["outcome"] == "complete");
            Assert.Contains(measured, m => m.Instrument == "epaportal.uploads.discarded" && m.Tags["store"] == "file");
        }
    }

    [Fact]
    public async Task PortalMeter_CountsSentEmails()
    {
        var measured = new List<(string Instrument, long Value, Dictionary<string, string?> Tags)>();
        using var listener = Listen(measured);
        await using var smtp = new TestSmtpServer();
        await smtp.StartAsync();
        await using var portal = new SmtpPortalFactory(smtp);
        var caseId = await portal.CaseIdOfAsync(Demo.Apprentice);
        await portal.NotifyAsync(n => n.PortfolioSubmittedAsync(caseId));

        Mine.Value = true;
        var result = await portal.DispatchAsync();
        Mine.Value = false;

        Assert.Equal(1, result.Sent);
        lock (measured)
        {
            Assert.Contains(measured, m => m.Instrument == "epaportal.outbox.sent" && m.Value == 1);
        }
    }

    /// <summary>Records the portal meter's measurements made in this test's own flow (see <see cref="Mine"/>).</summary>
    private static MeterListener Listen(List<(string Instrument, long Value, Dictionary<string, string?> Tags)> measured)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == PortalTelemetry.Name)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        void Record(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            if (!Mine.Value)
            {
                return;
            }

            var copy = new Dictionary<string, string?>();
            foreach (var tag in tags)
            {
                copy[tag.Key] = tag.Value?.ToString();
            }

            lock (measured)
            {
                measured.Add((instrument.Name, value, copy));
            }
        }

        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, (long)value, tags));
        listener.Start();
        return listener;
    }

    private static async Task<T> WaitForAsync<T>(Func<T?> probe)
        where T : class
    {
        // The server span ends just after the response is sent: give the exporter a moment.
        for (var i = 0; i < 100; i++)
        {
            if (probe() is { } found)
            {
                return found;
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException("The expected span was not exported.");
    }
}

/// <summary>A collection the exporters may add to from any thread.</summary>
public sealed class LockedCollection<T> : ICollection<T>
{
    private readonly List<T> _items = [];

    public int Count
    {
        get
        {
            lock (_items)
            {
                return _items.Count;
            }
        }
    }

    public bool IsReadOnly => false;

    public List<T> Snapshot()
    {
        lock (_items)
        {
            return [.. _items];
        }
    }

    public void Add(T item)
    {
        lock (_items)
        {
            _items.Add(item);
        }
    }

    public void Clear()
    {
        lock (_items)
        {
            _items.Clear();
        }
    }

    public bool Contains(T item)
    {
        lock (_items)
        {
            return _items.Contains(item);
        }
    }

    public void CopyTo(T[] array, int arrayIndex)
    {
        lock (_items)
        {
            _items.CopyTo(array, arrayIndex);
        }
    }

    public bool Remove(T item)
    {
        lock (_items)
        {
            return _items.Remove(item);
        }
    }

    public IEnumerator<T> GetEnumerator() => Snapshot().GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
