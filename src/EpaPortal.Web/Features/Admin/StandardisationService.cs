using EpaPortal.Domain.Common;
using EpaPortal.Domain.Organisations;
using EpaPortal.Web.Data;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Security;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Admin;

/// <summary>A standardisation activity as typed (text fields, so what was typed comes back with the messages).</summary>
public sealed class StandardisationInput
{
    [System.ComponentModel.DataAnnotations.Display(Name = "Date held")]
    public DateOnly? HeldOn { get; set; }

    public int? StandardVersionId { get; set; }

    public List<string> AttendeeIds { get; set; } = [];

    public string? Outcome { get; set; }
}

public sealed class StandardisationInputValidator : AbstractValidator<StandardisationInput>
{
    public StandardisationInputValidator()
    {
        RuleFor(x => x.HeldOn).NotNull().WithMessage("Enter the date it was held, for example 3 3 2026.");
        RuleFor(x => x.StandardVersionId).NotNull().WithMessage("Choose the standard version.");
        RuleFor(x => x.AttendeeIds).Must(a => a.Any(id => !string.IsNullOrWhiteSpace(id))).WithMessage("Tick the assessors who attended.");
        RuleFor(x => x.Outcome).NotEmpty().WithMessage("Say what was agreed.")
            .MaximumLength(FieldLengths.Description).WithMessage($"Keep the outcome to {FieldLengths.Description} characters.");
    }
}

public sealed record StandardisationRow(DateOnly HeldOn, string StandardVersion, IReadOnlyList<string> Attendees, string Outcome);

public sealed record StandardisationViewModel(
    IReadOnlyList<StandardisationRow> Activities,
    IReadOnlyList<FilterOption> Versions,
    IReadOnlyList<BulkAssessorOption> Assessors,
    StandardisationInput Input,
    IReadOnlyList<string> Problems);

/// <summary>Standardisation activities (issue 21, item 6): the latest 50, and recording a new one (audited).</summary>
public sealed class StandardisationService(PortalDbContext db, AuditLog audit, CurrentUser current, TimeProvider clock)
{
    public async Task<StandardisationViewModel> PageAsync(StandardisationInput? input, IReadOnlyList<string> problems, CancellationToken cancellationToken)
    {
        var activities = await db.StandardisationActivities.AsNoTracking()
            .OrderByDescending(a => a.HeldOn).ThenByDescending(a => a.Id).Take(50)
            .ToListAsync(cancellationToken);
        var versions = await db.StandardVersions.AsNoTracking()
            .OrderBy(v => v.Standard!.Reference).ThenBy(v => v.Version)
            .Select(v => new FilterOption(v.Id, v.Standard!.Reference + " v" + v.Version))
            .ToListAsync(cancellationToken);

        // Every assessor, and anyone named in the activities shown (an attendee may no longer be an assessor).
        var named = activities.SelectMany(a => a.AttendeeIds).Distinct().ToList();
        var assessors = PortalUsers.HolderIds(db, Roles.Assessor);
        var people = await db.Users.AsNoTracking()
            .Where(u => named.Contains(u.Id) || assessors.Contains(u.Id))
            .Select(u => new
            {
                u.Id,
                u.DisplayName,
                Active = u.DisabledAt == null && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Assessor)),
            })
            .ToListAsync(cancellationToken);
        var names = people.ToDictionary(p => p.Id, p => p.DisplayName, StringComparer.Ordinal);
        var versionNames = versions.ToDictionary(v => v.Id, v => v.Name);
        return new StandardisationViewModel(
            activities.Select(a => new StandardisationRow(a.HeldOn, versionNames.GetValueOrDefault(a.StandardVersionId, string.Empty),
                a.AttendeeIds.Select(id => names.GetValueOrDefault(id, id)).Order(StringComparer.CurrentCulture).ToList(), a.Outcome)).ToList(),
            versions,
            people.Where(p => p.Active).OrderBy(p => p.DisplayName, StringComparer.CurrentCulture).Select(p => new BulkAssessorOption(p.Id, p.DisplayName)).ToList(),
            input ?? new StandardisationInput(),
            problems);
    }

    /// <summary>Records the activity when the version and every attendee (an active assessor) exist.</summary>
    public async Task<IReadOnlyList<string>> RecordAsync(StandardisationInput input, CancellationToken cancellationToken)
    {
        var heldOn = input.HeldOn!.Value;
        var ids = input.AttendeeIds.Where(id => !string.IsNullOrWhiteSpace(id)).Distinct(StringComparer.Ordinal).ToList();
        var versionId = input.StandardVersionId!.Value;
        var found = await db.Users.AsNoTracking()
            .Where(u => ids.Contains(u.Id) && u.DisabledAt == null && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Assessor)))
            .Select(u => new { u.Id, u.DisplayName, Version = db.StandardVersions.Where(v => v.Id == versionId).Select(v => v.Standard!.Reference + " v" + v.Version).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        var problems = new List<string>();
        if (found.Count != ids.Count)
        {
            problems.Add("Tick only assessors from the list.");
        }

        if (found.Count > 0 && found[0].Version is null)
        {
            problems.Add("Choose a standard version from the list.");
        }

        if (heldOn > DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), clock.LocalTimeZone).DateTime))
        {
            problems.Add("Record an activity once it has been held: the date is in the future.");
        }

        if (problems.Count > 0)
        {
            return problems;
        }

        db.StandardisationActivities.Add(new StandardisationActivity(heldOn, versionId, ids, input.Outcome!, current.Id, clock.GetUtcNow()));
        audit.Add("StandardisationRecorded", null, $"{DisplayNames.Date(heldOn)}, {found[0].Version}: {string.Join(", ", found.Select(f => f.DisplayName).Order(StringComparer.CurrentCulture))}");
        await db.SaveChangesAsync(cancellationToken);
        return [];
    }
}
