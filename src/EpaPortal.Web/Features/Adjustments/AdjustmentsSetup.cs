namespace EpaPortal.Web.Features.Adjustments;

public static class AdjustmentsSetup
{
    public static IServiceCollection AddAdjustmentsFeature(this IServiceCollection services) =>
        services.AddScoped<AdjustmentsService>().AddScoped<AdjustmentForms>();
}
