namespace EpaPortal.Web.Features.References;

public static class ReferencesSetup
{
    /// <summary>The employer reference: the employer's form, the read-only view and the admin's reopen.</summary>
    public static IServiceCollection AddReferencesFeature(this IServiceCollection services)
    {
        services.AddScoped<ReferenceService>();
        return services;
    }
}
