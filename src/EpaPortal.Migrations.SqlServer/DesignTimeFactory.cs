using EpaPortal.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace EpaPortal.Migrations.SqlServer;

/// <summary>
/// Builds the portal's context for SQL Server at design time. The connection string is never opened by
/// "migrations add", "migrations script" or "has-pending-model-changes".
/// </summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<PortalDbContext>
{
    public const string PlaceholderConnection = "Server=localhost;Database=EpaPortal;Trusted_Connection=True;TrustServerCertificate=True";

    public PortalDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        DatabaseSetup.Configure(options, DatabaseSetup.SqlServerProvider, Environment.GetEnvironmentVariable("EPAPORTAL_SQLSERVER") ?? PlaceholderConnection);
        return new PortalDbContext(options.Options);
    }
}
