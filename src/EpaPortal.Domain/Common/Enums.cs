namespace EpaPortal.Domain.Common;

/// <summary>The overall EPA outcome. Fail is an EPA outcome, not a certificate grade.</summary>
public enum Grade
{
    Fail = 0,
    Pass = 1,
    Merit = 2,
    Distinction = 3,
}

/// <summary>The four assessment methods of the ST0128 plan.</summary>
public enum AssessmentMethod
{
    Portfolio,
    Project,
    EmployerReference,
    Interview,
}

/// <summary>How an attempt came about (domain.md section 2).</summary>
public enum AttemptKind
{
    First,
    Resit,
    Retake,
}
