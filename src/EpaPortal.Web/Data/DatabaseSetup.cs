using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Update;

namespace EpaPortal.Web.Data;

/// <summary>Which database the portal uses: SQLite (embedded default) or SQL Server (production).</summary>
public static class DatabaseSetup
{
    public const string SqliteProvider = "Sqlite";
    public const string SqlServerProvider = "SqlServer";
    public const string SqlServerMigrationsAssembly = "EpaPortal.Migrations.SqlServer";

    private static readonly SqliteConnectionSetup NormalSync = new(SqliteSynchronous.Normal);
    private static readonly SqliteConnectionSetup FullSync = new(SqliteSynchronous.Full);

    public static string Provider(IConfiguration configuration) =>
        configuration["Database:Provider"] is { Length: > 0 } provider ? provider : SqliteProvider;

    public static IServiceCollection AddPortalData(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var provider = Provider(configuration);
        var connectionString = configuration.GetConnectionString("Portal");
        if (string.Equals(provider, SqliteProvider, StringComparison.OrdinalIgnoreCase) && string.IsNullOrWhiteSpace(connectionString))
        {
            var folder = Path.Combine(environment.ContentRootPath, "App_Data");
            Directory.CreateDirectory(folder);
            connectionString = $"Data Source={Path.Combine(folder, "epaportal.db")}";
        }

        var synchronous = Synchronous(configuration);
        services.AddDbContextPool<PortalDbContext>(options => Configure(options, provider, connectionString, synchronous));
        return services;
    }

    /// <summary><c>Database:SqliteSynchronous</c>: <c>Normal</c> (default) or <c>Full</c> (ADR 25).</summary>
    public static SqliteSynchronous Synchronous(IConfiguration configuration) =>
        configuration["Database:SqliteSynchronous"] is not { Length: > 0 } value ? SqliteSynchronous.Normal
        : Enum.TryParse<SqliteSynchronous>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed
        : throw new InvalidOperationException($"Unknown Database:SqliteSynchronous '{value}'. Use 'Normal' or 'Full'.");

    public static void Configure(DbContextOptionsBuilder options, string provider, string? connectionString, SqliteSynchronous synchronous = SqliteSynchronous.Normal)
    {
        if (string.Equals(provider, SqliteProvider, StringComparison.OrdinalIgnoreCase))
        {
            SqliteTuning.Apply();
            options.UseSqlite(connectionString);
            options.AddInterceptors(synchronous == SqliteSynchronous.Full ? FullSync : NormalSync);
            options.ReplaceService<IModificationCommandBatchFactory, SqliteBatchingCommandBatchFactory>();
        }
        else if (string.Equals(provider, SqlServerProvider, StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException("Database:Provider is SqlServer but ConnectionStrings:Portal is not set.");
            }

            // No retrying execution strategy: several saves open their own transaction (invitations, the
            // CSV import, duplicate-safe uploads), which a retrying strategy refuses. A transient failure
            // shows the error page; nothing is half-saved, and the user's retry repeats the whole save.
            options.UseSqlServer(connectionString, sql => sql.MigrationsAssembly(SqlServerMigrationsAssembly));
        }
        else
        {
            throw new InvalidOperationException($"Unknown Database:Provider '{provider}'. Use '{SqliteProvider}' or '{SqlServerProvider}'.");
        }

        options.ReplaceService<IModelCacheKeyFactory, ProviderAwareModelCacheKeyFactory>();

        // Every audit entry is sealed into the hash chain as it is saved, whoever adds it (ADR 18).
        options.AddInterceptors(AuditTrail.AuditChainInterceptor.Instance);
    }
}
