using System.Globalization;
using EpaPortal.Domain.Auditing;
using EpaPortal.Web.Data;

namespace EpaPortal.Web.Security;

/// <summary>
/// Security events (ASVS 16.3): sign-ins, lockouts, account changes, refused access to case data, account
/// closure. Every one goes into the append-only audit log through <see cref="Record(string, string, string, string, int?)"/>, so the admins read
/// them on /admin/audit beside every other change, and a later hash chain of the log covers them with no
/// second writer to find. Entries never carry a secret: no password, code, token or key, and for an
/// address nobody has an account for, not the text typed (people type passwords into the wrong box).
/// </summary>
public sealed class SecurityEvents(PortalDbContext db, TimeProvider clock, IHttpContextAccessor http)
{
    public const string SignInSucceeded = "SignInSucceeded";
    public const string SignInFailed = "SignInFailed";
    public const string AccountLockedOut = "AccountLockedOut";
    public const string PasswordChanged = "PasswordChanged";
    public const string PasswordReset = "PasswordReset";
    public const string EmailChangeRequested = "EmailChangeRequested";
    public const string EmailChanged = "EmailChanged";
    public const string EmailChangeUndone = "EmailChangeUndone";
    public const string TwoFactorEnabled = "TwoFactorEnabled";
    public const string TwoFactorDisabled = "TwoFactorDisabled";
    public const string AuthenticatorReset = "AuthenticatorReset";
    public const string AuthenticatorKeyShown = "AuthenticatorKeyShown";
    public const string RecoveryCodesGenerated = "RecoveryCodesGenerated";
    public const string RecoveryCodeUsed = "RecoveryCodeUsed";
    public const string ReauthenticationFailed = "ReauthenticationFailed";
    public const string AccessDenied = "AccessDenied";
    public const string PersonalDataDownloaded = "PersonalDataDownloaded";
    public const string AccountClosed = "AccountClosed";

    /// <summary>The actions above, for the audit log's filter and the tests.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        SignInSucceeded, SignInFailed, AccountLockedOut, PasswordChanged, PasswordReset, EmailChangeRequested, EmailChanged,
        EmailChangeUndone, TwoFactorEnabled, TwoFactorDisabled, AuthenticatorReset, AuthenticatorKeyShown, RecoveryCodesGenerated,
        RecoveryCodeUsed, ReauthenticationFailed, AccessDenied, PersonalDataDownloaded, AccountClosed,
    ];

    /// <summary>
    /// Adds the entry to the context without saving: the caller's SaveChanges commits it with the change it
    /// records (or on its own when nothing else changed). The client address is added to the details.
    /// </summary>
    /// <param name="action">One of the constants above.</param>
    /// <param name="actorId">Who did it (the user's id; empty for an anonymous attempt).</param>
    /// <param name="actorName">Their display name, or a description such as "unknown account".</param>
    /// <param name="details">What happened, in words, with no secret in them.</param>
    /// <param name="caseId">The case concerned, for refused access to case data.</param>
    public void Record(string action, string actorId, string actorName, string details, int? caseId = null)
    {
        var address = http.HttpContext?.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var text = string.Create(CultureInfo.InvariantCulture, $"{details} (from {address})");
        db.AuditEntries.Add(AuditEntry.Of(clock.GetUtcNow(), actorId, Trim(actorName, 200), action, caseId, Trim(text, 2000)));
    }

    /// <summary>Records the event about <paramref name="user"/>, done by that user.</summary>
    public void Record(string action, PortalUser user, string details, int? caseId = null) =>
        Record(action, user.Id, user.DisplayName, details, caseId);

    /// <summary>Records the event and saves it at once (for events that change nothing else).</summary>
    public async Task RecordNowAsync(string action, string actorId, string actorName, string details, int? caseId = null, CancellationToken cancellationToken = default)
    {
        Record(action, actorId, actorName, details, caseId);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Records the event about <paramref name="user"/> and saves it at once.</summary>
    public Task RecordNowAsync(string action, PortalUser user, string details, CancellationToken cancellationToken = default) =>
        RecordNowAsync(action, user.Id, user.DisplayName, details, null, cancellationToken);

    private static string Trim(string text, int max) => text.Length <= max ? text : text[..max];
}

/// <summary>
/// Records refused access (ASVS 16.3.2): every 403 the portal answers a signed-in person, and every 404 on a
/// route that names a case (how a probe for someone else's case is answered). Written after the response,
/// on its own; a failure to record is logged and never changes the answer.
/// </summary>
public sealed partial class AccessDeniedAudit(RequestDelegate next, ILogger<AccessDeniedAudit> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        var status = context.Response.StatusCode;
        if (context.User.Identity?.IsAuthenticated != true
            || context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null
            || !(status == StatusCodes.Status403Forbidden || (status == StatusCodes.Status404NotFound && CaseIdOf(context) is not null)))
        {
            return;
        }

        try
        {
            var events = context.RequestServices.GetRequiredService<SecurityEvents>();
            var user = context.RequestServices.GetRequiredService<CurrentUser>();
            var caseId = CaseIdOf(context);
            var path = context.Request.Path.Value ?? string.Empty;
            // The case goes into the text, not the entry's CaseId: a case's own trail must not show its people
            // who else tried to open it.
            var about = caseId is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" (case {caseId})");
            await events.RecordNowAsync(SecurityEvents.AccessDenied, user.Id, user.DisplayName,
                $"{context.Request.Method} {path[..Math.Min(path.Length, 300)]} answered {status}{about}", null, context.RequestAborted);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogNotRecorded(logger, ex, status);
        }
    }

    private static int? CaseIdOf(HttpContext context) =>
        context.GetRouteValue("caseId") is { } value && int.TryParse(value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    [LoggerMessage(Level = LogLevel.Error, Message = "A refused request ({Status}) could not be recorded in the audit log.")]
    private static partial void LogNotRecorded(ILogger logger, Exception exception, int status);
}
