using System.Net;
using EpaPortal.Web.Tests.Infrastructure;

namespace EpaPortal.Web.Tests.Foundation;

[Trait(Category.Name, Category.Integration)]
[Trait(Category.Name, Category.Security)]
public class AntiforgeryTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Post_WithoutToken_IsRefusedWith400()
    {
        using var client = await factory.SignInAsync(Demo.Admin);
        using var content = new FormUrlEncodedContent([new("returnUrl", "/")]);
        var response = await client.Http.PostAsync(new Uri("/Identity/Account/Logout", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);

        // Still signed in: the forged sign-out did nothing.
        var dashboard = await client.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
    }

    [Fact]
    public async Task ControllerPost_WithoutToken_IsRefusedWith400()
    {
        using var client = await factory.SignInAsync(Demo.Admin);
        using var content = new FormUrlEncodedContent([new("anything", "1")]);

        // The global filter validates before model binding or action selection by verb.
        var response = await client.Http.PostAsync(new Uri("/Home/Index", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Login_WithoutToken_IsRefusedWith400()
    {
        using var client = factory.CreatePortalClient();
        using var content = new FormUrlEncodedContent([new("Input.Email", Demo.Admin), new("Input.Password", PortalFactory.DemoPassword)]);
        var response = await client.Http.PostAsync(new Uri("/Identity/Account/Login", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Post_WithToken_IsAccepted()
    {
        using var client = await factory.SignInAsync(Demo.Admin);
        var response = await client.SubmitFormAsync("/admin", new Dictionary<string, string>(), "form[action*='Logout']");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var dashboard = await client.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, dashboard.StatusCode);
    }
}
