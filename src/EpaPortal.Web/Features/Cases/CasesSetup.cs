using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Grading;

namespace EpaPortal.Web.Features.Cases;

public static class CasesSetup
{
    /// <summary>The domain's workflow and grading, and the web services every feature uses to reach them.</summary>
    public static IServiceCollection AddCasesFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<CaseWorkflow>();
        services.AddSingleton<GradingService>();
        services.AddSingleton(new QaSampling(() => Random.Shared.Next(100)));
        services.AddMemoryCache();
        services.AddSingleton<StandardVersionCache>();
        services.AddScoped<CaseFactsLoader>();
        services.AddScoped<CaseCommands>();
        services.AddScoped<AuditLog>();
        services.AddSingleton<Data.AuditTrail.ReadAuditWriter>();
        services.AddScoped<CaseAccess>();
        services.AddScoped<CaseClock>();
        services.Configure<CaseClockOptions>(configuration.GetSection(CaseClockOptions.Section));
        services.AddHostedService<CaseClockService>();
        return services;
    }
}
