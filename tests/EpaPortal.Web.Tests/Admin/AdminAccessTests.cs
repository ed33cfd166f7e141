using System.Net;
using EpaPortal.Web.Tests.Infrastructure;

namespace EpaPortal.Web.Tests.Admin;

/// <summary>Every admin screen is for admins only; the conflicts declaration is for assessors only.</summary>
[Trait(Category.Name, Category.Integration)]
[Trait(Category.Name, Category.Security)]
public class AdminAccessTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly string[] AdminPages =
    [
        "/admin", "/admin/cases", "/admin/cases/new", "/admin/cases/1", "/admin/cases/1/allocate", "/admin/cases/1/gateway",
        "/admin/cases/1/withdraw", "/admin/cases/1/hold", "/admin/cases/1/resume", "/admin/cases/1/extension",
        "/admin/users", "/admin/users/invite", "/admin/organisations", "/admin/organisations/new", "/admin/apprentices",
        "/admin/apprentices/new", "/admin/apprentices/import", "/admin/standards", "/admin/standards/import", "/admin/audit", "/admin/conflicts",
    ];

    public static TheoryData<string> NonAdmins() => new([Demo.Apprentice, Demo.Employer, Demo.Assessor, Demo.QualityAssurer]);

    [Theory]
    [MemberData(nameof(NonAdmins))]
    public async Task AdminPages_AreForbiddenToOtherRoles(string email)
    {
        using var client = await factory.SignInAsync(email);
        foreach (var page in AdminPages)
        {
            var response = await client.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{email} got {(int)response.StatusCode} for {page}");
        }
    }

    [Fact]
    public async Task AdminPosts_AreForbiddenToOtherRoles()
    {
        using var client = await factory.SignInAsync(Demo.Assessor);
        var assessor2 = await AdminTestData.UserIdAsync(factory, Demo.Assessor2);
        foreach (var (url, fields) in new (string, KeyValuePair<string, string>[])[]
        {
            ("/admin/cases/1/allocate", [new("assessorId", assessor2)]),
            ("/admin/cases/1/withdraw", [new("Input.Reason", "No.")]),
            ($"/admin/users/{assessor2}/disable", [new("Disable.Reason", "No.")]),
            ("/admin/cases/new", [new("Input.Uln", "1234567899")]),
        })
        {
            var response = await client.PostWithTokenAsync("/assessor/conflicts", url, fields);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"POST {url}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task AdminPages_AnswerAnAdmin()
    {
        using var admin = await factory.SignInAsync(Demo.Admin);
        foreach (var page in AdminPages.Where(p => !p.Contains("/cases/1/", StringComparison.Ordinal) || p.EndsWith("/allocate", StringComparison.Ordinal) || p.EndsWith("/gateway", StringComparison.Ordinal) || p.EndsWith("/withdraw", StringComparison.Ordinal)))
        {
            var response = await admin.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"admin got {(int)response.StatusCode} for {page}");
        }
    }

    [Fact]
    public async Task SignedOut_IsSentToSignIn()
    {
        using var client = factory.CreatePortalClient();
        var response = await client.GetAsync("/admin/cases");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Identity/Account/Login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Demo.Admin)]
    [InlineData(Demo.Employer)]
    public async Task AssessorConflictsPage_IsForAssessorsOnly(string email)
    {
        using var client = await factory.SignInAsync(email);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/assessor/conflicts")).StatusCode);
    }

    [Fact]
    public async Task UnknownCase_AnswersNotFound()
    {
        using var admin = await factory.SignInAsync(Demo.Admin);
        foreach (var page in new[] { "/admin/cases/999999", "/admin/cases/999999/allocate", "/admin/cases/999999/gateway", "/admin/cases/999999/withdraw", "/admin/cases/999999/extension" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(page)).StatusCode);
        }
    }
}
