using Microsoft.AspNetCore.Mvc.Filters;

namespace EpaPortal.Web.Security;

/// <summary>
/// Identity's pages finish a sign-in with <c>LocalRedirect(returnUrl)</c>, which throws (a 500) when the
/// address is another site's. Before any Identity page handler runs, a return address that is not a path
/// on the portal is replaced with the home page, so an external ReturnUrl neither redirects away nor fails.
/// </summary>
public sealed class IdentityReturnUrlFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        foreach (var name in context.HandlerArguments.Keys.ToList())
        {
            if (string.Equals(name, "returnUrl", StringComparison.OrdinalIgnoreCase)
                && context.HandlerArguments[name] is string url && !ReturnUrls.IsLocal(url))
            {
                context.HandlerArguments[name] = ReturnUrls.Home;
            }
        }

        return next();
    }
}
