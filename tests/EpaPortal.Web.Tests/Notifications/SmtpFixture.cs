namespace EpaPortal.Web.Tests.Notifications;

/// <summary>One SMTP server and one portal sending to it, shared by a test class.</summary>
public class SmtpFixture : IAsyncLifetime
{
    public SmtpFixture()
        : this(startServer: true, maxAttempts: 8)
    {
    }

    protected SmtpFixture(bool startServer, int maxAttempts)
    {
        StartServer = startServer;
        Smtp = new TestSmtpServer();
        Portal = new SmtpPortalFactory(Smtp, maxAttempts);
    }

    public TestSmtpServer Smtp { get; }

    public SmtpPortalFactory Portal { get; }

    private bool StartServer { get; }

    public async Task InitializeAsync()
    {
        if (StartServer)
        {
            await Smtp.StartAsync();
        }

        // Start the portal (migrate and seed) before the first test.
        using var client = Portal.CreatePortalClient();
    }

    /// <summary>Sends whatever earlier tests left queued, then forgets what the server received.</summary>
    public async Task ResetAsync()
    {
        while ((await Portal.DispatchAsync()).Claimed > 0)
        {
        }

        Smtp.Clear();
    }

    public async Task DisposeAsync()
    {
        await Portal.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>The server starts stopped (an outage), and messages are given up after three attempts.</summary>
public sealed class OutageFixture : SmtpFixture
{
    public const int MaxAttempts = 3;

    public OutageFixture()
        : base(startServer: false, maxAttempts: MaxAttempts)
    {
    }
}
