using EpaPortal.Domain.Access;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Web.Data;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Features.Gateway;
using EpaPortal.Web.Infrastructure;
using EpaPortal.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Provider;

/// <summary>
/// The training provider's view of the cases that name it (issue 19). Lists are read by the provider's
/// organisation (index IX_Cases_ProviderOrganisationId_State) and every row is kept only if the domain's
/// relation and permission rules agree; the result is loaded only once released.
/// </summary>
public sealed class ProviderService(PortalDbContext db, CurrentUser currentUser, CaseCommands commands, CaseWorkflow workflow, GatewayService gatewayService)
{
    public const int PageSize = 25;

    /// <summary>
    /// The provider's open cases (those waiting for its co-signature first, then by name) or, with
    /// <paramref name="closed"/>, its finished ones (most recently finished first), a page of each at a time.
    /// </summary>
    public async Task<ProviderDashboardViewModel> DashboardAsync(int page, bool closed, CancellationToken cancellationToken)
    {
        var organisationId = currentUser.OrganisationId;
        if (organisationId is null)
        {
            return new ProviderDashboardViewModel(null, [], 1, 1, 0) { Closed = closed };
        }

        var organisationName = await db.Organisations.AsNoTracking().Where(o => o.Id == organisationId).Select(o => o.Name).SingleOrDefaultAsync(cancellationToken);
        var cases = db.Cases.AsNoTracking().Where(c => c.ProviderOrganisationId == organisationId);
        var listed = closed ? cases.WhereClosed() : cases.WhereOpen();
        var total = await listed.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pageCount);
        var ordered = closed
            ? listed.OrderByDescending(c => c.StateChangedAt).ThenByDescending(c => c.Id)
            : listed
                .OrderByDescending(c => (c.State == CaseState.Registered || c.State == CaseState.GatewayRejected) && c.ProviderGatewaySignedAt == null && !c.IsOnHold)
                .ThenBy(c => c.Apprentice!.FamilyName).ThenBy(c => c.Apprentice!.GivenNames).ThenBy(c => c.Id);
        var rows = await ordered
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(c => new
            {
                c.Id,
                c.State,
                c.IsOnHold,
                c.AssessorId,
                c.ProviderOrganisationId,
                c.ProviderGatewaySignedAt,
                c.PlannedGatewayDate,
                c.Apprentice!.UserId,
                c.Apprentice.GivenNames,
                c.Apprentice.FamilyName,
                c.Apprentice.Uln,
                c.Apprentice.OrganisationId,
                EmployerName = c.Apprentice.Organisation!.Name,
                c.StandardVersion!.Standard!.Reference,
                c.StandardVersion.Version,
            })
            .ToListAsync(cancellationToken);

        var actor = currentUser.ToActor();
        var list = new List<ProviderCaseRow>();
        foreach (var row in rows)
        {
            // The list query and the domain agree on who a provider's apprentices are; the domain has the last word.
            var relation = CaseRelations.Of(actor, row.AssessorId, new CaseParties(row.UserId, row.OrganisationId, row.EmployerName, row.ProviderOrganisationId));
            var view = CaseVisibility.For(relation, new VisibilityContext(row.State, false, false, false));
            if (!CasePermissions.Allows(CaseOperation.ActAsProvider, relation, view))
            {
                continue;
            }

            list.Add(new ProviderCaseRow(
                row.Id,
                $"{row.GivenNames} {row.FamilyName}",
                row.Uln,
                row.EmployerName,
                DisplayNames.StandardVersion(row.Reference, row.Version),
                DisplayNames.Of(row.State),
                row.IsOnHold,
                AwaitsCoSignature(row.State, row.IsOnHold, row.ProviderGatewaySignedAt),
                row.PlannedGatewayDate is { } planned ? UkTime.Date(planned) : null));
        }

        return new ProviderDashboardViewModel(organisationName, list, page, pageCount, total) { Closed = closed };
    }

    /// <summary>The provider's page of one case, in two commands besides the case's access row (the case, its gateway evidence files).</summary>
    public async Task<ProviderCaseViewModel> CaseAsync(CaseAccessInfo info, CoSignInput? input, IReadOnlyList<string> problems, CancellationToken cancellationToken) =>
        await CaseAsync(info, input, problems, null, [], [], cancellationToken);

    public async Task<ProviderCaseViewModel> CaseAsync(
        CaseAccessInfo info,
        CoSignInput? input,
        IReadOnlyList<string> problems,
        AgreeNextAttemptInput? agree,
        IReadOnlyList<string> agreeProblems,
        IReadOnlyList<string> evidenceMessages,
        CancellationToken cancellationToken)
    {
        var (caseId, attempt) = (info.CaseId, info.Attempt);
        var page = await db.Cases.AsNoTracking().Where(c => c.Id == caseId)
            .Select(c => new
            {
                c.PlannedGatewayDate,
                c.PortfolioSubmittedAt,
                c.PortfolioConfirmedAt,
                c.ProviderGatewaySignedAt,
                c.ProviderGatewaySignatoryName,
                c.ProviderGatewaySignatoryJobTitle,
                c.ProviderAgreedNextAttempt,
                c.ProviderAgreementAttempt,
                c.ProviderAgreedAt,
                c.ProviderAgreedByName,
                c.SupportiveActionPlan,
                c.SupportiveActionPlanFileId,
                PlanFileName = db.StoredFiles.Where(f => f.Id == c.SupportiveActionPlanFileId && f.CaseId == c.Id).Select(f => f.OriginalFileName).FirstOrDefault(),
                Items = db.EvidenceItems.Count(e => e.CaseId == c.Id && e.RemovedAt == null),
                Gateway = db.GatewaySubmissions.Where(g => g.CaseId == c.Id).OrderByDescending(g => g.SubmittedAt).ThenByDescending(g => g.Id)
                    .Select(g => new { g.SubmittedAt, g.ReviewedAt, g.ProviderSignatoryName, g.ProviderSignatoryJobTitle, g.ProviderSignedAt })
                    .FirstOrDefault(),

                // Released decisions only: an unreleased grade is never loaded for the provider.
                Result = db.GradeDecisions.Where(g => g.CaseId == c.Id && g.Attempt == attempt && g.ReleasedAt != null)
                    .OrderByDescending(g => g.DecidedAt).ThenByDescending(g => g.Id)
                    .Select(g => new { FinalGrade = g.ModeratedGrade ?? g.FinalGrade, g.Feedback, g.ReleasedAt })
                    .FirstOrDefault(),
            })
            .SingleAsync(cancellationToken);

        var result = info.Allows(CaseOperation.ReadResult) && page.Result is { ReleasedAt: { } released } decision
            ? new ProviderResult(decision.FinalGrade.ToString(), decision.Feedback, UkTime.DateTime(released))
            : null;
        // The gateway evidence: each item with the latest file uploaded for it, by the employer or the provider.
        var modules = await gatewayService.ModuleNamesAsync(info, cancellationToken);
        var latest = GatewayFiles.LatestBySlot(await GatewayFiles.OfCaseAsync(db, caseId, info.Parties.ProviderOrganisationId, cancellationToken));
        var evidence = modules.Select((name, i) => ($"module-{i}", $"Certificate: {name}"))
            .Append(("english", "English at level 2")).Append(("maths", "Maths at level 2"))
            .Select(item => latest.TryGetValue(item.Item1, out var file)
                ? new GatewayEvidenceRow(item.Item1, item.Item2, file.Id, file.FileName, file.UploadedBy)
                : new GatewayEvidenceRow(item.Item1, item.Item2, null, null, null))
            .ToList();
        var agreement = page.ProviderAgreedNextAttempt is { } kind && page.ProviderAgreementAttempt == attempt && page.ProviderAgreedAt is { } agreedAt
            ? new NextAttemptAgreementView(DisplayNames.Of(kind), $"{page.ProviderAgreedByName}, {UkTime.DateTime(agreedAt)}", page.SupportiveActionPlan, page.SupportiveActionPlanFileId, page.PlanFileName)
            : null;

        var header = new ProviderCaseHeader(info.CaseId, info.ApprenticeName, info.Uln, info.OrganisationName, info.StandardCode, info.State, info.IsOnHold);
        return new ProviderCaseViewModel(
            header,
            page.PlannedGatewayDate is { } planned ? UkTime.Date(planned) : null,
            page.Items,
            page.PortfolioSubmittedAt is { } submitted ? UkTime.DateTime(submitted) : null,
            page.PortfolioConfirmedAt is { } confirmed ? UkTime.DateTime(confirmed) : null,
            info.Visibility.ReferenceSubmitted,
            page.ProviderGatewaySignedAt is { } signed ? $"{page.ProviderGatewaySignatoryName}, {page.ProviderGatewaySignatoryJobTitle}, on {UkTime.DateTime(signed)}" : null,
            AwaitsCoSignature(info.State, info.IsOnHold, page.ProviderGatewaySignedAt),
            page.Gateway is { } gateway ? UkTime.DateTime(gateway.SubmittedAt) : null,
            page.Gateway is { ProviderSignedAt: { } providerSigned } g2 ? $"{g2.ProviderSignatoryName}, {g2.ProviderSignatoryJobTitle}, on {UkTime.DateTime(providerSigned)}" : null,
            page.Gateway?.ReviewedAt is { } reviewed ? UkTime.DateTime(reviewed) : null,
            result)
        {
            CoSign = input ?? new CoSignInput { Name = currentUser.DisplayName },
            Problems = problems,
            GatewayEvidence = evidence,
            MayUploadEvidence = CaseWorkflow.GatewayEvidenceClosed(info.State, info.IsOnHold) is null,
            EvidenceAccept = gatewayService.Accept,
            EvidenceMessages = evidenceMessages,
            MayAgreeNextAttempt = !info.IsOnHold && info.State == CaseState.FailRecorded,
            Agreement = agreement,
            Agree = agree ?? new AgreeNextAttemptInput { Name = currentUser.DisplayName, Kind = page.ProviderAgreementAttempt == attempt ? page.ProviderAgreedNextAttempt : null, Plan = page.ProviderAgreementAttempt == attempt ? page.SupportiveActionPlan : null },
            AgreeProblems = agreeProblems,
        };
    }

    /// <summary>Records the provider's agreement to a re-sit or a re-take (the domain decides; audited in the same save).</summary>
    public Task<CommandResult> AgreeNextAttemptAsync(CaseSnapshot snapshot, AgreeNextAttemptInput input, CancellationToken cancellationToken) =>
        commands.SaveAsync(workflow.AgreeNextAttempt(snapshot.Case, commands.Actor, snapshot.Facts.Parties, input.Kind, input.Name, input.Plan, planFileId: null), cancellationToken);

    public Task<CommandResult> CoSignAsync(CaseSnapshot snapshot, CoSignInput input, CancellationToken cancellationToken) =>
        commands.SaveAsync(workflow.CoSignGateway(snapshot.Case, commands.Actor, snapshot.Facts.Parties, input.Name, input.JobTitle, input.ReadinessConfirmed), cancellationToken);

    private static bool AwaitsCoSignature(CaseState state, bool onHold, DateTimeOffset? signedAt) =>
        !onHold && state is CaseState.Registered or CaseState.GatewayRejected && signedAt is null;
}
