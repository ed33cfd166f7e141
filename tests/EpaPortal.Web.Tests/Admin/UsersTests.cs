using System.Net;
using System.Text.RegularExpressions;
using EpaPortal.Web.Features.Notifications;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpaPortal.Web.Tests.Admin;

/// <summary>Users: invitation with a set-password link, roles, disabling (issue 7, item 1).</summary>
[Trait(Category.Name, Category.Integration)]
public partial class UsersTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Invite_SendsALinkThatSetsThePasswordOnce_ThenThePersonSignsIn()
    {
        var email = $"new.employer.{Guid.NewGuid():N}@example.com";
        var acme = await AdminTestData.OrganisationIdAsync(factory, Data.Seed.DemoDataSeeder.Acme);
        using var admin = await factory.SignInAsync(Demo.Admin);

        var invited = await admin.SubmitFormAsync("/admin/users/invite", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Nina New",
            ["Input.Email"] = email,
            ["Input.Roles"] = "Employer",
            ["Input.OrganisationId"] = acme.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);

        var message = await factory.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.ToAddress == email && m.Kind == NotificationKind.Invitation));
        Assert.True(message.ContainsSecret);
        var link = new Uri(LinkPattern().Match(message.TextBody).Value);
        var user = await factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == email));
        Assert.False(user.EmailConfirmed);
        Assert.Null(user.PasswordHash);
        Assert.Equal(acme, user.OrganisationId);

        using var person = factory.CreatePortalClient();
        var tooShort = await person.SubmitFormAsync(link.PathAndQuery, new Dictionary<string, string> { ["Input.Password"] = "short", ["Input.ConfirmPassword"] = "short" });
        Assert.Contains("Use at least 12 characters", await AdminTestData.BodyAsync(tooShort), StringComparison.Ordinal);

        const string Password = "correct horse battery staple";
        var set = await person.SubmitFormAsync(link.PathAndQuery, new Dictionary<string, string> { ["Input.Password"] = Password, ["Input.ConfirmPassword"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        await person.SignInAsync(email, Password);
        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync("/employer")).StatusCode);

        using var replay = factory.CreatePortalClient();
        var again = await replay.SubmitFormAsync(link.PathAndQuery, new Dictionary<string, string> { ["Input.Password"] = "another long password", ["Input.ConfirmPassword"] = "another long password" });
        Assert.Contains("This link is not valid any more", await AdminTestData.BodyAsync(again), StringComparison.Ordinal);
        Assert.Single(await AdminTestData.AuditAsync(factory, db => db.AuditEntries.Where(a => a.Action == "UserInvited" && a.Details!.Contains(email))));
    }

    [Fact]
    public async Task Invite_WithProblems_ShowsEachMessageAndKeepsTheInput()
    {
        using var admin = await factory.SignInAsync(Demo.Admin);

        var response = await admin.SubmitFormAsync("/admin/users/invite", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Pat Person",
            ["Input.Email"] = "not an address",
            ["Input.Roles"] = "Employer",
        });

        var body = await AdminTestData.BodyAsync(response);
        Assert.Contains("Enter a valid e-mail address", body, StringComparison.Ordinal);
        Assert.Contains("An employer or training provider user belongs to an organisation: choose it.", body, StringComparison.Ordinal);
        Assert.Contains("value=\"Pat Person\"", body, StringComparison.Ordinal);

        var duplicate = await admin.SubmitFormAsync("/admin/users/invite", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Copy",
            ["Input.Email"] = Demo.Assessor,
            ["Input.Roles"] = "Assessor",
        });
        Assert.Contains($"There is already an account for {Demo.Assessor}.", await AdminTestData.BodyAsync(duplicate), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invite_ATrainingProviderUser_NeedsAProviderOrganisation()
    {
        var acme = await AdminTestData.OrganisationIdAsync(factory, Data.Seed.DemoDataSeeder.Acme);
        var pennine = await AdminTestData.OrganisationIdAsync(factory, Data.Seed.DemoDataSeeder.Pennine);
        var email = $"new.tutor.{Guid.NewGuid():N}@example.com";
        using var admin = await factory.SignInAsync(Demo.Admin);

        var refused = await admin.SubmitFormAsync("/admin/users/invite", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Tia Tutor",
            ["Input.Email"] = email,
            ["Input.Roles"] = "Provider",
            ["Input.OrganisationId"] = acme.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Contains("That organisation has no UKPRN: a training provider user needs a training provider organisation.", await AdminTestData.BodyAsync(refused), StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));

        var invited = await admin.SubmitFormAsync("/admin/users/invite", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Tia Tutor",
            ["Input.Email"] = email,
            ["Input.Roles"] = "Provider",
            ["Input.OrganisationId"] = pennine.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        Assert.Equal(pennine, await factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.OrganisationId).SingleAsync()));
    }

    [Fact]
    public async Task Disable_EndsTheUsersSessionAtOnceAndStopsSignIn()
    {
        var email = $"short.lived.{Guid.NewGuid():N}@example.com";
        await factory.WithDbAsync(async db =>
        {
            using var scope = factory.Services.CreateScope();
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Data.PortalUser>>();
            var user = new Data.PortalUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Short Lived", CreatedAt = factory.Clock.GetUtcNow() };
            Assert.True((await users.CreateAsync(user, PortalFactory.DemoPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, "Employer")).Succeeded);
            user.OrganisationId = await db.Organisations.Select(o => o.Id).FirstAsync();
            await users.UpdateAsync(user);
        });
        var userId = await AdminTestData.UserIdAsync(factory, email);
        using var victim = await factory.SignInAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await victim.GetAsync("/employer")).StatusCode);
        using var admin = await factory.SignInAsync(Demo.Admin);

        var noReason = await admin.SubmitFormAsync($"/admin/users/{userId}", new Dictionary<string, string> { ["Disable.Reason"] = string.Empty }, "#disable-form");
        Assert.Contains("Give the reason.", await AdminTestData.BodyAsync(noReason), StringComparison.Ordinal);

        var response = await admin.SubmitFormAsync($"/admin/users/{userId}", new Dictionary<string, string> { ["Disable.Reason"] = "Left Acme." }, "#disable-form");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await victim.GetAsync("/employer");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/Identity/Account/Login", after.Headers.Location!.OriginalString, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() => factory.SignInAsync(email));
        Assert.Single(await AdminTestData.AuditAsync(factory, db => db.AuditEntries.Where(a => a.Action == "UserDisabled" && a.Reason == "Left Acme.")));

        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitFormAsync($"/admin/users/{userId}", new Dictionary<string, string>(), "#enable-form")).StatusCode);
        using var back = await factory.SignInAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await back.GetAsync("/employer")).StatusCode);
    }

    [Fact]
    public async Task Admin_CannotDisableThemselvesNorDropTheirAdminRole()
    {
        var adminId = await AdminTestData.UserIdAsync(factory, Demo.Admin);
        using var admin = await factory.SignInAsync(Demo.Admin);

        var (_, page) = await admin.GetPageAsync($"/admin/users/{adminId}");
        Assert.Null(page.QuerySelector("#disable-form"));
        var forced = await admin.PostWithTokenAsync($"/admin/users/{adminId}", $"/admin/users/{adminId}/disable", [new("Disable.Reason", "Oops.")]);
        Assert.Contains("You cannot disable your own account.", await AdminTestData.BodyAsync(forced), StringComparison.Ordinal);

        var roles = await admin.PostWithTokenAsync($"/admin/users/{adminId}", $"/admin/users/{adminId}/roles", [new("Access.Roles", "Assessor")]);
        Assert.Contains("You cannot remove your own Admin role", await AdminTestData.BodyAsync(roles), StringComparison.Ordinal);
        Assert.Null(await factory.WithDbAsync(db => db.Users.Where(u => u.Id == adminId).Select(u => u.DisabledAt).SingleAsync()));
    }

    [Fact]
    public async Task UserList_SearchesAndFiltersByRole()
    {
        using var admin = await factory.SignInAsync(Demo.Admin);

        var (_, page) = await admin.GetPageAsync("/admin/users?role=Assessor&q=assessor");

        var emails = page.QuerySelectorAll("#users-table tbody tr td:nth-child(2)").Select(td => td.TextContent.Trim()).ToList();
        Assert.Contains(Demo.Assessor, emails);
        Assert.Contains(Demo.Assessor2, emails);
        Assert.DoesNotContain(Demo.Admin, emails);
    }

    [GeneratedRegex(@"https?://\S+/account/set-password\?\S+")]
    private static partial Regex LinkPattern();
}
