using EpaPortal.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace EpaPortal.Web.Features.Notifications;

public static class NotificationsSetup
{
    /// <summary>E-mail notifications: the notifier, the outbox and its dispatcher, the transport chosen
    /// by <c>Email:Transport</c>, Identity's e-mails, reminders and the admin outbox page.</summary>
    public static IServiceCollection AddNotificationsFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<EmailOptions>(configuration.GetSection(EmailOptions.Section));
        services.Configure<NotificationOptions>(configuration.GetSection(NotificationOptions.Section));
        services.Configure<PortalOptions>(configuration.GetSection(PortalOptions.Section));

        services.AddSingleton<PortalLinks>();
        services.AddScoped<Notifier>();
        services.AddScoped<ReferenceReminders>();
        services.AddScoped<OutboxAdminService>();

        services.AddSingleton<SmtpMailTransport>();
        services.AddSingleton<FileMailTransport>();
        services.AddSingleton<IMailTransport>(provider =>
            provider.GetRequiredService<IOptions<EmailOptions>>().Value.Transport == EmailTransportKind.Smtp
                ? provider.GetRequiredService<SmtpMailTransport>()
                : provider.GetRequiredService<FileMailTransport>());
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService<OutboxDispatcherService>();

        // Identity UI resolves IEmailSender<TUser> before its own default.
        services.AddScoped<IEmailSender<PortalUser>, IdentityEmailSender>();
        return services;
    }
}
