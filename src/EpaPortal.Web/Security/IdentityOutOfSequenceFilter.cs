using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace EpaPortal.Web.Security;

/// <summary>
/// ASP.NET Core Identity's default pages throw when opened out of sequence: the two-factor sign-in pages
/// with no sign-in in progress, "disable two-factor" and "new recovery codes" when two-factor is off. Instead
/// of an error page, this sends the person to where that sequence starts: signing in, or their two-factor
/// settings.
/// </summary>
public sealed partial class IdentityOutOfSequenceFilter(ILogger<IdentityOutOfSequenceFilter> logger) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is not InvalidOperationException exception || executed.ExceptionHandled)
        {
            return;
        }

        var signedIn = context.HttpContext.User.Identity?.IsAuthenticated == true;
        LogOutOfSequence(logger, context.ActionDescriptor.ViewEnginePath, exception.Message);
        executed.Result = new RedirectToPageResult(signedIn ? "/Account/Manage/TwoFactorAuthentication" : "/Account/Login", new { area = "Identity" });
        executed.ExceptionHandled = true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Identity page {Page} opened out of sequence ({Reason}); sent on.")]
    private static partial void LogOutOfSequence(ILogger logger, string page, string reason);
}
