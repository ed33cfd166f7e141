using System.Text;
using EpaPortal.Domain.Auditing;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Organisations;
using EpaPortal.Web.Data;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Infrastructure;
using EpaPortal.Web.Features.Notifications;
using EpaPortal.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Admin;

/// <summary>
/// Users: invite by e-mail (the account has no password until the person sets one through the link),
/// roles with the employer organisation and the apprentice record they need, disable and enable.
/// Every change is audited in the same transaction.
/// </summary>
public sealed class UsersService(PortalDbContext db, UserManager<PortalUser> users, Notifier notifier, CurrentUser current, AuditLog audit, SecurityEvents events, TimeProvider clock)
{
    public const string SetPasswordPath = "/account/set-password";

    /// <summary>
    /// The user list's sorts (issue 21): name (index DisplayName+Id) and e-mail address (index Email+Id), each
    /// either way, the id the tie-break. Without a sort: by name.
    /// </summary>
    public static readonly ListSorts<PortalUser, UserListItem> Sorts = new ListSorts<PortalUser, UserListItem>()
        .Column("name", u => u.DisplayName, u => u.Id, r => r.DisplayName, r => r.Id)
        .Column("email", u => u.Email!, u => u.Id, r => r.Email, r => r.Id);

    /// <summary>One keyset page of users in three commands whatever the data size: the filtered count, the page, and the page's roles.</summary>
    public async Task<UserListViewModel> ListAsync(UserListFilter filter, CancellationToken cancellationToken)
    {
        var (query, role, q) = Filtered(filter);
        var total = await query.CountAsync(cancellationToken);
        var page = await Sorts.Resolve(filter.Sort).PageAsync(query, new PageRequest(filter.After, filter.Before), Paging.MaxPageSize, Row(), cancellationToken);
        var roles = await RolesOfAsync(page.Items.Select(r => r.Id).ToList(), cancellationToken);
        var items = page.Items.Select(r => ToRow(r, roles)).ToList();
        return new UserListViewModel(filter with { Role = role, Q = q }, new KeysetPage<UserRow>(items, page.Previous, page.Next, page.Problem), total);
    }

    /// <summary>The filtered list, whole, in its sort: the CSV export (two commands: the rows, and every account's roles).</summary>
    public async Task<IReadOnlyList<UserRow>> ExportAsync(UserListFilter filter, CancellationToken cancellationToken)
    {
        var (query, _, _) = Filtered(filter);
        var rows = await ListExport.RowsAsync(query, Sorts.Resolve(filter.Sort), Row(), cancellationToken);
        var roles = await RolesOfAsync(null, cancellationToken);
        return rows.Select(r => ToRow(r, roles)).ToList();
    }

    public static readonly IReadOnlyList<string> ExportHeader = ["Name", "E-mail", "Roles", "Organisation", "Status"];

    public static IReadOnlyList<string?> ExportCells(UserRow u) =>
        [u.DisplayName, u.Email, string.Join("; ", u.Roles.Select(Roles.Label)), u.OrganisationName, StatusOf(u)];

    public static string StatusOf(UserRow u) => u.Disabled ? "Disabled" : u.Invited ? "Invited" : "Active";

    private static UserRow ToRow(UserListItem r, Dictionary<string, IReadOnlyList<string>> roles) =>
        new(r.Id, r.DisplayName, r.Email, roles.GetValueOrDefault(r.Id, []), r.OrganisationName, r.Disabled, r.Invited);

    private System.Linq.Expressions.Expression<Func<PortalUser, UserListItem>> Row() => u => new UserListItem(
        u.Id,
        u.DisplayName,
        u.Email ?? string.Empty,
        db.Organisations.Where(o => o.Id == u.OrganisationId).Select(o => o.Name).FirstOrDefault(),
        u.DisabledAt != null,
        u.PasswordHash == null);

    /// <summary>The list's filter as a query (with the role it understood and the search text, trimmed): the page and the export share it.</summary>
    private (IQueryable<PortalUser> Query, string? Role, string? Q) Filtered(UserListFilter filter)
    {
        var query = db.Users.AsNoTracking();
        var role = !string.IsNullOrEmpty(filter.Role) && Roles.All.Contains(filter.Role) ? filter.Role : null;
        if (role is not null)
        {
            var holders = PortalUsers.HolderIds(db, role);
            query = query.Where(u => holders.Contains(u.Id));
        }

        var q = filter.Q?.Trim();
        if (!string.IsNullOrEmpty(q))
        {
            var pattern = SearchText.Contains(q);
            query = query.Where(u => EF.Functions.Like(u.DisplayName, pattern, "\\") || EF.Functions.Like(u.Email!, pattern, "\\"));
        }

        return (query, role, q);
    }

    public async Task<UserDetailViewModel?> DetailAsync(string id, UserRolesInput? rolesInput, ReasonInput? disableInput, IReadOnlyList<string> problems, CancellationToken cancellationToken, ReasonInput? closeInput = null, CapacityInput? capacityInput = null, AssessorRecordInput? recordInput = null)
    {
        // The account with its roles, apprentice record and caseload in one command.
        var row = await db.Users.AsNoTracking()
            .Where(u => u.Id == id)
            .Select(u => new
            {
                User = u,
                Roles = (from userRole in db.UserRoles
                         join role in db.Roles on userRole.RoleId equals role.Id
                         where userRole.UserId == u.Id
                         select role.Name).ToList(),
                Apprentice = db.Apprentices.Where(a => a.UserId == u.Id).Select(a => new { a.GivenNames, a.FamilyName, a.Uln }).FirstOrDefault(),
                Caseload = db.Cases.Count(c => c.AssessorId == u.Id && AllocationService.CaseloadStates.Contains(c.State)),
                Records = db.AssessorRecords.Where(r => r.AssessorId == u.Id).OrderByDescending(r => r.ExpiresOn).ThenByDescending(r => r.Id).ToList(),
            })
            .AsSingleQuery()
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var (user, apprentice, caseload) = (row.User, row.Apprentice, row.Caseload);
        IReadOnlyList<string> roles = row.Roles.Select(r => r!).Order(StringComparer.Ordinal).ToList();
        var audit = await db.AuditEntries.AsNoTracking()
            .Where(a => a.ActorId == id || (a.CaseId == null && a.Details != null && a.Details.Contains(id)))
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(50)
            .Select(a => new AuditRow(a.Id, a.At, a.ActorName, a.ActorId, a.Action, a.CaseId, a.FromState, a.ToState, a.Reason, a.Details))
            .ToListAsync(cancellationToken);
        rolesInput ??= new UserRolesInput { Roles = roles.ToList(), OrganisationId = user.OrganisationId, ApprenticeUln = apprentice?.Uln };
        return new UserDetailViewModel(user.Id, user.DisplayName, user.Email ?? string.Empty, user.DisabledAt is not null, user.DisabledAt, user.PasswordHash is not null,
            user.TwoFactorEnabled, user.CreatedAt, apprentice is null ? null : $"{apprentice.GivenNames} {apprentice.FamilyName} (ULN {apprentice.Uln})", caseload, id == current.Id,
            rolesInput, await OrganisationsAsync(cancellationToken), disableInput ?? new ReasonInput(), audit, problems)
        {
            Close = closeInput ?? new ReasonInput(),
            IsAssessor = roles.Contains(Roles.Assessor),
            Capacity = capacityInput ?? new CapacityInput { MaxOpenCases = user.MaxOpenCases?.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            Records = row.Records.Select(r => new AssessorRecordRow(AssessorStanding.Label(r.Kind), r.Title, r.AchievedOn, r.ExpiresOn, r.IsLapsedOn(Today))).ToList(),
            NewRecord = recordInput ?? new AssessorRecordInput(),
        };
    }

    public async Task<IReadOnlyList<OrganisationOption>> OrganisationsAsync(CancellationToken cancellationToken) =>
        await db.Organisations.AsNoTracking().OrderBy(o => o.Name).Select(o => new OrganisationOption(o.Id, o.Name)).ToListAsync(cancellationToken);

    /// <summary>Creates the account without a password and e-mails a one-time link to set one.</summary>
    public async Task<(string? UserId, IReadOnlyList<string> Problems)> InviteAsync(InviteUserInput input, CancellationToken cancellationToken)
    {
        var email = input.Email!.Trim();
        if (await users.FindByEmailAsync(email) is not null)
        {
            return (null, [$"There is already an account for {email}."]);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = new PortalUser
        {
            UserName = email,
            Email = email,
            DisplayName = input.DisplayName!.Trim(),
            CreatedAt = clock.GetUtcNow(),
        };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            return (null, created.Errors.Select(e => e.Description).ToList());
        }

        var problems = await ApplyRolesAsync(user, [], input, cancellationToken, isNew: true);
        if (problems.Count > 0)
        {
            return (null, problems);
        }

        await notifier.InvitationAsync(user.Id, await SetPasswordLinkAsync(user), cancellationToken);
        Audit("UserInvited", null, $"{user.DisplayName} <{email}> ({user.Id}) invited as {string.Join(", ", input.Roles)}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (user.Id, []);
    }

    /// <summary>A fresh invitation for an account whose owner has not set a password yet.</summary>
    public async Task<IReadOnlyList<string>> ResendInvitationAsync(string id, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null || user.PasswordHash is not null || user.DisabledAt is not null)
        {
            return ["Only an enabled account that has no password yet can be sent a new invitation."];
        }

        await notifier.InvitationAsync(user.Id, await SetPasswordLinkAsync(user), cancellationToken);
        Audit("UserInvitationResent", null, $"{user.DisplayName} <{user.Email}> ({user.Id})");
        await db.SaveChangesAsync(cancellationToken);
        return [];
    }

    /// <summary>Changes roles, organisation and apprentice link; the person's sessions end so the change applies at once.</summary>
    public async Task<IReadOnlyList<string>> UpdateRolesAsync(string id, UserRolesInput input, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return ["The user was not found."];
        }

        if (id == current.Id && !input.Roles.Contains(Roles.Admin))
        {
            return ["You cannot remove your own Admin role: ask another admin."];
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var before = (await users.GetRolesAsync(user)).ToList();
        var problems = await ApplyRolesAsync(user, before, input, cancellationToken);
        if (problems.Count > 0)
        {
            return problems;
        }

        Audit("UserRolesChanged", null, $"{user.DisplayName} ({user.Id}): {string.Join(", ", before.Order(StringComparer.Ordinal))} → {string.Join(", ", input.Roles.Order(StringComparer.Ordinal))}");
        await users.UpdateSecurityStampAsync(user);
        await DatabaseTicketStore.EndAllSessionsAsync(db, user.Id);
        await transaction.CommitAsync(cancellationToken);
        return [];
    }

    /// <summary>Sets an assessor's capacity (issue 21): the most open cases bulk allocation may give them, or no limit.</summary>
    public async Task<IReadOnlyList<string>> SetCapacityAsync(string id, int? maxOpenCases, CancellationToken cancellationToken)
    {
        var row = await db.Users
            .Where(u => u.Id == id)
            .Select(u => new { User = u, IsAssessor = db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Assessor)) })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null || !row.IsAssessor)
        {
            return ["Only an assessor has a capacity: give the person the Assessor role first."];
        }

        var before = row.User.MaxOpenCases;
        if (before == maxOpenCases)
        {
            return [];
        }

        row.User.MaxOpenCases = maxOpenCases;
        Audit("AssessorCapacityChanged", null, $"{row.User.DisplayName} ({row.User.Id}): {Capacity(before)} → {Capacity(maxOpenCases)}");
        await db.SaveChangesAsync(cancellationToken);
        return [];
    }

    /// <summary>Adds an occupational-competence or CPD record to an assessor (issue 21, item 6), audited.</summary>
    public async Task<IReadOnlyList<string>> AddRecordAsync(string id, AssessorRecordKind kind, string title, DateOnly achievedOn, DateOnly expiresOn, CancellationToken cancellationToken)
    {
        var assessor = await db.Users.AsNoTracking()
            .Where(u => u.Id == id && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Assessor)))
            .Select(u => new { u.Id, u.DisplayName })
            .SingleOrDefaultAsync(cancellationToken);
        if (assessor is null)
        {
            return ["Only an assessor has standardisation records: give the person the Assessor role first."];
        }

        db.AssessorRecords.Add(new AssessorRecord(assessor.Id, kind, title, achievedOn, expiresOn, current.Id, clock.GetUtcNow()));
        Audit("AssessorRecordAdded", null, $"{assessor.DisplayName} ({assessor.Id}): {AssessorStanding.Label(kind)}, {title.Trim()}, {DisplayNames.Date(achievedOn)} to {DisplayNames.Date(expiresOn)}");
        await db.SaveChangesAsync(cancellationToken);
        return [];
    }

    private DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), clock.LocalTimeZone).DateTime);

    private static string Capacity(int? value) => value is { } most ? $"{most} open cases" : "no limit";

    /// <summary>Disables the account: no sign-in, and every session ends at once.</summary>
    public async Task<IReadOnlyList<string>> DisableAsync(string id, string reason, CancellationToken cancellationToken)
    {
        if (id == current.Id)
        {
            return ["You cannot disable your own account."];
        }

        var user = await users.FindByIdAsync(id);
        if (user is null || user.DisabledAt is not null)
        {
            return ["This account is already disabled."];
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        user.DisabledAt = clock.GetUtcNow();
        user.LockoutEnabled = true;
        user.LockoutEnd = DateTimeOffset.MaxValue;
        Audit("UserDisabled", reason.Trim(), $"{user.DisplayName} <{user.Email}> ({user.Id})");

        // UpdateSecurityStampAsync saves the user (and the audit entry) and invalidates every cookie.
        await users.UpdateSecurityStampAsync(user);
        await DatabaseTicketStore.EndAllSessionsAsync(db, user.Id);
        await transaction.CommitAsync(cancellationToken);
        return [];
    }

    /// <summary>
    /// Closes the account for good (issue 16 item 13): it can no longer sign in and loses its sign-in secrets
    /// (password, authenticator key, recovery codes, phone number), every session ends, and the closure is a
    /// security event. The user row stays, so the person's part in assessments, their conflict declarations
    /// and the audit trail keep their name. An admin can enable it again and send a new invitation.
    /// </summary>
    public async Task<IReadOnlyList<string>> CloseAsync(string id, string reason, CancellationToken cancellationToken)
    {
        if (id == current.Id)
        {
            return ["You cannot close your own account: ask another admin."];
        }

        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return ["The user was not found."];
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        user.DisabledAt ??= clock.GetUtcNow();
        user.LockoutEnabled = true;
        user.LockoutEnd = DateTimeOffset.MaxValue;
        user.PasswordHash = null;
        user.TwoFactorEnabled = false;
        user.PhoneNumber = null;
        user.PhoneNumberConfirmed = false;
        var tokens = await db.UserTokens.Where(t => t.UserId == user.Id).ToListAsync(cancellationToken);
        db.UserTokens.RemoveRange(tokens);
        events.Record(SecurityEvents.AccountClosed, current.Id, current.DisplayName,
            $"Closed the account of {user.DisplayName} <{user.Email}> ({user.Id}): sign-in secrets removed, sessions ended, records kept. Reason: {reason.Trim()}");

        // UpdateSecurityStampAsync saves the user, the removed tokens and the event, and invalidates every cookie.
        await users.UpdateSecurityStampAsync(user);
        await DatabaseTicketStore.EndAllSessionsAsync(db, user.Id);
        await transaction.CommitAsync(cancellationToken);
        return [];
    }

    public async Task<IReadOnlyList<string>> EnableAsync(string id)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null || user.DisabledAt is null)
        {
            return ["This account is not disabled."];
        }

        user.DisabledAt = null;
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        Audit("UserEnabled", null, $"{user.DisplayName} <{user.Email}> ({user.Id})");
        await users.UpdateSecurityStampAsync(user);
        return [];
    }

    /// <summary>The invited person chooses their password; the link's token proves the e-mail address.</summary>
    public async Task<IReadOnlyList<string>> SetPasswordAsync(SetPasswordInput input)
    {
        const string BadLink = "This link is not valid any more (it expires after a day, and works once). Ask your assessment organisation's admin to send a new invitation.";
        var user = input.UserId is null ? null : await users.FindByIdAsync(input.UserId);
        if (user is null || user.DisabledAt is not null || string.IsNullOrEmpty(input.Code))
        {
            return [BadLink];
        }

        string token;
        try
        {
            token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(input.Code));
        }
        catch (FormatException)
        {
            return [BadLink];
        }

        var result = await users.ResetPasswordAsync(user, token, input.Password!);
        if (!result.Succeeded)
        {
            return result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)) ? [BadLink] : result.Errors.Select(e => e.Description).ToList();
        }

        user.EmailConfirmed = true;
        // The person setting their password is not signed in yet: the entry names them explicitly.
        db.AuditEntries.Add(AuditEntry.Of(clock.GetUtcNow(), user.Id, user.DisplayName, "PasswordSet", details: "Password chosen through the invitation or reset link"));
        await users.UpdateAsync(user);
        return [];
    }

    private async Task<string> SetPasswordLinkAsync(PortalUser user)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
        return $"{SetPasswordPath}?userId={Uri.EscapeDataString(user.Id)}&code={code}";
    }

    /// <summary>Brings roles, organisation and apprentice link in line with <paramref name="input"/>; saves.</summary>
    private async Task<List<string>> ApplyRolesAsync(PortalUser user, IReadOnlyCollection<string> before, UserRolesInput input, CancellationToken cancellationToken, bool isNew = false)
    {
        var wanted = input.Roles.Where(Roles.All.Contains).Distinct(StringComparer.Ordinal).ToList();
        var problems = new List<string>();
        if (wanted.Contains(Roles.Employer) || wanted.Contains(Roles.Provider))
        {
            var organisation = await db.Organisations.AsNoTracking().Where(o => o.Id == input.OrganisationId)
                .Select(o => new { o.IsEmployer, o.Ukprn }).SingleOrDefaultAsync(cancellationToken);
            if (organisation is null)
            {
                problems.Add("Choose the user's organisation from the list.");
            }
            else
            {
                if (wanted.Contains(Roles.Employer) && !organisation.IsEmployer)
                {
                    problems.Add("That organisation is a training provider only: an employer user needs an employer organisation.");
                }

                if (wanted.Contains(Roles.Provider) && !Domain.Identifiers.Ukprn.IsValid(organisation.Ukprn))
                {
                    problems.Add("That organisation has no UKPRN: a training provider user needs a training provider organisation.");
                }
            }
        }

        // A new account signs in as no apprentice yet.
        var linked = isNew ? null : await db.Apprentices.SingleOrDefaultAsync(a => a.UserId == user.Id, cancellationToken);
        if (wanted.Contains(Roles.Apprentice) && !string.IsNullOrWhiteSpace(input.ApprenticeUln))
        {
            var uln = input.ApprenticeUln.Trim();
            var apprentice = await db.Apprentices.SingleOrDefaultAsync(a => a.Uln == uln, cancellationToken);
            if (apprentice is null)
            {
                problems.Add($"No apprentice has the ULN {uln}: add the apprentice first.");
            }
            else if (apprentice.UserId is not null && apprentice.UserId != user.Id)
            {
                problems.Add($"{apprentice.FullName} already has a portal account.");
            }
            else if (linked is not null && linked.Id != apprentice.Id)
            {
                problems.Add($"This account already signs in as {linked.FullName}.");
            }
            else
            {
                apprentice.UserId = user.Id;
            }
        }
        else if (wanted.Contains(Roles.Apprentice) && linked is null)
        {
            problems.Add("Enter the ULN of the apprentice this account is for.");
        }

        if (problems.Count > 0)
        {
            return problems;
        }

        if (!wanted.Contains(Roles.Apprentice) && linked is not null)
        {
            linked.UserId = null;
        }

        user.OrganisationId = wanted.Contains(Roles.Employer) || wanted.Contains(Roles.Provider) ? input.OrganisationId : null;
        var removed = before.Except(wanted, StringComparer.Ordinal).ToList();
        var added = wanted.Except(before, StringComparer.Ordinal).ToList();
        // Each role change saves the user (and everything else tracked: the organisation, the apprentice link); only
        // without one is the user saved on its own.
        foreach (var result in new[]
        {
            removed.Count > 0 ? await users.RemoveFromRolesAsync(user, removed) : IdentityResult.Success,
            added.Count > 0 ? await users.AddToRolesAsync(user, added) : IdentityResult.Success,
            removed.Count + added.Count == 0 ? await users.UpdateAsync(user) : IdentityResult.Success,
        })
        {
            problems.AddRange(result.Errors.Select(e => e.Description));
        }

        return problems;
    }

    private void Audit(string action, string? reason, string details) => audit.Add(action, null, details, reason);

    /// <summary>The roles of the accounts <paramref name="ids"/> (null: of every account), by account.</summary>
    private async Task<Dictionary<string, IReadOnlyList<string>>> RolesOfAsync(List<string>? ids, CancellationToken cancellationToken)
    {
        var pairs = await (from userRole in db.UserRoles
                           join role in db.Roles on userRole.RoleId equals role.Id
                           where ids == null || ids.Contains(userRole.UserId)
                           select new { userRole.UserId, role.Name })
            .ToListAsync(cancellationToken);
        return pairs.GroupBy(p => p.UserId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(p => p.Name!).Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
    }
}
