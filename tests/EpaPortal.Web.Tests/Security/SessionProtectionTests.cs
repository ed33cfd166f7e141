using System.Net;
using EpaPortal.Web.Tests.Infrastructure;
using EpaPortal.Web.Tests.Portfolio;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Tests.Security;

/// <summary>Issue 10 item 3, beyond <see cref="SessionTests"/>: account lockout, disabling a user ends their
/// session, and the upload rate limit.</summary>
[Trait(Category.Name, Category.Security)]
public class SessionProtectionTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task FiveWrongPasswords_LockTheAccount_EvenAgainstTheRightOne()
    {
        using var client = factory.CreatePortalClient();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var wrong = await SubmitLoginAsync(client, Demo.OtherEmployer, $"not-the-password-{attempt}");
            Assert.False(wrong.StatusCode == HttpStatusCode.Redirect && !IsLockout(wrong), $"Attempt {attempt} with a wrong password was let in.");
        }

        var right = await SubmitLoginAsync(client, Demo.OtherEmployer, PortalFactory.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.True(IsLockout(right), $"Expected the lockout page, was sent to {right.Headers.Location}.");
        var page = await client.GetAsync("/employer");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/Identity/Account/Login", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.True(await factory.WithDbAsync(db => db.Users.Where(u => u.Email == Demo.OtherEmployer).Select(u => u.LockoutEnd != null).SingleAsync()));
    }

    [Fact]
    public async Task DisablingAUser_EndsTheirSession_AtTheirNextRequest()
    {
        using var apprentice = await factory.SignInAsync(Demo.Apprentice2);
        Assert.Equal(HttpStatusCode.OK, (await apprentice.GetAsync("/apprentice")).StatusCode);

        var userId = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == Demo.Apprentice2).Select(u => u.Id).SingleAsync());
        using var admin = await factory.SignInAsync(Demo.Admin);
        var disabled = await admin.PostWithTokenAsync($"/admin/users/{userId}", $"/admin/users/{userId}/disable", [new("Disable.Reason", "Left the programme (security test)")]);
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);

        var next = await apprentice.GetAsync("/apprentice");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.StartsWith("/Identity/Account/Login", next.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(0, await factory.WithDbAsync(db => db.UserSessions.CountAsync(s => s.UserId == userId)));
    }

    [Fact]
    public async Task Uploads_OverTheLimit_Get429WithRetryAfter_AndStoreNothing()
    {
        using var limited = new UploadLimitFactory();
        using var client = await limited.SignInAsync(Demo.Apprentice);
        for (var upload = 1; upload <= 2; upload++)
        {
            var accepted = await Uploads.PostAsync(client, "/apprentice/portfolio/upload", [new UploadFile($"evidence-{upload}.pdf", Files.Pdf())], Uploads.Details($"Rate limit evidence {upload}"));
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        var items = await limited.WithDbAsync(db => db.EvidenceItems.CountAsync());
        var refused = await Uploads.PostAsync(client, "/apprentice/portfolio/upload", [new UploadFile("evidence-3.pdf", Files.Pdf())], Uploads.Details("Rate limit evidence 3"));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.True(refused.Headers.RetryAfter!.Delta > TimeSpan.Zero, "Retry-After must say how long to wait.");
        Assert.Equal(items, await limited.WithDbAsync(db => db.EvidenceItems.CountAsync()));
    }

    private static bool IsLockout(HttpResponseMessage response) =>
        response.Headers.Location?.OriginalString.Contains("Lockout", StringComparison.Ordinal) == true;

    private static Task<HttpResponseMessage> SubmitLoginAsync(PortalClient client, string email, string password) =>
        client.SubmitFormAsync("/Identity/Account/Login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }, "form#account");

    private sealed class UploadLimitFactory : PortalFactory
    {
        protected override void ConfigureSettings(IWebHostBuilder builder) => builder.UseSetting("RateLimits:UploadsPerMinute", "2");
    }
}
