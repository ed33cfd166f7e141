namespace EpaPortal.Web.Features.Notifications;

/// <summary>How e-mail leaves the portal: <c>File</c> (each message written as an .eml file, for
/// development) or <c>Smtp</c> (MailKit).</summary>
public enum EmailTransportKind
{
    File,
    Smtp,
}

/// <summary>The <c>Email</c> settings (see docs/notifications.md).</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    public EmailTransportKind Transport { get; set; } = EmailTransportKind.File;

    /// <summary>Where the File transport writes .eml files; default App_Data/mail under the content root.</summary>
    public string? DropFolder { get; set; }

    /// <summary>The sender address of every message.</summary>
    public string From { get; set; } = "epa-portal@localhost";

    public string FromName { get; set; } = "EPA Portal";

    public SmtpOptions Smtp { get; set; } = new();

    public OutboxOptions Outbox { get; set; } = new();
}

public sealed class SmtpOptions
{
    public string Host { get; set; } = "localhost";

    public int Port { get; set; } = 587;

    /// <summary>true: implicit TLS on port 465, STARTTLS (required) on any other port; false: no TLS
    /// (only for a relay on the same host or network).</summary>
    public bool UseTls { get; set; } = true;

    /// <summary>Empty: no authentication.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>How long to wait for the server on connect and on each command.</summary>
    public int TimeoutSeconds { get; set; } = 30;
}

/// <summary>The outbox dispatcher: polling, claiming and retries.</summary>
public sealed class OutboxOptions
{
    /// <summary>Run the background dispatcher loop. Off in the Testing environment, where tests call
    /// <see cref="OutboxDispatcher.DispatchDueAsync"/> themselves.</summary>
    public bool DispatcherEnabled { get; set; } = true;

    public int PollSeconds { get; set; } = 5;

    /// <summary>Messages claimed per pass.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>How long a claim holds before another instance may take the message over.</summary>
    public int ClaimSeconds { get; set; } = 300;

    /// <summary>Attempts before a message is given up (it stays visible at /admin/outbox).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The first retry waits this long; each further retry doubles it, up to the cap.</summary>
    public int RetryBaseSeconds { get; set; } = 60;

    public int RetryMaxMinutes { get; set; } = 240;

    /// <summary>Sent messages are deleted after this many days.</summary>
    public int KeepSentDays { get; set; } = 90;
}

/// <summary>The <c>Notifications</c> settings: reminders.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>Days between reminders to the employer while a requested reference is not submitted.</summary>
    public int ReferenceReminderDays { get; set; } = 7;

    /// <summary>Reminders sent per request at most.</summary>
    public int ReferenceReminderMax { get; set; } = 3;

    /// <summary>How often the background service looks for reminders that are due.</summary>
    public int ReminderCheckMinutes { get; set; } = 60;
}
