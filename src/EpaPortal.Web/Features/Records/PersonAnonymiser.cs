using System.Globalization;
using EpaPortal.Domain.Organisations;
using EpaPortal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Records;

/// <summary>
/// Anonymises a person for good (the retention schedule's accounts class, or a granted erasure request): the
/// account keeps its id (so every record that names it still joins) but loses its name, e-mail address, phone,
/// password, two-step key, roles, sign-in links and sessions; the apprentice record keeps its cases and grades
/// but loses its names, e-mail, date of birth, address, adjustments, entry qualifications and ULN (replaced by
/// a number no real ULN can have: it starts with 0). E-mails still waiting or kept for them go. The audit log
/// is not touched: it keeps names until its own retention period ends (docs/privacy.md says why).
/// Runs inside the caller's transaction; the caller records what was done in the audit log.
/// </summary>
public sealed class PersonAnonymiser(PortalDbContext db)
{
    public const string AnonymisedDomain = "anonymised.invalid";

    public static string UserName(string userId) => "Former user " + userId[..Math.Min(8, userId.Length)];

    public static string UserEmail(string userId) => $"former-user-{userId}@{AnonymisedDomain}";

    public static string ApprenticeEmail(int apprenticeId) => string.Create(CultureInfo.InvariantCulture, $"former-apprentice-{apprenticeId}@{AnonymisedDomain}");

    /// <summary>A value in the ULN column that is unique and can never be a real ULN (which never starts with 0).</summary>
    public static string PlaceholderUln(int apprenticeId) => string.Create(CultureInfo.InvariantCulture, $"0{apprenticeId % 1_000_000_000:D9}");

    public static bool IsAnonymised(string? email) => email?.EndsWith("@" + AnonymisedDomain, StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>Anonymises the account and/or the apprentice record; returns what was done, in words (no personal data).</summary>
    public async Task<string> AnonymiseAsync(string? userId, int? apprenticeId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var done = new List<string>();
        var addresses = new List<string>();

        // The account and the apprentice record are changed through the change tracker, so the save that records
        // the anonymisation also refreshes every kept page that shows their names.
        if (userId is not null && await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken) is { } user && !IsAnonymised(user.Email))
        {
            if (user.Email is { } email)
            {
                addresses.Add(email);
            }

            var name = UserName(userId);
            var newEmail = UserEmail(userId);
            user.DisplayName = name;
            user.Email = user.UserName = newEmail;
            user.NormalizedEmail = user.NormalizedUserName = newEmail.ToUpperInvariant();
            user.EmailConfirmed = false;
            user.PhoneNumber = null;
            user.PhoneNumberConfirmed = false;
            user.PasswordHash = null;
            user.TwoFactorEnabled = false;
            user.SecurityStamp = Guid.NewGuid().ToString("N");
            user.LockoutEnabled = true;
            user.LockoutEnd = DateTimeOffset.MaxValue;
            user.DisabledAt ??= now;
            var roles = await db.UserRoles.Where(r => r.UserId == userId).ExecuteDeleteAsync(cancellationToken);
            var secrets = await db.UserTokens.Where(t => t.UserId == userId).ExecuteDeleteAsync(cancellationToken)
                + await db.UserLogins.Where(l => l.UserId == userId).ExecuteDeleteAsync(cancellationToken)
                + await db.UserClaims.Where(c => c.UserId == userId).ExecuteDeleteAsync(cancellationToken);
            var sessions = await db.UserSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync(cancellationToken);
            await db.SubjectAccessExports.Where(e => e.SubjectUserId == userId).ExecuteUpdateAsync(s => s.SetProperty(e => e.SubjectName, name), cancellationToken);
            await db.PrivacyRequests.Where(r => r.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(r => r.RequesterName, name), cancellationToken);

            // The name kept on the case messages they wrote (ADR 31); the words go with the case's record at retention.
            await db.CaseMessages.Where(m => m.AuthorUserId == userId).ExecuteUpdateAsync(s => s.SetProperty(m => m.AuthorName, name), cancellationToken);
            done.Add(string.Create(CultureInfo.InvariantCulture, $"account {userId} anonymised ({roles} roles, {secrets} sign-in secrets and {sessions} sessions removed)"));
        }

        if (apprenticeId is { } id && await db.Apprentices.SingleOrDefaultAsync(a => a.Id == id, cancellationToken) is { } apprentice && !IsAnonymised(apprentice.Email))
        {
            addresses.Add(apprentice.Email);
            var family = string.Create(CultureInfo.InvariantCulture, $"apprentice {id}");
            apprentice.GivenNames = "Former";
            apprentice.FamilyName = family;
            apprentice.Email = ApprenticeEmail(id);
            apprentice.DateOfBirth = null;
            apprentice.PostalAddress = null;
            apprentice.ReasonableAdjustments = null;
            db.Entry(apprentice).Property(a => a.Uln).CurrentValue = PlaceholderUln(id);
            var qualifications = await db.Set<EntryQualification>().Where(q => q.ApprenticeId == id).ExecuteDeleteAsync(cancellationToken);
            await db.SubjectAccessExports.Where(e => e.SubjectApprenticeId == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.SubjectName, "Former " + family), cancellationToken);
            done.Add(string.Create(CultureInfo.InvariantCulture, $"apprentice record {id} anonymised ({qualifications} entry qualifications removed)"));
        }

        if (addresses.Count > 0)
        {
            var messages = await db.OutboxMessages.Where(m => addresses.Contains(m.ToAddress)).ExecuteDeleteAsync(cancellationToken);
            if (messages > 0)
            {
                done.Add(string.Create(CultureInfo.InvariantCulture, $"{messages} e-mails to them removed from the outbox"));
            }
        }

        return done.Count == 0 ? "nothing left to anonymise" : string.Join("; ", done);
    }
}
