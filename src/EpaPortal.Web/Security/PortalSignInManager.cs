using EpaPortal.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace EpaPortal.Web.Security;

/// <summary>
/// Identity's sign-in manager with the portal's rules on top:
/// <list type="bullet">
/// <item>a wrong recovery code counts as a failed sign-in, so guessing codes locks the account like
/// guessing passwords (Identity leaves them unlimited because the codes are random);</item>
/// <item>two-factor sign-ins, successful or not, are security events in the audit log;</item>
/// <item><see cref="SignInAfterPasswordAsync"/> lets the sign-in page finish a sign-in whose password it
/// has already checked, without hashing it a second time.</item>
/// </list>
/// </summary>
public sealed class PortalSignInManager(
    UserManager<PortalUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<PortalUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<PortalUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<PortalUser> confirmation,
    SecurityEvents events)
    : SignInManager<PortalUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    /// <summary>
    /// Signs in (or starts the two-factor step for) a user whose password the caller has verified and
    /// whose account may sign in. Resets the failed-attempt count as Identity does after a right password.
    /// </summary>
    public async Task<SignInResult> SignInAfterPasswordAsync(PortalUser user, bool isPersistent)
    {
        if (!await IsTwoFactorEnabledAsync(user) || await IsTwoFactorClientRememberedAsync(user))
        {
            await UserManager.ResetAccessFailedCountAsync(user);
        }

        return await SignInOrTwoFactorAsync(user, isPersistent);
    }

    public override async Task<SignInResult> TwoFactorAuthenticatorSignInAsync(string code, bool isPersistent, bool rememberClient)
    {
        var user = await GetTwoFactorAuthenticationUserAsync();
        var result = await base.TwoFactorAuthenticatorSignInAsync(code, isPersistent, rememberClient);
        if (user is not null)
        {
            await RecordAsync(user, result, "with an authenticator code");
        }

        return result;
    }

    public override async Task<SignInResult> TwoFactorRecoveryCodeSignInAsync(string recoveryCode)
    {
        var user = await GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return SignInResult.Failed;
        }

        if (await UserManager.IsLockedOutAsync(user))
        {
            await RecordAsync(user, SignInResult.LockedOut, "with a recovery code");
            return SignInResult.LockedOut;
        }

        var result = await base.TwoFactorRecoveryCodeSignInAsync(recoveryCode);
        if (!result.Succeeded)
        {
            await UserManager.AccessFailedAsync(user);
            result = await UserManager.IsLockedOutAsync(user) ? SignInResult.LockedOut : SignInResult.Failed;
        }
        else
        {
            events.Record(SecurityEvents.RecoveryCodeUsed, user, $"{user.DisplayName} used a recovery code ({await UserManager.CountRecoveryCodesAsync(user)} left)");
        }

        await RecordAsync(user, result, "with a recovery code");
        return result;
    }

    private async Task RecordAsync(PortalUser user, SignInResult result, string how)
    {
        var (action, outcome) = result.Succeeded ? (SecurityEvents.SignInSucceeded, "signed in")
            : result.IsLockedOut ? (SecurityEvents.AccountLockedOut, "is locked out; refused a sign-in")
            : (SecurityEvents.SignInFailed, "failed the second step of signing in");
        await events.RecordNowAsync(action, user, $"{user.DisplayName} <{user.Email}> {outcome} {how}");
    }
}
