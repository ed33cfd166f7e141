using EpaPortal.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EpaPortal.Web.Infrastructure;

/// <summary>
/// Readiness: the database answers a real query (the migrations table) within a few seconds. It opens
/// the connection directly, outside the retry strategy, so an outage is reported quickly instead of after
/// the retries a page would make.
/// </summary>
public sealed class DatabaseReadyCheck(PortalDbContext db) : IHealthCheck
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            // Opened directly (no retry strategy); the query proves the schema is there, not just a file.
            await db.Database.OpenConnectionAsync(timeout.Token);
            try
            {
                await using var command = db.Database.GetDbConnection().CreateCommand();
                command.CommandText = "SELECT COUNT(*) FROM __EFMigrationsHistory";
                await command.ExecuteScalarAsync(timeout.Token);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }

            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // No details leave the server: the response says only "Unhealthy".
            return HealthCheckResult.Unhealthy("The database is not available.", ex);
        }
    }
}
