using System.Net;
using EpaPortal.Web.Tests.Infrastructure;

namespace EpaPortal.Web.Tests.Security;

[Trait(Category.Name, Category.Security)]
public class HeadersTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("/Identity/Account/Login")]
    [InlineData("/health/live")]
    [InlineData("/no-such-page")]
    public async Task EveryResponse_CarriesTheSecurityHeaders(string path)
    {
        using var client = factory.CreatePortalClient();
        var response = await client.GetAsync(path);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task SignedInPages_AreNotCached_AndCarryTheHeaders()
    {
        using var client = await factory.SignInAsync(Demo.Apprentice);
        var response = await client.GetAsync("/apprentice");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertSecurityHeaders(response);
        Assert.True(response.Headers.CacheControl?.NoStore, "A page behind login must be Cache-Control: no-store.");
    }

    [Fact]
    public async Task Hsts_IsSentOutsideDevelopment()
    {
        using var client = factory.CreatePortalClient();
        var response = await client.GetAsync("/Identity/Account/Login");
        Assert.Contains("max-age=", string.Join(",", response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_HaveNoInlineScripts()
    {
        using var client = await factory.SignInAsync(Demo.Admin);
        var (_, page) = await client.GetPageAsync("/admin");
        foreach (var script in page.Scripts)
        {
            Assert.False(string.IsNullOrEmpty(script.Source), $"Inline script found: {script.Text[..Math.Min(80, script.Text.Length)]}");
        }

        Assert.Empty(page.QuerySelectorAll("[style]"));
        Assert.DoesNotContain(page.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        var csp = string.Join(",", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("base-uri 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", string.Join(",", response.Headers.GetValues("Referrer-Policy")));
    }
}
