using EpaPortal.Domain.Cases;
using EpaPortal.Web.Tests.Infrastructure;

namespace EpaPortal.Web.Tests.Performance;

/// <summary>A page under a query budget: who looks at it and where (the same user and URL at both volumes).</summary>
public sealed record BudgetPage(string Name, Func<VolumeFixture, string> Email, Func<VolumeFixture, string> Url, bool IsList);

/// <summary>The pages whose database work must not grow with the data (issue 11).</summary>
public static class BudgetPages
{
    /// <summary>Commands a page may issue besides the sign-in ticket lookup every signed-in request makes.</summary>
    public const int MaxCommands = 5;

    /// <summary>No list renders more rows than this, however many there are.</summary>
    public const int MaxRows = 100;

    public static IReadOnlyList<BudgetPage> All { get; } =
    [
        // The benchmark's baseline: a signed-in action that asks the database nothing of its own.
        new("ping", _ => Demo.Admin, _ => "/bench/ping", IsList: false),

        // The assessor's caseload, for the assessor every template case is allocated to (a generated one).
        new("assessor-caseload", v => v.TemplateAssessorEmail, _ => "/assessor", IsList: true),

        // The admin's list of every case.
        new("admin-cases", _ => Demo.Admin, _ => "/admin/cases", IsList: true),

        // The same lists filtered by state (index State+StateChangedAt, AssessorId+State) and further on.
        new("admin-cases-by-state", _ => Demo.Admin, _ => "/admin/cases?state=CertificateRequested", IsList: true),
        new("admin-cases-later-page", _ => Demo.Admin, _ => "/admin/cases?after=1000", IsList: false),
        new("assessor-caseload-by-state", v => v.TemplateAssessorEmail, _ => "/assessor?state=CertificateRequested", IsList: false),

        // History on request (issue 26): the closed cases, newest first, a keyset page at a time.
        new("assessor-caseload-closed", v => v.TemplateAssessorEmail, _ => "/assessor?show=closed", IsList: true),
        new("assessor-caseload-closed-earliest", v => v.TemplateAssessorEmail, _ => "/assessor?show=closed&sort=closed", IsList: true),
        new("employer-dashboard-closed", _ => Demo.Employer, _ => "/employer?show=closed", IsList: true),

        // The employer's dashboard, for the demo employer (one of the big organisations).
        new("employer-dashboard", _ => Demo.Employer, _ => "/employer", IsList: true),

        // The quality assurer's queue and their own decisions.
        new("qa-queue", _ => Demo.QualityAssurer, _ => "/quality", IsList: false),
        new("qa-decided", _ => Demo.QualityAssurer, _ => "/quality/decided", IsList: false),

        // The audit log, newest first, and filtered by an action (index Action+At).
        new("audit-log", _ => Demo.Admin, _ => "/admin/audit", IsList: true),
        new("audit-log-by-action", _ => Demo.Admin, _ => "/admin/audit?kind=StateChanged", IsList: true),

        // Lists sort (issue 21 item 2): each sortable column of the admin's lists, served by an index (key, id).
        new("audit-log-oldest-first", _ => Demo.Admin, _ => "/admin/audit?sort=at", IsList: true),
        new("admin-apprentices-by-name", _ => Demo.Admin, _ => "/admin/apprentices?sort=-name", IsList: true),
        new("admin-apprentices-by-uln", _ => Demo.Admin, _ => "/admin/apprentices?sort=-uln", IsList: true),
        new("admin-apprentices-by-start", _ => Demo.Admin, _ => "/admin/apprentices?sort=started", IsList: true),
        new("admin-users-by-name", _ => Demo.Admin, _ => "/admin/users?sort=-name", IsList: true),
        new("admin-users-by-email", _ => Demo.Admin, _ => "/admin/users?sort=email", IsList: true),
        new("admin-organisations-by-added", _ => Demo.Admin, _ => "/admin/organisations?sort=-added", IsList: true),

        // The admin's case page, on a case with the whole history.
        new("admin-case", _ => Demo.Admin, v => $"/admin/cases/{v.TemplateCases[CaseState.InterviewCompleted]}", IsList: false),

        // The assessor's case review page, by the case's own assessor.
        new("assessor-case", v => v.TemplateAssessorEmail, v => $"/assessor/cases/{v.TemplateCases[CaseState.InterviewCompleted]}", IsList: false),

        // The apprentice's coverage grid, for an apprentice whose portfolio is submitted.
        new("coverage", v => v.TemplateApprentices[CaseState.GatewaySubmitted], _ => "/apprentice/portfolio/coverage", IsList: false),

        // The read-only portfolio of a case (staff and employers), on a case with the whole history.
        new("case-portfolio", _ => Demo.Admin, v => $"/cases/{v.TemplateCases[CaseState.InterviewCompleted]}/portfolio", IsList: false),

        // Records and privacy (issue 22): the audit chain's page, the retention schedule, exports, and a person's own page.
        new("admin-audit-chain", _ => Demo.Admin, _ => "/admin/audit/chain", IsList: false),
        new("admin-retention", _ => Demo.Admin, _ => "/admin/retention", IsList: false),
        new("admin-privacy-exports", _ => Demo.Admin, _ => "/admin/privacy/exports", IsList: false),
        new("account-privacy", _ => Demo.Employer, _ => "/account/privacy", IsList: false),
    ];

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var page in All)
        {
            data.Add(page.Name);
        }

        return data;
    }

    public static BudgetPage Find(string name) => All.Single(p => p.Name == name);
}
