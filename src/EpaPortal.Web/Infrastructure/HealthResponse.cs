using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EpaPortal.Web.Infrastructure;

/// <summary>
/// The readiness answer as JSON: the overall status and each check's status, duration and (when not
/// healthy) its one-line description, never an exception or a connection string.
/// <code>{"status":"Healthy","checks":[{"name":"database","status":"Healthy","durationMs":2.1},{"name":"evidence-store","status":"Healthy","durationMs":4.3,"provider":"AzureBlob"}]}</code>
/// </summary>
public static class HealthResponse
{
    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteNumber("durationMs", Math.Round(report.TotalDuration.TotalMilliseconds, 1));
        json.WriteStartArray("checks");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteString("status", entry.Status.ToString());
            json.WriteNumber("durationMs", Math.Round(entry.Duration.TotalMilliseconds, 1));
            if (entry.Status != HealthStatus.Healthy && entry.Description is { Length: > 0 } description)
            {
                json.WriteString("description", description);
            }

            foreach (var (key, value) in entry.Data)
            {
                json.WriteString(key, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }
}
