using EpaPortal.Web.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace EpaPortal.Web.Infrastructure;

/// <summary>
/// Readiness: the configured evidence store can be used (the blob container answers, or the evidence
/// folder is there) within a few seconds. An instance that cannot store or serve evidence is not ready.
/// </summary>
public sealed class EvidenceStoreReadyCheck(IEvidenceStore store, IOptions<StorageOptions> options) : IHealthCheck
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["provider"] = options.Value.Provider.ToString() };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await store.CheckAvailableAsync(timeout.Token);
            return HealthCheckResult.Healthy(data: data);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The exception goes to the log through the health check service; the response names no detail.
            return HealthCheckResult.Unhealthy("The evidence store is not available.", ex, data);
        }
    }
}
