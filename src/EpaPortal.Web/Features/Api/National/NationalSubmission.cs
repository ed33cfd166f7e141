namespace EpaPortal.Web.Features.Api.National;

/// <summary>The steps of sending a released result to the national apprenticeship assessment service.</summary>
public enum NationalStep
{
    /// <summary>The learner found by ULN, family name and standard.</summary>
    LearnerLookup,

    /// <summary>The EPA record: every released attempt with its date and outcome.</summary>
    EpaRecord,

    /// <summary>The certificate request (Pass, Merit or Distinction only).</summary>
    Certificate,

    /// <summary>The certificate submitted for printing.</summary>
    CertificateSubmit,
}

public enum NationalSubmissionStatus
{
    /// <summary>The service accepted the step.</summary>
    Accepted,

    /// <summary>The service (or the portal's check before sending) refused it with validation errors.</summary>
    Rejected,

    /// <summary>The service could not be reached or failed (after the client's retries): try again later.</summary>
    Failed,
}

/// <summary>One step of one attempt to send a case's result to the national service, with what came back.</summary>
public class NationalSubmission
{
    public const int ReferenceLength = 100;
    public const int ErrorsLength = 4000;

    private NationalSubmission()
    {
        ById = ByName = string.Empty;
    }

    public NationalSubmission(int caseId, NationalStep step, NationalSubmissionStatus status, string? reference, IReadOnlyList<string> errors, DateTimeOffset at, string byId, string byName)
    {
        CaseId = caseId;
        Step = step;
        Status = status;
        Reference = reference;
        var text = string.Join('\n', errors);
        Errors = text.Length == 0 ? null : text.Length > ErrorsLength ? text[..ErrorsLength] : text;
        At = at;
        ById = byId;
        ByName = byName;
    }

    public long Id { get; private set; }

    public int CaseId { get; private set; }

    public NationalStep Step { get; private set; }

    public NationalSubmissionStatus Status { get; private set; }

    /// <summary>The service's reference: the EPA reference or the certificate reference.</summary>
    public string? Reference { get; private set; }

    /// <summary>The service's validation errors (or the failure), one per line.</summary>
    public string? Errors { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string ById { get; private set; }

    public string ByName { get; private set; }

    public IReadOnlyList<string> ErrorList => Errors?.Split('\n') ?? [];
}
