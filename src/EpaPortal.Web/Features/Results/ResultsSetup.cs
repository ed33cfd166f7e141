namespace EpaPortal.Web.Features.Results;

public static class ResultsSetup
{
    /// <summary>Results: release, certificates, re-sits and re-takes, the export, and the apprentice's and employer's result view.</summary>
    public static IServiceCollection AddResultsFeature(this IServiceCollection services)
    {
        services.AddScoped<ResultViewBuilder>();
        services.AddScoped<ResultsAdminService>();
        services.AddScoped<ResultsExport>();
        return services;
    }
}
