using System.Security.Cryptography;
using System.Text;
using EpaPortal.Domain.Access;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Organisations;
using EpaPortal.Web.Data;
using EpaPortal.Web.Features.Admin;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Features.Results;
using EpaPortal.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Api.V1;

/// <summary>The outcome of an API command: the resource, or a problem with its HTTP status.</summary>
public sealed record ApiOutcome<T>(T? Value, int Status, string? Problem);

public static class ApiOutcome
{
    public static ApiOutcome<T> Ok<T>(T value, int status = StatusCodes.Status200OK) => new(value, status, null);

    public static ApiOutcome<T> Fail<T>(int status, string problem) => new(default, status, problem);
}

/// <summary>
/// What the API reads and changes, for the calling client. Which apprentices and cases the client reaches is the
/// domain's decision (<see cref="CaseRelations"/> over the client's <see cref="OrganisationScope"/>): the queries
/// narrow by organisation first, and every row is checked by the domain before it is returned.
/// </summary>
public sealed class ApiService(
    PortalDbContext db,
    CurrentUser currentUser,
    AuditLog audit,
    AdminCasesService cases,
    ResultsExport results)
{
    private Actor Actor => currentUser.ToActor();

    private ApiClientGrant Grant => currentUser.ApiClient ?? throw new InvalidOperationException("The API service serves API clients only.");

    public async Task<Page<ApprenticeResource>> ApprenticesAsync(string? uln, string? familyName, long after, int limit, CancellationToken cancellationToken)
    {
        var scope = Grant.Scope;
        var query = db.Apprentices.AsNoTracking().Where(a => a.OrganisationId == scope.OrganisationId && a.Id > after);
        if (!string.IsNullOrWhiteSpace(uln))
        {
            var value = uln.Trim();
            query = query.Where(a => a.Uln == value);
        }

        if (!string.IsNullOrWhiteSpace(familyName))
        {
            var value = familyName.Trim();
            query = query.Where(a => a.FamilyName == value);
        }

        var rows = await query.OrderBy(a => a.Id).Take(limit + 1).Select(ApprenticeProjection).ToListAsync(cancellationToken);
        var page = rows.Take(limit).Where(a => scope.CoversApprentice(a.EmployerOrganisationId)).ToList();
        return new Page<ApprenticeResource>(page, rows.Count > limit ? ApiCursor.Encode(rows[limit - 1].Id) : null);
    }

    public async Task<ApprenticeResource?> ApprenticeAsync(int id, CancellationToken cancellationToken)
    {
        var apprentice = await db.Apprentices.AsNoTracking().Where(a => a.Id == id).Select(ApprenticeProjection).SingleOrDefaultAsync(cancellationToken);
        return apprentice is not null && Grant.Scope.CoversApprentice(apprentice.EmployerOrganisationId) ? apprentice : null;
    }

    /// <summary>A strong ETag of the apprentice's details: it changes whenever anything the API shows changes.</summary>
    public static string ETagOf(ApprenticeResource apprentice)
    {
        var text = string.Join('\u001f', apprentice.Uln, apprentice.GivenNames, apprentice.FamilyName, apprentice.Email,
            apprentice.DateOfBirth?.ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty, apprentice.StartDate.ToString("O", System.Globalization.CultureInfo.InvariantCulture), apprentice.EmployerOrganisationId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return "\"" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32] + "\"";
    }

    public async Task<ApiOutcome<ApprenticeResource>> CreateApprenticeAsync(ApprenticeCreateRequest request, CancellationToken cancellationToken)
    {
        var employerId = request.EmployerOrganisationId ?? Grant.Scope.OrganisationId;
        if (!ApiPermissions.MayRegister(Grant, employerId))
        {
            return ApiOutcome.Fail<ApprenticeResource>(StatusCodes.Status422UnprocessableEntity, "This client may add apprentices of its own organisation only: leave employerOrganisationId out, or give your organisation's id.");
        }

        var uln = request.Uln!.Trim();
        if (await db.Apprentices.AnyAsync(a => a.Uln == uln, cancellationToken))
        {
            return ApiOutcome.Fail<ApprenticeResource>(StatusCodes.Status409Conflict, $"An apprentice with the ULN {uln} is already registered with the assessment organisation.");
        }

        var apprentice = new Apprentice(uln, request.GivenNames!.Trim(), request.FamilyName!.Trim(), request.Email!.Trim(), employerId, request.StartDate!.Value)
        {
            DateOfBirth = request.DateOfBirth,
        };
        db.Apprentices.Add(apprentice);
        audit.Add("ApprenticeCreated", null, $"{apprentice.FullName}, ULN {uln} (through the API)");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return ApiOutcome.Fail<ApprenticeResource>(StatusCodes.Status409Conflict, $"An apprentice with the ULN {uln} is already registered with the assessment organisation.");
        }

        return ApiOutcome.Ok((await ApprenticeAsync(apprentice.Id, cancellationToken))!, StatusCodes.Status201Created);
    }

    public async Task<ApiOutcome<ApprenticeResource>> UpdateApprenticeAsync(int id, string? ifMatch, ApprenticeUpdateRequest request, CancellationToken cancellationToken)
    {
        var apprentice = await db.Apprentices.Include(a => a.Organisation).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (apprentice is null || !Grant.Scope.CoversApprentice(apprentice.OrganisationId))
        {
            return ApiOutcome.Fail<ApprenticeResource>(StatusCodes.Status404NotFound, "No apprentice of your organisation has this id.");
        }

        var current = Resource(apprentice);
        if (string.IsNullOrEmpty(ifMatch))
        {
            return ApiOutcome.Fail<ApprenticeResource>(StatusCodes.Status428PreconditionRequired, "Send the apprentice's ETag (from GET) in an If-Match header, so a change made meanwhile is not overwritten.");
        }

        if (ifMatch.Trim() != "*" && !ifMatch.Split(',').Select(t => t.Trim()).Contains(ETagOf(current), StringComparer.Ordinal))
        {
            return ApiOutcome.Fail<ApprenticeResource>(StatusCodes.Status412PreconditionFailed, "The apprentice was changed since you read it: read it again (GET) and send the new ETag.");
        }

        apprentice.GivenNames = request.GivenNames!.Trim();
        apprentice.FamilyName = request.FamilyName!.Trim();
        apprentice.Email = request.Email!.Trim();
        apprentice.DateOfBirth = request.DateOfBirth;
        audit.Add("ApprenticeUpdated", null, $"{apprentice.FullName}, ULN {apprentice.Uln} (through the API)");
        await db.SaveChangesAsync(cancellationToken);
        return ApiOutcome.Ok(Resource(apprentice));
    }

    public async Task<Page<RegistrationResource>> RegistrationsAsync(string? status, string? uln, long after, int limit, CancellationToken cancellationToken)
    {
        var scope = Grant.Scope;
        var query = db.Cases.AsNoTracking().Where(c => c.Apprentice!.OrganisationId == scope.OrganisationId && c.Id > after);
        if (Enum.TryParse<CaseState>(status, ignoreCase: false, out var state))
        {
            query = query.Where(c => c.State == state);
        }

        if (!string.IsNullOrWhiteSpace(uln))
        {
            var value = uln.Trim();
            query = query.Where(c => c.Apprentice!.Uln == value);
        }

        var rows = await Project(query.OrderBy(c => c.Id).Take(limit + 1)).ToListAsync(cancellationToken);
        var page = rows.Take(limit).Where(r => Relation(r) == CaseRelation.OrganisationClient).Select(ToResource).ToList();
        return new Page<RegistrationResource>(page, rows.Count > limit ? ApiCursor.Encode(rows[limit - 1].Id) : null);
    }

    public async Task<RegistrationResource?> RegistrationAsync(int caseId, CancellationToken cancellationToken)
    {
        var row = await Project(db.Cases.AsNoTracking().Where(c => c.Id == caseId)).SingleOrDefaultAsync(cancellationToken);
        return row is not null && Relation(row) == CaseRelation.OrganisationClient ? ToResource(row) : null;
    }

    public async Task<ApiOutcome<RegistrationResource>> RegisterAsync(RegistrationCreateRequest request, CancellationToken cancellationToken)
    {
        var uln = request.Uln!.Trim();
        var reference = request.Standard!.Trim().ToUpperInvariant();
        var version = request.Version!.Trim();

        // One command: the apprentice's organisation and the standard version's id.
        var apprentice = await db.Apprentices.AsNoTracking().Where(a => a.Uln == uln)
            .Select(a => new
            {
                a.OrganisationId,
                VersionId = db.StandardVersions.Where(v => v.Standard!.Reference == reference && v.Version == version).Select(v => (int?)v.Id).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (apprentice is null || !ApiPermissions.MayRegister(Grant, apprentice.OrganisationId))
        {
            return ApiOutcome.Fail<RegistrationResource>(StatusCodes.Status422UnprocessableEntity, $"No apprentice of your organisation has the ULN {uln}: add the apprentice first (POST /api/v1/apprentices).");
        }

        var versionId = apprentice.VersionId;
        if (versionId is null)
        {
            return ApiOutcome.Fail<RegistrationResource>(StatusCodes.Status422UnprocessableEntity, $"The assessment organisation does not assess {reference} version {version}.");
        }

        // The same path as the admin's registration: the case workflow decides, the audit entry and the e-mail are saved with it.
        var (caseId, problems) = await cases.RegisterAsync(new CreateCaseInput { Uln = uln, StandardVersionId = versionId }, cancellationToken);
        if (caseId is null)
        {
            return ApiOutcome.Fail<RegistrationResource>(StatusCodes.Status422UnprocessableEntity, string.Join(" ", problems));
        }

        return ApiOutcome.Ok((await RegistrationAsync(caseId.Value, cancellationToken))!, StatusCodes.Status201Created);
    }

    /// <summary>The case's released results (the results export's rows: released attempts only).</summary>
    public async Task<ResultResource> ResultAsync(int caseId, CancellationToken cancellationToken)
    {
        var export = await results.BuildAsync(caseId, cancellationToken);
        return new ResultResource(caseId, export.Rows.Where(r => r.CaseId == caseId).OrderBy(r => r.Attempt)
            .Select(r => new ReleasedAttempt(r.Attempt, r.AttemptKind.ToString(), r.EpaDate, r.Passed ? "pass" : "fail", r.Grade.ToString(), r.AchievementDate))
            .ToList());
    }

    private static readonly System.Linq.Expressions.Expression<Func<Apprentice, ApprenticeResource>> ApprenticeProjection =
        a => new ApprenticeResource(a.Id, a.Uln, a.GivenNames, a.FamilyName, a.Email, a.DateOfBirth, a.StartDate, a.OrganisationId, a.Organisation!.Name);

    private static ApprenticeResource Resource(Apprentice a) =>
        new(a.Id, a.Uln, a.GivenNames, a.FamilyName, a.Email, a.DateOfBirth, a.StartDate, a.OrganisationId, a.Organisation?.Name ?? string.Empty);

    private IQueryable<RegistrationRow> Project(IQueryable<EpaCase> query) =>
        query.Select(c => new RegistrationRow(
            c.Id,
            c.ApprenticeId,
            c.Apprentice!.Uln,
            c.Apprentice.UserId,
            c.Apprentice.OrganisationId,
            c.Apprentice.Organisation!.Name,
            c.StandardVersion!.Standard!.Reference,
            c.StandardVersion.Version,
            c.State,
            c.Attempt,
            c.AttemptKind,
            c.IsOnHold,
            c.CreatedAt,
            c.StateChangedAt,
            c.GatewaySubmittedAt,
            c.GatewayApprovedAt,
            db.Interviews.Where(i => i.CaseId == c.Id && i.Attempt == c.Attempt).OrderByDescending(i => i.Id).Select(i => (DateTimeOffset?)i.StartsAt).FirstOrDefault(),
            c.ResultReleasedAt,
            c.AppealDeadline,
            c.CertificateRequestedAt));

    private CaseRelation Relation(RegistrationRow row) =>
        CaseRelations.Of(Actor, (string?)null, new CaseParties(row.ApprenticeUserId, row.OrganisationId, row.OrganisationName));

    private static RegistrationResource ToResource(RegistrationRow row)
    {
        var view = CaseVisibility.For(CaseRelation.OrganisationClient, new VisibilityContext(row.State, false, false, row.ResultReleasedAt is not null));
        return new RegistrationResource(row.Id, row.ApprenticeId, row.Uln, row.Reference, row.Version, row.State.ToString(), DisplayNames.Of(row.State),
            row.Attempt, row.AttemptKind.ToString(), row.IsOnHold,
            new RegistrationDates(row.CreatedAt, row.StateChangedAt, row.GatewaySubmittedAt, row.GatewayApprovedAt,
                view.InterviewBooking ? row.InterviewAt : null, view.Result ? row.ResultReleasedAt : null, view.Result ? row.AppealDeadline : null, row.CertificateRequestedAt));
    }

    private sealed record RegistrationRow(
        int Id, int ApprenticeId, string Uln, string? ApprenticeUserId, int OrganisationId, string OrganisationName, string Reference, string Version,
        CaseState State, int Attempt, AttemptKind AttemptKind, bool IsOnHold, DateTimeOffset CreatedAt, DateTimeOffset StateChangedAt,
        DateTimeOffset? GatewaySubmittedAt, DateTimeOffset? GatewayApprovedAt, DateTimeOffset? InterviewAt, DateTimeOffset? ResultReleasedAt,
        DateTimeOffset? AppealDeadline, DateTimeOffset? CertificateRequestedAt);
}
