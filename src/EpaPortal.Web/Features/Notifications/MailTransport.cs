using System.Globalization;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace EpaPortal.Web.Features.Notifications;

/// <summary>Where messages go: an SMTP server or a folder of .eml files (<c>Email:Transport</c>).</summary>
public interface IMailTransport
{
    /// <summary>Opens a session for one dispatcher pass (one SMTP connection for a batch).</summary>
    Task<IMailSession> OpenAsync(CancellationToken cancellationToken);
}

public interface IMailSession : IAsyncDisposable
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>SMTP through MailKit: TLS, authentication and timeouts from <c>Email:Smtp</c>.</summary>
public sealed class SmtpMailTransport(IOptionsMonitor<EmailOptions> options) : IMailTransport
{
    public async Task<IMailSession> OpenAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue.Smtp;
        SmtpClient? client = new();
        try
        {
            client.Timeout = (int)TimeSpan.FromSeconds(Math.Max(1, settings.TimeoutSeconds)).TotalMilliseconds;
            var security = !settings.UseTls ? SecureSocketOptions.None
                : settings.Port == 465 ? SecureSocketOptions.SslOnConnect
                : SecureSocketOptions.StartTls;
            await client.ConnectAsync(settings.Host, settings.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(settings.Username))
            {
                await client.AuthenticateAsync(settings.Username, settings.Password ?? string.Empty, cancellationToken);
            }

            var session = new Session(client);
            client = null;
            return session;
        }
        finally
        {
            client?.Dispose();
        }
    }

    private sealed class Session(SmtpClient client) : IMailSession
    {
        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            await client.SendAsync(message, cancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (client.IsConnected)
                {
                    await client.DisconnectAsync(quit: true);
                }
            }
            catch (Exception ex) when (ex is IOException or MailKit.ProtocolException or OperationCanceledException or System.Net.Sockets.SocketException)
            {
                // The messages are already accepted; a failed QUIT changes nothing.
            }
            finally
            {
                client.Dispose();
            }
        }
    }
}

/// <summary>Development transport: each message is written as a real .eml file (open it in any mail
/// program) into <c>Email:DropFolder</c>, default App_Data/mail, so the portal runs with no mail server.</summary>
public sealed class FileMailTransport(IOptionsMonitor<EmailOptions> options, IHostEnvironment environment) : IMailTransport
{
    public string Folder => options.CurrentValue.DropFolder is { Length: > 0 } configured
        ? configured
        : Path.Combine(environment.ContentRootPath, "App_Data", "mail");

    public Task<IMailSession> OpenAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        return Task.FromResult<IMailSession>(new Session(Folder));
    }

    private sealed class Session(string folder) : IMailSession
    {
        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            var name = message.Date.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + (message.MessageId ?? Guid.NewGuid().ToString("N")).Split('@')[0] + ".eml";
            var path = Path.Combine(folder, name);
            var temporary = path + ".tmp";
            await message.WriteToAsync(temporary, cancellationToken);

            // Readers of the folder never see half a message.
            File.Move(temporary, path, overwrite: true);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
