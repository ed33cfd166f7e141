using System.Globalization;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Integrations;
using EpaPortal.Domain.Organisations;
using EpaPortal.Web.Data;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Features.Results;
using EpaPortal.Web.Infrastructure;
using EpaPortal.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Api.National;

/// <summary>One released case on the national-service page, with where its submission stands.</summary>
public sealed record NationalCaseRow(int CaseId, string ApprenticeName, string Uln, string Standard, string Grade, string? AchievementDate, IReadOnlyList<NationalStepState> Steps)
{
    public bool Complete => Steps.Count > 0 && Steps.All(s => s.Status == NationalSubmissionStatus.Accepted);

    public bool Started => Steps.Any(s => s.Status is not null);
}

/// <summary>Where one step stands: its latest submission's status, reference and errors (null status: not sent yet).</summary>
public sealed record NationalStepState(NationalStep Step, NationalSubmissionStatus? Status, string? Reference, IReadOnlyList<string> Errors, string? At);

public sealed record NationalPageViewModel(bool Configured, IReadOnlyList<NationalCaseRow> Cases);

public sealed record NationalCaseViewModel(bool Configured, NationalCaseRow Case, IReadOnlyList<NationalSubmission> History);

/// <summary>
/// Sends released results to the national apprenticeship assessment service, step by step: the learner looked up
/// by ULN, family name and standard; the EPA record with every released attempt; for a Pass or better the
/// certificate, then its submission. Each step's outcome is kept; sending again resumes at the first step not yet
/// accepted. The domain's rules are checked first, so a record the service would refuse is not sent.
/// </summary>
public sealed class NationalSubmissionService(
    PortalDbContext db,
    ResultsExport results,
    INationalAssessmentService service,
    CurrentUser currentUser,
    AuditLog audit,
    TimeProvider clock)
{
    public bool Configured => service.IsConfigured;

    public async Task<NationalPageViewModel> PageAsync(CancellationToken cancellationToken)
    {
        var export = await results.BuildAsync(cancellationToken: cancellationToken);
        var history = await db.NationalSubmissions.AsNoTracking().OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var rows = export.Rows.GroupBy(r => r.CaseId)
            .Select(g => Row(g.OrderBy(r => r.Attempt).ToList(), history.Where(h => h.CaseId == g.Key).ToList()))
            .OrderBy(r => r.Complete).ThenBy(r => r.ApprenticeName, StringComparer.OrdinalIgnoreCase)
            .ToList();
        return new NationalPageViewModel(service.IsConfigured, rows);
    }

    public async Task<NationalCaseViewModel?> CaseAsync(int caseId, CancellationToken cancellationToken)
    {
        var export = await results.BuildAsync(caseId, cancellationToken);
        var attempts = export.Rows.Where(r => r.CaseId == caseId).OrderBy(r => r.Attempt).ToList();
        if (attempts.Count == 0)
        {
            return null;
        }

        var history = await db.NationalSubmissions.AsNoTracking().Where(s => s.CaseId == caseId).OrderBy(s => s.Id).ToListAsync(cancellationToken);
        return new NationalCaseViewModel(service.IsConfigured, Row(attempts, history), history.OrderByDescending(h => h.Id).ToList());
    }

    /// <summary>Sends (or resumes sending) the case's result; null when the case has no released result.</summary>
    public async Task<IReadOnlyList<NationalSubmission>?> SendAsync(int caseId, CancellationToken cancellationToken)
    {
        var export = await results.BuildAsync(caseId, cancellationToken);
        var attempts = export.Rows.Where(r => r.CaseId == caseId).OrderBy(r => r.Attempt).ToList();
        if (attempts.Count == 0)
        {
            return null;
        }

        var history = await db.NationalSubmissions.AsNoTracking().Where(s => s.CaseId == caseId).OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var organisation = await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => c.Apprentice!.Organisation!.Name).SingleAsync(cancellationToken);
        var latest = attempts[^1];
        var today = DateOnly.FromDateTime(UkTime.ToUk(clock.GetUtcNow()).DateTime);
        var uln = long.Parse(latest.Uln, NumberStyles.None, CultureInfo.InvariantCulture);
        var standard = new NsStandard(null, latest.StandardReference);
        var learner = new NsLearner(uln, latest.FamilyName);
        var added = new List<NationalSubmission>();

        NationalSubmission Record(NationalStep step, NationalSubmissionStatus status, string? reference, IReadOnlyList<string> errors)
        {
            var row = new NationalSubmission(caseId, step, status, reference, errors, clock.GetUtcNow(), currentUser.Id, currentUser.DisplayName);
            db.NationalSubmissions.Add(row);
            added.Add(row);
            return row;
        }

        string? Accepted(NationalStep step) => history.LastOrDefault(h => h.Step == step && h.Status == NationalSubmissionStatus.Accepted) is { } done ? done.Reference ?? string.Empty : null;

        try
        {
            if (!service.IsConfigured)
            {
                Record(NationalStep.LearnerLookup, NationalSubmissionStatus.Failed, null, ["The national service is not configured: set NationalService:BaseUrl and NationalService:SubscriptionKey."]);
                return added;
            }

            if (Accepted(NationalStep.LearnerLookup) is null)
            {
                var found = await service.GetLearnerAsync(latest.Uln, latest.FamilyName, latest.StandardReference, cancellationToken);
                if (Record(NationalStep.LearnerLookup, StatusOf(found.Status), null, found.Errors).Status != NationalSubmissionStatus.Accepted)
                {
                    return added;
                }
            }

            if (Accepted(NationalStep.EpaRecord) is null)
            {
                var epas = attempts.Select(a => NationalServiceRules.Attempt(a.EpaDate, a.Grade, a.AttemptKind)).ToList();
                var problems = NationalServiceRules.CheckEpaRecord(epas, today);
                if (problems.Count > 0)
                {
                    Record(NationalStep.EpaRecord, NationalSubmissionStatus.Rejected, null, problems);
                    return added;
                }

                var sent = await service.CreateEpaRecordAsync(new CreateEpaRequest(RequestId(caseId, NationalStep.EpaRecord), standard, learner,
                    new NsLearningDetails(null, null, null, latest.StandardVersion),
                    new NsEpaDetails(null, epas.Select(e => new NsEpaRecord(e.EpaDate.ToDateTime(TimeOnly.MinValue), e.Outcome.ToString().ToLowerInvariant(), e.Resit, e.Retake)).ToList())), cancellationToken);
                if (Record(NationalStep.EpaRecord, StatusOf(sent.Status), sent.Value?.EpaReference, sent.Errors).Status != NationalSubmissionStatus.Accepted)
                {
                    return added;
                }
            }

            // A Fail is an EPA outcome only: no certificate (domain.md section 9).
            if (NationalServiceRules.CertificateGrade(latest.Grade) is not { } grade)
            {
                return added;
            }

            var certificateReference = Accepted(NationalStep.Certificate);
            if (certificateReference is null)
            {
                var toEmployer = latest.CertificateRecipient == CertificateRecipient.Employer;
                var contact = PostalContact.FromAddress(toEmployer ? organisation : $"{latest.GivenNames} {latest.FamilyName}", toEmployer ? organisation : null, latest.PostalAddress);
                var problems = NationalServiceRules.CheckCertificate(latest.Grade, latest.AchievementDate, contact, today);
                if (problems.Count > 0)
                {
                    Record(NationalStep.Certificate, NationalSubmissionStatus.Rejected, null, problems);
                    return added;
                }

                var created = await service.CreateCertificateAsync(new CreateCertificateRequest(RequestId(caseId, NationalStep.Certificate), standard, learner,
                    new NsLearningDetails(null, grade, latest.AchievementDate!.Value.ToDateTime(TimeOnly.MinValue), latest.StandardVersion),
                    new NsPostalContact(contact!.ContactName, null, contact.Organisation, contact.AddressLine1, contact.AddressLine2, contact.AddressLine3, contact.City, contact.PostCode)), cancellationToken);
                certificateReference = created.Value?.Certificate?.CertificateData?.CertificateReference;
                var status = StatusOf(created.Status);
                if (status == NationalSubmissionStatus.Accepted && string.IsNullOrEmpty(certificateReference))
                {
                    Record(NationalStep.Certificate, NationalSubmissionStatus.Failed, null, ["The national service accepted the certificate but gave no certificate reference."]);
                    return added;
                }

                if (Record(NationalStep.Certificate, status, certificateReference, created.Errors).Status != NationalSubmissionStatus.Accepted)
                {
                    return added;
                }
            }

            if (Accepted(NationalStep.CertificateSubmit) is null)
            {
                var submitted = await service.SubmitCertificateAsync(new SubmitCertificateRequest(RequestId(caseId, NationalStep.CertificateSubmit), uln, null, latest.StandardReference, latest.FamilyName, certificateReference!), cancellationToken);
                Record(NationalStep.CertificateSubmit, StatusOf(submitted.Status), submitted.Value?.Certificate?.CertificateData?.CertificateReference ?? certificateReference, submitted.Errors);
            }

            return added;
        }
        finally
        {
            if (added.Count > 0)
            {
                audit.Add("NationalServiceSubmission", caseId, string.Join("; ", added.Select(a => $"{DisplayNames.Words(a.Step.ToString())}: {DisplayNames.Words(a.Status.ToString()).ToLowerInvariant()}")));
                await db.SaveChangesAsync(CancellationToken.None);
            }
        }
    }

    private static NationalSubmissionStatus StatusOf(NationalCallStatus status) => status switch
    {
        NationalCallStatus.Ok => NationalSubmissionStatus.Accepted,
        NationalCallStatus.Rejected or NationalCallStatus.NotFound => NationalSubmissionStatus.Rejected,
        _ => NationalSubmissionStatus.Failed,
    };

    private static string RequestId(int caseId, NationalStep step) =>
        string.Create(CultureInfo.InvariantCulture, $"epaportal-{caseId}-{step}-{Guid.NewGuid().ToString("N")[..8]}");

    private static NationalCaseRow Row(IReadOnlyList<ExportRow> attempts, IReadOnlyList<NationalSubmission> history)
    {
        var latest = attempts[^1];
        var steps = new List<NationalStep> { NationalStep.LearnerLookup, NationalStep.EpaRecord };
        if (NationalServiceRules.CertificateGrade(latest.Grade) is not null)
        {
            steps.Add(NationalStep.Certificate);
            steps.Add(NationalStep.CertificateSubmit);
        }

        return new NationalCaseRow(latest.CaseId, $"{latest.GivenNames} {latest.FamilyName}", latest.Uln,
            DisplayNames.StandardVersion(latest.StandardReference, latest.StandardVersion), latest.Grade.ToString(),
            latest.AchievementDate is { } date ? UkTime.Date(date) : null,
            steps.Select(step =>
            {
                // An accepted step stays accepted; otherwise its latest try stands.
                var last = history.LastOrDefault(h => h.Step == step && h.Status == NationalSubmissionStatus.Accepted) ?? history.LastOrDefault(h => h.Step == step);
                return new NationalStepState(step, last?.Status, last?.Reference, last?.ErrorList ?? [], last is null ? null : UkTime.DateTime(last.At));
            }).ToList());
    }
}
