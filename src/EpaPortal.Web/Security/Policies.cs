namespace EpaPortal.Web.Security;

/// <summary>Authorization policy names used on controllers (never role strings).</summary>
public static class Policies
{
    public const string Apprentice = "Apprentice";
    public const string Employer = "Employer";
    public const string Assessor = "Assessor";
    public const string QualityAssurer = "QualityAssurer";
    public const string Admin = "Admin";
    public const string Provider = "Provider";

    /// <summary>Assessment organisation staff: assessors, quality assurers and admins.</summary>
    public const string Staff = "Staff";

    /// <summary>QA leads, who set the IQA sampling plans (issue 21, item 4). Admins for now (ADR 0024): a
    /// separate role can be granted later by changing this one policy.</summary>
    public const string QaLead = "QaLead";

    /// <summary>Management information (issue 21): the roles the domain's <c>ManagementReports.ReaderRoles</c> names.</summary>
    public const string Reports = "Reports";
}
