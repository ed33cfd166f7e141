namespace EpaPortal.Web.Features.Grading;

public static class GradingSetup
{
    /// <summary>The final judgement and the grade decision (the grading service itself is the domain's).</summary>
    public static IServiceCollection AddGradingFeature(this IServiceCollection services)
    {
        services.AddScoped<JudgementService>();
        return services;
    }
}
