namespace EpaPortal.Web.Features.Messages;

public static class MessagesSetup
{
    /// <summary>Case messages and the header's "waiting for you" count (issue 25, item 5; ADR 0031).</summary>
    public static IServiceCollection AddMessagesFeature(this IServiceCollection services)
    {
        services.AddScoped<MessagesService>();
        return services;
    }
}
