namespace EpaPortal.Web.Features.Employer;

public static class EmployerSetup
{
    /// <summary>The employer's dashboard, case page, portfolio confirmation and entry requirements.</summary>
    public static IServiceCollection AddEmployerFeature(this IServiceCollection services)
    {
        services.AddScoped<EmployerService>();
        return services;
    }
}
