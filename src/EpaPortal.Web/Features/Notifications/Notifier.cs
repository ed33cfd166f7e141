using EpaPortal.Domain.Cases;
using EpaPortal.Web.Data;
using EpaPortal.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EpaPortal.Web.Features.Notifications;

/// <summary>
/// What the features call when something is waiting for someone. Each method finds the recipients and
/// ADDS <see cref="OutboxMessage"/> rows to the caller's <see cref="PortalDbContext"/> without saving:
/// the feature's own SaveChanges commits them with its change, so an e-mail is sent if and only if the
/// change happened, and sending never blocks or breaks the user's action.
/// <para>Reads see the caller's unsaved changes (a newly allocated assessor, a new interview), so call
/// it after making the change and before SaveChanges.</para>
/// </summary>
public sealed class Notifier(PortalDbContext db, PortalLinks links, TimeProvider clock, IOptions<EmailOptions> email, Api.Webhooks.WebhookOutbox webhooks)
{
    private DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>The apprentice submitted the portfolio: the employer confirms it is their own work.</summary>
    public async Task PortfolioSubmittedAsync(int caseId, CancellationToken cancellationToken = default)
    {
        var facts = await LoadCaseAsync(caseId, cancellationToken);
        var link = links.Absolute(PortalLinks.PortfolioPath(caseId));
        foreach (var employer in (await RecipientsAsync(facts, employers: true, cancellationToken: cancellationToken)).Employers)
        {
            Add(NotificationKind.PortfolioSubmitted, caseId, employer, EmailTemplates.PortfolioSubmitted(employer.Name, facts.ApprenticeName, link));
        }
    }

    /// <summary>The employer is asked for the employer reference (reminders follow until it is submitted).</summary>
    public async Task ReferenceRequestedAsync(int caseId, CancellationToken cancellationToken = default)
    {
        var facts = await LoadCaseAsync(caseId, cancellationToken);
        var link = links.Absolute(PortalLinks.ReferencePath(caseId));
        foreach (var employer in (await RecipientsAsync(facts, employers: true, cancellationToken: cancellationToken)).Employers)
        {
            Add(NotificationKind.ReferenceRequested, caseId, employer, EmailTemplates.ReferenceRequested(employer.Name, facts.ApprenticeName, link));
        }
    }

    /// <summary>A case was registered naming a training provider (issue 19): its users are asked to co-sign the gateway when the apprentice is ready.</summary>
    public async Task GatewayCoSignRequestedAsync(int caseId, CancellationToken cancellationToken = default)
    {
        var facts = await LoadCaseAsync(caseId, cancellationToken);
        var link = links.Absolute(PortalLinks.GatewayPath(caseId));
        foreach (var provider in (await RecipientsAsync(facts, providers: true, cancellationToken: cancellationToken)).Providers)
        {
            Add(NotificationKind.GatewayCoSignRequested, caseId, provider, EmailTemplates.GatewayCoSignRequested(provider.Name, facts.ApprenticeName, link));
        }
    }

    /// <summary>A reminder that a requested reference is still missing (sent by <see cref="ReferenceReminders"/>).</summary>
    public async Task ReferenceReminderAsync(int caseId, DateTimeOffset requestedAt, CancellationToken cancellationToken = default)
    {
        var facts = await LoadCaseAsync(caseId, cancellationToken);
        var link = links.Absolute(PortalLinks.ReferencePath(caseId));
        foreach (var employer in (await RecipientsAsync(facts, employers: true, cancellationToken: cancellationToken)).Employers)
        {
            Add(NotificationKind.ReferenceReminder, caseId, employer, EmailTemplates.ReferenceReminder(employer.Name, facts.ApprenticeName, requestedAt, link));
        }
    }

    /// <summary>The employer submitted the gateway: the admins check it.</summary>
    public async Task GatewaySubmittedAsync(int caseId, CancellationToken cancellationToken = default)
    {
        var facts = await LoadCaseAsync(caseId, cancellationToken);
        var link = links.Absolute(PortalLinks.GatewayPath(caseId));
        foreach (var admin in (await RecipientsAsync(facts, role: Roles.Admin, cancellationToken: cancellationToken)).InRole)
        {
            Add(NotificationKind.GatewaySubmitted, caseId, admin, EmailTemplates.GatewaySubmitted(admin.Name, facts.ApprenticeName, link));
        }
    }

    /// <summary>An admin approved or rejected the gateway: the apprentice and the employer hear of it
    /// (never the reasons: they read them in the portal).</summary>
    public async Task GatewayDecidedAsync(int caseId, bool approved, CancellationToken cancellationToken = default)
    {
        var facts = await LoadCaseAsync(caseId, cancellationToken);
        var link = links.Absolute(PortalLinks.GatewayPath(caseId));
        var kind = approved ? NotificationKind.GatewayApproved : NotificationKind.GatewayRejected;
        if (approved)
        {
            await webhooks.QueueAsync(caseId, Api.Webhooks.WebhookEvents.GatewayApproved, cancellationToken);
        }
        foreach (var (person, isApprentice) in (await RecipientsAsync(facts, apprentice: true, employers: true, providers: true, cancellationToken: cancellationToken)).Parties)
        {
            Add(kind, caseId, person, approved
                ? EmailTemplates.GatewayApproved(person.Name, facts.ApprenticeName, isApprentice, link)
                : EmailTemplates.GatewayRejected(person.Name, facts.ApprenticeName, isApprentice, link));
        }
    }

    /// <summary>An assessor was allocated to the case (EpaCase.AssessorId): they hear of it.</summary>
    public async Task AssessorAllocatedAsync(int caseId, CancellationToken cancellationToken = default)
    {
        var facts = await LoadCaseAsync(caseId, cancellationToken);
        if ((await RecipientsAsync(facts, assessor: true, cancellationToken: cancellationToken)).Assessor is { } assessor)
        {
            Add(NotificationKind.AssessorAllocated, caseId, assessor, EmailTemplates.AssessorAllocated(assessor.Name, facts.ApprenticeName, links.Absolute(PortalLinks.CasePath(caseId))));
        }
    }

    /// <summary>The same e-mail for a bulk allocation, from what its one query already read (no command per case).</summary>
    public void AssessorAllocatedInBulk(int caseId, Recipient assessor, string apprenticeName) =>
        Add(NotificationKind.AssessorAllocated, caseId, assessor, EmailTemplates.AssessorAllocated(assessor.Name, apprenticeName, links.Absolute(PortalLinks.CasePath(caseId))));

    /// <summary>The project window of the current attempt is set (or has opened): its dates go to the
    /// apprentice and the employer. The brief never goes into an e-mail.</summary>
    public async Task ProjectWindowOpeningAsync(int caseId, CancellationToken cancellationToken = default)
    {
        var facts = await LoadCaseAsync(caseId, cancellationToken);
        var project = db.ProjectSubmissions.Local.FirstOrDefault(p => p.CaseId == caseId && p.Attempt == facts.Attempt)
            ?? await db.ProjectSubmissions.FirstOrDefaultAsync(p => p.CaseId == caseId && p.Attempt == facts.Attempt, cancellationToken)
            ?? throw new InvalidOperationException($"Case {caseId} has no project for attempt {facts.Attempt}.");
        var link = links.Absolute(PortalLinks.ProjectPath(caseId));
        var alreadyOpen = Now >= project.WindowOpensAt;
        foreach (var (person, isApprentice) in (await RecipientsAsync(facts, apprentice: true, employers: true, cancellationToken: cancellationToken)).ApprenticeAndEmployers)
        {
            Add(NotificationKind.ProjectWindowOpening, caseId, person,
                EmailTemplates.ProjectWindowOpening(person.Name, facts.ApprenticeName, isApprentice, project.WindowOpensAt, project.EffectiveClose, alreadyOpen, link));
        }
    }

    /// <summary>The interview of the current attempt was booked or moved: the apprentice, the employer and
    /// the assessor each get the details and an .ics invitation (same UID; SEQUENCE raised on a move).</summary>
    public async Task InterviewBookedAsync(int caseId, bool isReschedule, CancellationToken cancellationToken = default)
    {
        var facts = await LoadCaseAsync(caseId, cancellationToken);
        var interview = db.Interviews.Local.FirstOrDefault(i => i.CaseId == caseId && i.Attempt == facts.Attempt)
            ?? await db.Interviews.FirstOrDefaultAsync(i => i.CaseId == caseId && i.Attempt == facts.Attempt, cancellationToken)
            ?? throw new InvalidOperationException($"Case {caseId} has no interview for attempt {facts.Attempt}.");
        var link = links.Absolute(PortalLinks.InterviewPath(caseId));
        var kind = isReschedule ? NotificationKind.InterviewMoved : NotificationKind.InterviewBooked;
        await webhooks.QueueAsync(caseId, Api.Webhooks.WebhookEvents.InterviewBooked, cancellationToken);
        var recipients = await RecipientsAsync(facts, apprentice: true, employers: true, assessor: true, cancellationToken: cancellationToken);
        var people = recipients.ApprenticeAndEmployers;
        if (recipients.Assessor is { } assessor)
        {
            people.Add((assessor, false));
        }

        foreach (var (person, isApprentice) in Distinct(people))
        {
            var content = EmailTemplates.InterviewBooked(person.Name, facts.ApprenticeName, isApprentice, isReschedule, interview.StartsAt, interview.DurationMinutes, interview.Mode, interview.Location, link);
            var ics = InterviewCalendar.Build(interview, facts.ApprenticeName, link, email.Value.From, email.Value.FromName, person.Email, person.Name, Now);
            Add(kind, caseId, person, content, calendarIcs: ics);
        }
    }

    /// <summary>The assessor graded the case: the quality assurers (never the case's own assessor) hear of it.</summary>
    public async Task ReadyForQaAsync(int caseId, CancellationToken cancellationToken = default)
    {
        var facts = await LoadCaseAsync(caseId, cancellationToken);
        var link = links.Absolute(PortalLinks.QualityPath(caseId));
        foreach (var qa in (await RecipientsAsync(facts, role: Roles.QualityAssurer, cancellationToken: cancellationToken)).InRole)
        {
            if (qa.UserId != facts.AssessorId)
            {
                Add(NotificationKind.ReadyForQa, caseId, qa, EmailTemplates.ReadyForQa(qa.Name, facts.ApprenticeName, link));
            }
        }
    }

    /// <summary>Quality assurance returned the case: the assessor hears of it (the reasons stay in the portal).</summary>
    public async Task CaseReturnedByQaAsync(int caseId, CancellationToken cancellationToken = default)
    {
        var facts = await LoadCaseAsync(caseId, cancellationToken);
        if ((await RecipientsAsync(facts, assessor: true, cancellationToken: cancellationToken)).Assessor is { } assessor)
        {
            Add(NotificationKind.CaseReturnedByQa, caseId, assessor, EmailTemplates.CaseReturnedByQa(assessor.Name, facts.ApprenticeName, links.Absolute(PortalLinks.CasePath(caseId))));
        }
    }

    /// <summary>Quality assurance moderated the assessor's grade (issue 21, item 5): the assessor hears of it; the grades
    /// and the reason stay in the portal, on their judgement page.</summary>
    public async Task GradeModeratedAsync(int caseId, CancellationToken cancellationToken = default)
    {
        var facts = await LoadCaseAsync(caseId, cancellationToken);
        if ((await RecipientsAsync(facts, assessor: true, cancellationToken: cancellationToken)).Assessor is { } assessor)
        {
            Add(NotificationKind.GradeModerated, caseId, assessor, EmailTemplates.GradeModerated(assessor.Name, facts.ApprenticeName, caseId, links.Absolute(PortalLinks.JudgementPath(caseId))));
        }
    }

    /// <summary>
    /// A message was sent about the case (issue 25, item 5): the other people who take part hear that there is one, never
    /// what it says. The apprentice, the employer's and the training provider's users, and the admins (unless an admin wrote
    /// it: the organisation does not alert itself); the allocated assessor only for a scheduling message. Never the author.
    /// </summary>
    public async Task CaseMessageAsync(int caseId, string authorUserId, bool authorIsAdmin, bool scheduling, CancellationToken cancellationToken = default)
    {
        var facts = await LoadCaseAsync(caseId, cancellationToken);
        var link = links.Absolute(PortalLinks.MessagesPath(caseId));
        var recipients = await RecipientsAsync(facts, apprentice: true, employers: true, providers: true, assessor: scheduling, role: authorIsAdmin ? null : Roles.Admin, cancellationToken: cancellationToken);
        var people = recipients.Parties;
        if (recipients.Assessor is { } assessor)
        {
            people.Add((assessor, false));
        }

        people.AddRange(recipients.InRole.Select(admin => (admin, false)));
        foreach (var (person, isApprentice) in Distinct(people).Where(p => p.Person.UserId != authorUserId))
        {
            Add(NotificationKind.CaseMessage, caseId, person, EmailTemplates.CaseMessage(person.Name, facts.ApprenticeName, isApprentice, link));
        }
    }

    /// <summary>The result was released: the apprentice, the employer and the training provider are told to sign in. The grade
    /// is never in the e-mail. After a Fail (<paramref name="nextAttemptToAgree"/>), the training provider's users are asked
    /// instead to agree a re-sit or a re-take in the portal (issue 19).</summary>
    public async Task ResultReleasedAsync(int caseId, bool nextAttemptToAgree = false, CancellationToken cancellationToken = default)
    {
        var facts = await LoadCaseAsync(caseId, cancellationToken);
        var link = links.Absolute(PortalLinks.ResultPath(caseId));
        await webhooks.QueueAsync(caseId, Api.Webhooks.WebhookEvents.ResultReleased, cancellationToken);
        var recipients = await RecipientsAsync(facts, apprentice: true, employers: true, providers: true, cancellationToken: cancellationToken);
        var askProviders = nextAttemptToAgree && recipients.Providers.Count > 0;
        var parties = askProviders ? recipients.ApprenticeAndEmployers : recipients.Parties;
        foreach (var (person, isApprentice) in parties)
        {
            Add(NotificationKind.ResultReleased, caseId, person, EmailTemplates.ResultReleased(person.Name, facts.ApprenticeName, isApprentice, link));
        }

        if (askProviders)
        {
            var told = parties.Select(p => p.Person.Email).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var provider in recipients.Providers.Where(p => !told.Contains(p.Email)))
            {
                Add(NotificationKind.NextAttemptToAgree, caseId, provider, EmailTemplates.NextAttemptToAgree(provider.Name, facts.ApprenticeName, link));
            }
        }
    }

    /// <summary>An appeal was lodged: the apprentice and the employer get an acknowledgement, the admins
    /// are asked to assign a reviewer. The grounds are not in any e-mail.</summary>
    public async Task AppealReceivedAsync(int caseId, CancellationToken cancellationToken = default)
    {
        var facts = await LoadCaseAsync(caseId, cancellationToken);
        var link = links.Absolute(PortalLinks.AppealPath(caseId));
        var recipients = await RecipientsAsync(facts, apprentice: true, employers: true, role: Roles.Admin, cancellationToken: cancellationToken);
        foreach (var (person, isApprentice) in recipients.ApprenticeAndEmployers)
        {
            Add(NotificationKind.AppealReceived, caseId, person, EmailTemplates.AppealReceivedAcknowledgement(person.Name, facts.ApprenticeName, isApprentice, link));
        }

        foreach (var admin in recipients.InRole)
        {
            Add(NotificationKind.AppealReceived, caseId, admin, EmailTemplates.AppealReceivedForAdmin(admin.Name, facts.ApprenticeName, link));
        }
    }

    /// <summary>The appeal was decided: the apprentice and the employer are told to sign in (no outcome in the e-mail).</summary>
    public async Task AppealDecidedAsync(int caseId, CancellationToken cancellationToken = default)
    {
        var facts = await LoadCaseAsync(caseId, cancellationToken);
        var link = links.Absolute(PortalLinks.AppealPath(caseId));
        await webhooks.QueueAsync(caseId, Api.Webhooks.WebhookEvents.AppealDecided, cancellationToken);
        foreach (var (person, isApprentice) in (await RecipientsAsync(facts, apprentice: true, employers: true, cancellationToken: cancellationToken)).ApprenticeAndEmployers)
        {
            Add(NotificationKind.AppealDecided, caseId, person, EmailTemplates.AppealDecided(person.Name, facts.ApprenticeName, isApprentice, link));
        }
    }

    /// <summary>A new account: the invitation carries the caller's one-time link (relative or absolute on
    /// the portal) to choose a password. The body is blanked once sent.</summary>
    public async Task InvitationAsync(string userId, string link, CancellationToken cancellationToken = default)
    {
        var user = await FindUserAsync(userId, cancellationToken);
        Add(NotificationKind.Invitation, null, user, EmailTemplates.Invitation(user.Name, links.Resolve(link)), containsSecret: true);
    }

    /// <summary>A password reset link (relative or absolute on the portal). The body is blanked once sent.</summary>
    public async Task PasswordResetAsync(string userId, string link, CancellationToken cancellationToken = default)
    {
        var user = await FindUserAsync(userId, cancellationToken);
        Add(NotificationKind.PasswordReset, null, user, EmailTemplates.PasswordReset(user.Name, links.Resolve(link)), containsSecret: true);
    }

    /// <summary>A password reset code (Identity's API flow). The body is blanked once sent.</summary>
    public async Task PasswordResetCodeAsync(string userId, string code, CancellationToken cancellationToken = default)
    {
        var user = await FindUserAsync(userId, cancellationToken);
        Add(NotificationKind.PasswordReset, null, user, EmailTemplates.PasswordResetCode(user.Name, code), containsSecret: true);
    }

    /// <summary>Identity asks to confirm an address (which may be a new one the user is changing to).</summary>
    public async Task ConfirmEmailAsync(string userId, string address, string link, CancellationToken cancellationToken = default)
    {
        var user = await FindUserAsync(userId, cancellationToken);
        Add(NotificationKind.AccountEmail, null, user with { Email = address }, EmailTemplates.ConfirmEmail(user.Name, links.Resolve(link)), containsSecret: true);
    }

    /// <summary>The security of an account changed (password, two-step verification, recovery codes): the person
    /// hears of it at their current address, with what to do if it was not them.</summary>
    public async Task AccountChangedAsync(string userId, string what, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var user = await FindUserAsync(userId, cancellationToken);
        Add(NotificationKind.AccountSecurity, null, user, EmailTemplates.AccountChanged(user.Name, what, at, links.Absolute("/Identity/Account/ForgotPassword")));
    }

    /// <summary>The account's e-mail address changed: the OLD address hears of it, with a link that puts it
    /// back and ends every session. The body is blanked once sent (the link is a credential).</summary>
    public async Task EmailChangedAsync(string userId, string oldAddress, string newAddress, string undoLink, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var user = await FindUserAsync(userId, cancellationToken);
        Add(NotificationKind.AccountSecurity, null, user with { Email = oldAddress }, EmailTemplates.EmailChanged(user.Name, newAddress, at, links.Resolve(undoLink)), containsSecret: true);
    }

    private void Add(NotificationKind kind, int? caseId, Recipient to, EmailContent content, bool containsSecret = false, string? calendarIcs = null) =>
        db.Add(new OutboxMessage(kind, caseId, to.Email, to.Name, content, Now, containsSecret, calendarIcs));

    private async Task<CaseFacts> LoadCaseAsync(int caseId, CancellationToken cancellationToken)
    {
        // FindAsync returns the caller's tracked instance, with any change it has not saved yet (a command has
        // both loaded already: no query).
        var epaCase = await db.Cases.FindAsync([caseId], cancellationToken)
            ?? throw new InvalidOperationException($"Case {caseId} does not exist.");
        var apprentice = await db.Apprentices.FindAsync([epaCase.ApprenticeId], cancellationToken)
            ?? throw new InvalidOperationException($"Case {caseId} has no apprentice.");
        return new CaseFacts(epaCase, apprentice.FullName, apprentice.OrganisationId, apprentice.UserId, apprentice.Email);
    }

    /// <summary>
    /// The people an e-mail about a case goes to, in one command: the apprentice (through their account, unless
    /// they have none), the active employer users of the apprentice's organisation, the case's assessor and the
    /// active users of <paramref name="role"/>, as asked.
    /// </summary>
    private async Task<Recipients> RecipientsAsync(CaseFacts facts, bool apprentice = false, bool employers = false, bool assessor = false, string? role = null, bool providers = false, CancellationToken cancellationToken = default)
    {
        var apprenticeUserId = apprentice ? facts.ApprenticeUserId : null;
        var assessorId = assessor ? facts.AssessorId : null;
        int? organisationId = employers ? facts.OrganisationId : null;
        var providerId = providers ? facts.Case.ProviderOrganisationId : null;
        var employerHolders = PortalUsers.HolderIds(db, Roles.Employer);
        var providerHolders = PortalUsers.HolderIds(db, Roles.Provider);
        var roleHolders = PortalUsers.HolderIds(db, role ?? string.Empty);
        var users = apprenticeUserId is null && assessorId is null && organisationId is null && role is null && providerId is null
            ? []
            : await db.Users.AsNoTracking()
                .Where(u => (apprenticeUserId != null && u.Id == apprenticeUserId)
                    || (assessorId != null && u.Id == assessorId)
                    || (organisationId != null && u.OrganisationId == organisationId && employerHolders.Contains(u.Id))
                    || (providerId != null && u.OrganisationId == providerId && providerHolders.Contains(u.Id))
                    || (role != null && roleHolders.Contains(u.Id)))
                .Select(u => new
                {
                    u.Id,
                    u.Email,
                    u.DisplayName,
                    u.OrganisationId,
                    u.DisabledAt,
                    IsEmployer = db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Employer)),
                    IsProvider = db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Provider)),
                    InRole = role != null && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == role)),
                })
                .ToListAsync(cancellationToken);
        var active = users.Where(u => u.DisabledAt is null && !string.IsNullOrEmpty(u.Email)).OrderBy(u => u.Email, StringComparer.Ordinal).ToList();

        Recipient? apprenticeRecipient = null;
        if (apprentice)
        {
            apprenticeRecipient = facts.ApprenticeUserId is null
                ? new Recipient(null, facts.ApprenticeEmail, facts.ApprenticeName)
                : active.FirstOrDefault(u => u.Id == facts.ApprenticeUserId) is { } account ? new Recipient(account.Id, account.Email!, facts.ApprenticeName) : null;
        }

        var employerRecipients = employers
            ? active.Where(u => u.IsEmployer && u.OrganisationId == facts.OrganisationId).Select(u => new Recipient(u.Id, u.Email!, u.DisplayName)).ToList()
            : [];
        var people = new List<(Recipient, bool)>();
        if (apprenticeRecipient is not null)
        {
            people.Add((apprenticeRecipient, true));
        }

        people.AddRange(employerRecipients.Select(e => (e, false)));

        // The training provider's users (issue 19): parties like the employer, told at their steps.
        var providerRecipients = providerId is null
            ? []
            : active.Where(u => u.IsProvider && u.OrganisationId == providerId).Select(u => new Recipient(u.Id, u.Email!, u.DisplayName)).ToList();
        return new Recipients(
            Distinct(people),
            employerRecipients,
            assessorId is not null && active.FirstOrDefault(u => u.Id == assessorId) is { } found ? new Recipient(found.Id, found.Email!, found.DisplayName) : null,
            active.Where(u => u.InRole).Select(u => new Recipient(u.Id, u.Email!, u.DisplayName)).ToList())
        {
            Providers = providerRecipients,
        };
    }

    private sealed record Recipients(List<(Recipient Person, bool IsApprentice)> ApprenticeAndEmployers, IReadOnlyList<Recipient> Employers, Recipient? Assessor, IReadOnlyList<Recipient> InRole)
    {
        /// <summary>The case's training provider users not already among the apprentice and employers (an organisation can be both).</summary>
        public List<Recipient> Providers { get; init; } = [];

        /// <summary>The apprentice and employers, then the providers (none twice).</summary>
        public List<(Recipient Person, bool IsApprentice)> Parties =>
            Distinct(ApprenticeAndEmployers.Concat(Providers.Select(p => (p, false))));
    }

    private async Task<Recipient> FindUserAsync(string userId, CancellationToken cancellationToken)
    {
        var user = await db.Users.FindAsync([userId], cancellationToken)
            ?? throw new InvalidOperationException($"User {userId} does not exist.");
        return new Recipient(user.Id, user.Email ?? throw new InvalidOperationException($"User {userId} has no e-mail address."), user.DisplayName);
    }

    private static List<(Recipient Person, bool IsApprentice)> Distinct(IEnumerable<(Recipient Person, bool IsApprentice)> people) =>
        people.GroupBy(p => p.Person.Email, StringComparer.OrdinalIgnoreCase).Select(g => g.First()).ToList();

    private sealed record CaseFacts(EpaCase Case, string ApprenticeName, int OrganisationId, string? ApprenticeUserId, string ApprenticeEmail)
    {
        public int Attempt => Case.Attempt;

        public string? AssessorId => Case.AssessorId;
    }
}

/// <summary>Someone an e-mail goes to.</summary>
public sealed record Recipient(string? UserId, string Email, string Name);
