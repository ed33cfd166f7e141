using EpaPortal.Web.Features.Notifications;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace EpaPortal.Web.Tests.Notifications;

[Trait(Category.Name, Category.Unit)]
public class NotificationUnitTests
{
    [Theory]
    [InlineData(1, 60)]
    [InlineData(2, 120)]
    [InlineData(3, 240)]
    [InlineData(8, 7680)]
    [InlineData(9, 14400)]
    [InlineData(50, 14400)]
    public void RetryDelay_DoublesFromTheBase_UpToTheCap(int attempts, int expectedSeconds)
    {
        var settings = new OutboxOptions { RetryBaseSeconds = 60, RetryMaxMinutes = 240 };

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), OutboxDispatcher.RetryDelay(attempts, settings));
    }

    [Fact]
    public void Templates_EncodeNamesForHtml()
    {
        var content = EmailTemplates.PortfolioSubmitted("Erin <b>Employer</b>", "Amira \"<script>alert(1)</script>\" Khan", new Uri("https://epa.example.test/cases/1/portfolio?a=1&b=2"));

        Assert.DoesNotContain("<script>", content.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", content.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", content.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("href=\"https://epa.example.test/cases/1/portfolio?a=1&amp;b=2\"", content.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("https://epa.example.test/cases/1/portfolio?a=1&b=2", content.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/Identity/Account/ResetPassword?code=abc", "https://portal.example.org/epa/Identity/Account/ResetPassword?code=abc")]
    [InlineData("http://evil.example/Identity/Account/ResetPassword?code=abc", "https://portal.example.org/epa/Identity/Account/ResetPassword?code=abc")]
    [InlineData("http://localhost:5000/epa/Identity/Account/ConfirmEmail?userId=1&code=x", "https://portal.example.org/epa/Identity/Account/ConfirmEmail?userId=1&code=x")]
    [InlineData("cases/7", "https://portal.example.org/epa/cases/7")]
    public void Links_AreAlwaysOnTheConfiguredBaseUrl(string link, string expected)
    {
        var links = new PortalLinks(Options.Create(new PortalOptions { BaseUrl = "https://portal.example.org/epa" }));

        Assert.Equal(expected, links.Resolve(link).AbsoluteUri);
    }
}
