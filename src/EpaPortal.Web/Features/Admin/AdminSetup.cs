namespace EpaPortal.Web.Features.Admin;

/// <summary>Settings of the admin screens.</summary>
public sealed class IdentifierOptions
{
    public const string Section = "Identifiers";

    /// <summary>Refuse ULNs whose check digit does not match (domain.md section 8; default on).</summary>
    public bool EnforceUlnChecksum { get; set; } = true;
}

public sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary>A case waiting on its assessor longer than this (calendar days in its state) is overdue.</summary>
    public int OverdueAfterDays { get; set; } = 10;

    /// <summary>The most rows an apprentice CSV import accepts in one file.</summary>
    public int MaxImportRows { get; set; } = 2000;
}

public static class AdminSetup
{
    /// <summary>Admin operations: cases, allocation, gateway review, users, organisations, apprentices,
    /// standards, the audit log viewer and the dashboard.</summary>
    public static IServiceCollection AddAdminFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<IdentifierOptions>(configuration.GetSection(IdentifierOptions.Section));
        services.Configure<AdminOptions>(configuration.GetSection(AdminOptions.Section));
        services.AddScoped<AdminCasesService>();
        services.AddScoped<AllocationService>();
        services.AddScoped<BulkAllocationService>();
        services.AddScoped<StandardisationService>();
        services.AddScoped<SamplingPlansService>();
        services.AddScoped<GatewayReviewService>();
        services.AddScoped<UsersService>();
        services.AddScoped<ApprenticesService>();
        services.AddScoped<OrganisationsService>();
        services.AddScoped<AuditLogService>();
        services.AddScoped<StandardsService>();
        services.AddScoped<AdminDashboardService>();
        services.AddScoped<ApprenticeCsvImporter>();
        return services;
    }
}
