namespace EpaPortal.Web.Features.Provider;

public static class ProviderSetup
{
    /// <summary>The training provider's dashboard, case page and gateway co-signature (issue 19).</summary>
    public static IServiceCollection AddProviderFeature(this IServiceCollection services)
    {
        services.AddScoped<ProviderService>();
        services.AddScoped<ProviderRegistration>();
        services.AddScoped<SupportiveActionPlanUpload>();
        return services;
    }
}
