namespace EpaPortal.Web.Features.Interviews;

public static class InterviewsSetup
{
    /// <summary>Pre-interview notes and questions, and booking and recording the interview.</summary>
    public static IServiceCollection AddInterviewsFeature(this IServiceCollection services)
    {
        services.AddScoped<NotesService>();
        services.AddScoped<InterviewService>();
        return services;
    }
}
