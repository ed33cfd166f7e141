using System.Net;
using EpaPortal.Web.Tests.Infrastructure;

namespace EpaPortal.Web.Tests.Foundation;

[Trait(Category.Name, Category.Integration)]
[Trait(Category.Name, Category.Security)]
public class RoleDashboardTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly Dictionary<string, string> DashboardOf = new(StringComparer.Ordinal)
    {
        [Demo.Apprentice] = "/apprentice",
        [Demo.Employer] = "/employer",
        [Demo.Assessor] = "/assessor",
        [Demo.QualityAssurer] = "/quality",
        [Demo.Admin] = "/admin",
    };

    public static TheoryData<string> Users() => new(DashboardOf.Keys);

    [Theory]
    [MemberData(nameof(Users))]
    public async Task Home_SendsEachRoleToItsDashboard(string email)
    {
        using var client = await factory.SignInAsync(email);

        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal(DashboardOf[email], home.Headers.Location!.OriginalString);

        var dashboard = await client.GetAsync(DashboardOf[email]);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Users))]
    public async Task OtherRolesDashboards_AreForbidden(string email)
    {
        using var client = await factory.SignInAsync(email);
        foreach (var (owner, path) in DashboardOf.Where(d => d.Key != email))
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{email} reached {path} (the dashboard of {owner}): {(int)response.StatusCode}");
            var body = await response.Content.ReadAsStringAsync();
            Assert.Contains("You do not have access to this page", body, StringComparison.Ordinal);
        }
    }
}
