namespace EpaPortal.Web.Features.Gateway;

public static class GatewaySetup
{
    /// <summary>The employer's gateway submission and their view of the outcome.</summary>
    public static IServiceCollection AddGatewayFeature(this IServiceCollection services)
    {
        services.AddScoped<GatewayService>();
        return services;
    }
}
