using EpaPortal.Domain.Assessment;
using EpaPortal.Web.Data;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Features.Employer;
using EpaPortal.Web.Infrastructure;
using EpaPortal.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.References;

/// <summary>
/// The employer reference of a case: one per case, a narrative per grading area of the case's standard
/// version, saved as a draft any number of times and then submitted (read-only until an admin reopens it).
/// Two people editing at once are kept apart by the reference's <c>Version</c>.
/// </summary>
public sealed class ReferenceService(PortalDbContext db, StandardVersionCache versions, AuditLog audit, CurrentUser currentUser, TimeProvider clock)
{
    /// <summary>The case's heading and the areas the reference is written against (the standard version from the cache: no query).</summary>
    public async Task<ReferenceContext> ContextAsync(CaseAccessInfo info, CancellationToken cancellationToken)
    {
        var version = await versions.GetAsync(db, info.StandardVersionId, cancellationToken);
        var header = new EmployerCaseHeader(info.CaseId, info.ApprenticeName, info.Uln, info.OrganisationName, info.StandardCode, info.State, info.IsOnHold);
        return new ReferenceContext(header, version.Areas.OrderBy(a => a.Order)
            .Select(a => new ReferenceArea(a.Code, a.Name, a.Description, version.Competencies.Where(c => c.AreaCode == a.Code).OrderBy(c => c.Order).Select(c => c.Label).ToList()))
            .ToList());
    }

    /// <summary>The case's reference as it is saved, or null if nobody has started it.</summary>
    public Task<EmployerReference?> FindAsync(int caseId, CancellationToken cancellationToken) =>
        db.EmployerReferences.AsNoTracking().Include(r => r.Sections).SingleOrDefaultAsync(r => r.CaseId == caseId, cancellationToken);

    public static ReferenceInputModel InputFrom(ReferenceContext context, EmployerReference? reference) => new()
    {
        Sections = context.Areas.Select(a => new ReferenceSectionInput
        {
            AreaCode = a.Code,
            Narrative = reference?.Sections.FirstOrDefault(s => s.AreaCode == a.Code)?.Narrative,
        }).ToList(),
        RefereeName = reference?.RefereeName,
        RefereeJobTitle = reference?.RefereeJobTitle,
        RelationshipToApprentice = reference?.RelationshipToApprentice,
        MonthsSupervised = reference?.MonthsSupervised,
        RefereeEmail = reference?.RefereeEmail,
        DeclarationAccepted = reference?.DeclarationAccepted ?? false,
        Version = reference?.Version ?? Guid.Empty,
    };

    /// <summary>Lines the posted sections up with the version's areas: one per area, in order, whatever was posted.</summary>
    public static void Align(ReferenceContext context, ReferenceInputModel input)
    {
        var posted = input.Sections;
        input.Sections = context.Areas.Select(a => new ReferenceSectionInput
        {
            AreaCode = a.Code,
            Narrative = posted.FirstOrDefault(s => string.Equals(s.AreaCode, a.Code, StringComparison.Ordinal))?.Narrative,
        }).ToList();
    }

    public static ReferenceFormViewModel Form(ReferenceContext context, EmployerReference? reference, ReferenceInputModel input, ReferenceInputModel? unsaved = null) => new()
    {
        Header = context.Header,
        Areas = context.Areas,
        Input = input,
        LastSavedAt = reference is null ? null : UkTime.DateTime(reference.UpdatedAt),
        ReopenReason = reference?.Status == ReferenceStatus.Draft ? reference.ReopenReason : null,
        UnsavedInput = unsaved,
        ConflictSavedAt = unsaved is null || reference is null ? null : UkTime.DateTime(reference.UpdatedAt),
    };

    public static ReferenceReadOnlyViewModel ReadOnly(ReferenceContext context, EmployerReference? reference, ReferenceInputModel? unsaved = null, ReopenReferenceInput? reopen = null) => new()
    {
        Header = context.Header,
        Sections = context.Areas.Select(a => new ReferenceSectionView(a.Name, reference?.Sections.FirstOrDefault(s => s.AreaCode == a.Code)?.Narrative)).ToList(),
        RefereeName = reference?.RefereeName,
        RefereeJobTitle = reference?.RefereeJobTitle,
        RelationshipToApprentice = reference?.RelationshipToApprentice,
        MonthsSupervised = reference?.MonthsSupervised,
        RefereeEmail = reference?.RefereeEmail,
        DeclarationAccepted = reference?.DeclarationAccepted ?? false,
        IsSubmitted = reference?.Status == ReferenceStatus.Submitted,
        SubmittedAt = reference?.SubmittedAt is { } at ? UkTime.DateTime(at) : null,
        ReopenReason = reference?.ReopenReason,
        UnsavedInput = unsaved,
        Reopen = reopen,
    };

    /// <summary>Saves the draft (or submits it, after the caller validated it in full), unless someone else saved first.</summary>
    public async Task<ReferenceSaveStatus> SaveAsync(ReferenceContext context, ReferenceInputModel input, bool submit, CancellationToken cancellationToken)
    {
        var caseId = context.Header.CaseId;
        var now = clock.GetUtcNow();
        var reference = await db.EmployerReferences.Include(r => r.Sections).SingleOrDefaultAsync(r => r.CaseId == caseId, cancellationToken);
        var created = reference is null;
        if (reference is null)
        {
            if (input.Version != Guid.Empty)
            {
                return ReferenceSaveStatus.Conflict;
            }

            reference = new EmployerReference(caseId, now);
            db.EmployerReferences.Add(reference);
        }
        else
        {
            if (reference.Status == ReferenceStatus.Submitted)
            {
                return ReferenceSaveStatus.ReadOnly;
            }

            if (reference.Version != input.Version)
            {
                return ReferenceSaveStatus.Conflict;
            }

            // The save only succeeds if nobody saved between this read and the write.
            db.Entry(reference).Property(r => r.Version).OriginalValue = input.Version;
        }

        reference.RefereeName = Clean(input.RefereeName);
        reference.RefereeJobTitle = Clean(input.RefereeJobTitle);
        reference.RelationshipToApprentice = Clean(input.RelationshipToApprentice);
        reference.MonthsSupervised = input.MonthsSupervised;
        reference.RefereeEmail = Clean(input.RefereeEmail);
        reference.DeclarationAccepted = input.DeclarationAccepted;
        reference.UpdatedAt = now;

        // Every save is a new version of the reference, even one that only changes a section (a child row).
        if (!created)
        {
            db.Entry(reference).Property(r => r.UpdatedAt).IsModified = true;
        }

        foreach (var area in context.Areas)
        {
            var narrative = input.Sections.FirstOrDefault(s => s.AreaCode == area.Code)?.Narrative;
            reference.SetNarrative(area.Code, string.IsNullOrWhiteSpace(narrative) ? null : narrative.Trim());
        }

        if (submit)
        {
            reference.Submit(currentUser.Id, now);
            audit.Add("ReferenceSubmitted", caseId, $"Referee {reference.RefereeName}, {reference.RefereeJobTitle}");
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return ReferenceSaveStatus.Conflict;
        }
        catch (DbUpdateException) when (created)
        {
            // Someone else started the reference at the same moment (one reference per case).
            db.ChangeTracker.Clear();
            return ReferenceSaveStatus.Conflict;
        }

        return submit ? ReferenceSaveStatus.Submitted : ReferenceSaveStatus.Saved;
    }

    /// <summary>An admin reopens a submitted reference with a reason; null when done, else why not.</summary>
    public async Task<string?> ReopenAsync(int caseId, string reason, CancellationToken cancellationToken)
    {
        var reference = await db.EmployerReferences.SingleOrDefaultAsync(r => r.CaseId == caseId, cancellationToken);
        if (reference is not { Status: ReferenceStatus.Submitted })
        {
            return "The reference has not been submitted, so there is nothing to reopen.";
        }

        var now = clock.GetUtcNow();
        reference.Reopen(reason.Trim());
        reference.UpdatedAt = now;
        audit.Add("ReferenceReopened", caseId, reason: reason.Trim());
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
