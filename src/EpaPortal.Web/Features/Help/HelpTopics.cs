using System.Text.RegularExpressions;

namespace EpaPortal.Web.Features.Help;

/// <summary>A place in a role's guide: the guide's name (guide-{Guide}.md) and the id of a heading in it (null: the top).</summary>
public sealed record HelpTopic(string Guide, string? Anchor);

/// <summary>
/// Which section of which guide answers a page (issue 25, item 7): a table of the portal's addresses, most
/// specific first, and otherwise the guide of the person's role. The anchors are the ids the guide's headings
/// get when rendered (GitHub style); a test renders every guide and checks each anchor exists.
/// </summary>
public static partial class HelpTopics
{
    /// <summary>The guides served inside the portal.</summary>
    public static readonly IReadOnlyList<string> Guides = ["apprentice", "employer", "provider", "assessor", "quality-assurer", "admin", "admin-results"];

    private static readonly (Regex Path, HelpTopic Topic)[] Table =
    [
        (Path(@"^/assessor/cases/\d+/judgement"), new("assessor", "7-record-the-final-judgement")),
        (Path(@"^/assessor/cases/\d+/interview"), new("assessor", "5-book-the-interview")),
        (Path(@"^/assessor/cases/\d+/notes"), new("assessor", "4-write-your-pre-interview-notes")),
        (Path(@"^/assessor/cases/\d+/brief"), new("assessor", "2-set-the-project-brief-and-window")),
        (Path(@"^/assessor/cases/\d+"), new("assessor", "3-review-the-case")),
        (Path(@"^/assessor/(calendar|availability)"), new("assessor", "your-calendar-and-availability")),
        (Path(@"^/assessor/?$"), new("assessor", "1-find-your-cases-the-caseload")),
        (Path(@"^/quality/cases/\d+"), new("quality-assurer", "the-case-page")),
        (Path(@"^/quality"), new("quality-assurer", "what-comes-to-you")),
        (Path(@"^/apprentice/portfolio"), new("apprentice", "build-your-portfolio")),
        (Path(@"^/apprentice/project"), new("apprentice", "your-synoptic-project")),
        (Path(@"^/apprentice/result"), new("apprentice", "your-result")),
        (Path(@"^/apprentice/?$"), new("apprentice", "your-dashboard-where-you-are-and-what-to-do-next")),
        (Path(@"^/employer/cases/\d+/reference"), new("employer", "write-the-employer-reference")),
        (Path(@"^/employer/cases/\d+/gateway"), new("employer", "submit-the-gateway")),
        (Path(@"^/employer/cases/\d+/entry-requirements"), new("employer", "record-entry-requirements")),
        (Path(@"^/employer/cases/\d+/adjustments"), new("employer", "ask-for-reasonable-adjustments")),
        (Path(@"^/employer/cases/\d+"), new("employer", "one-apprentices-case")),
        (Path(@"^/employer/?$"), new("employer", "your-apprentices")),
        (Path(@"^/provider/register"), new("provider", "register-an-apprentice-for-the-epa")),
        (Path(@"^/provider/cases/\d+"), new("provider", "one-apprentices-case")),
        (Path(@"^/provider/?$"), new("provider", "your-apprentices")),
        (Path(@"^/admin/results"), new("admin-results", "releasing-results-adminresults")),
        (Path(@"^/admin/cases/\d+/appeal|^/admin/appeals"), new("admin-results", "appeals-adminappeals-admincasesidappeal")),
        (Path(@"^/admin/cases"), new("admin", "cases-admincases")),
        (Path(@"^/admin/apprentices"), new("admin", "apprentices-adminapprentices")),
        (Path(@"^/admin/users"), new("admin", "users-and-invitations-adminusers")),
        (Path(@"^/admin/standards"), new("admin", "standards-adminstandards")),
        (Path(@"^/admin/audit"), new("admin", "audit-log-adminaudit")),
        (Path(@"^/admin/outbox"), new("admin", "e-mail-outbox-adminoutbox")),
        (Path(@"^/admin/(api-clients|webhooks|national-service)"), new("admin", "integrations-adminapi-clients-adminwebhooks-adminnational-service")),
        (Path(@"^/admin/?$"), new("admin", "the-dashboard-admin")),
    ];

    /// <summary>The section for <paramref name="path"/>, or the top of the role's guide; null for someone with no guide.</summary>
    public static HelpTopic? For(string path, string? roleGuide)
    {
        foreach (var (pattern, topic) in Table)
        {
            if (pattern.IsMatch(path))
            {
                return topic;
            }
        }

        return roleGuide is null ? null : new HelpTopic(roleGuide, null);
    }

    /// <summary>Every section the table names, for the test that checks them against the rendered guides.</summary>
    public static IEnumerable<HelpTopic> All => Table.Select(t => t.Topic);

    private static Regex Path(string pattern) => new(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
}
