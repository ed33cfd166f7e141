using System.Security.Claims;
using EpaPortal.Domain.Access;
using EpaPortal.Web.Features.Api.Clients;
using EpaPortal.Web.Security;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EpaPortal.Web.Features.Api;

/// <summary>The API's bearer tokens: JWTs the portal's token endpoint issues (OAuth 2.0 client credentials), validated by
/// ASP.NET Core's JwtBearer handler. Cookies never authenticate an API call.</summary>
public static class ApiAuthentication
{
    public const string Scheme = "ApiBearer";
    public const string Issuer = "epaportal";
    public const string Audience = "epaportal-api";

    public const string ClientIdClaim = "client_id";
    public const string ScopeClaim = "scope";
    public const string OrganisationPartsClaim = "epa:org_parts";

    /// <summary>The user id an API client acts under in audit entries and stored files.</summary>
    public static string ActorId(string clientId) => "api:" + clientId;

    public static IServiceCollection AddApiAuthentication(this IServiceCollection services)
    {
        services.AddSingleton<ApiSigningKeys>();
        services.AddSingleton<ApiClientDirectory>();
        services.AddAuthentication().AddJwtBearer(Scheme, _ => { });
        services.AddOptions<JwtBearerOptions>(Scheme).Configure<ApiSigningKeys, TimeProvider>((options, keys, clock) =>
        {
            options.MapInboundClaims = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = Issuer,
                ValidAudience = Audience,
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                RequireSignedTokens = true,
                RequireExpirationTime = true,
                ClockSkew = TimeSpan.FromSeconds(30),
                IssuerSigningKeyResolver = (_, _, keyId, _) => keys.Resolve(keyId),

                // The portal's clock, not the machine's: the tests move time, and so do deadlines.
                LifetimeValidator = (notBefore, expires, _, parameters) =>
                {
                    var now = clock.GetUtcNow().UtcDateTime;
                    return expires is { } exp && now <= exp.ToUniversalTime() + parameters.ClockSkew
                        && (notBefore is not { } nbf || now + parameters.ClockSkew >= nbf.ToUniversalTime());
                },
            };
            options.Events = new JwtBearerEvents
            {
                OnMessageReceived = async context =>
                {
                    var header = context.Request.Headers.Authorization.ToString();
                    if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
                    {
                        var token = header["Bearer ".Length..].Trim();
                        var handler = new JsonWebTokenHandler();
                        if (token.Length < 4096 && handler.CanReadToken(token))
                        {
                            await keys.EnsureAsync(handler.ReadJsonWebToken(token).Kid, context.HttpContext.RequestAborted);
                        }
                    }
                },
                OnTokenValidated = async context =>
                {
                    var clientId = context.Principal?.FindFirstValue(ClientIdClaim);
                    var directory = context.HttpContext.RequestServices.GetRequiredService<ApiClientDirectory>();
                    var client = clientId is null ? null : await directory.FindAsync(clientId, fresh: false, context.HttpContext.RequestAborted);
                    if (client is not { Enabled: true })
                    {
                        context.Fail("The client is unknown or disabled.");
                        return;
                    }

                    // What the client may do now: the scopes of the token that the client still holds.
                    var granted = (ApiScopes.Parse(context.Principal!.FindFirstValue(ScopeClaim)) ?? new HashSet<string>()).Where(client.Scopes.Contains);
                    context.Principal = Principal(client, granted);
                },
                OnChallenge = async context =>
                {
                    context.HandleResponse();
                    context.Response.Headers.WWWAuthenticate = context.AuthenticateFailure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
                    await ApiProblems.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Authentication needed",
                        context.AuthenticateFailure is null
                            ? "Send an access token from POST /api/oauth/token in the Authorization header: Bearer <token>."
                            : "The access token is not valid (expired, malformed, or its client was disabled). Ask for a new one.");
                },
                OnForbidden = context => ApiProblems.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Scope needed",
                    "The access token does not carry the scope this call needs (read, register or upload). Ask the assessment organisation to grant it, then ask for a new token with it."),
            };
        });
        return services;
    }

    /// <summary>The principal of an API call: the client as the portal's features see a user (id, name, organisation)
    /// plus what makes it an API client (client id, organisation parts, scopes).</summary>
    public static ClaimsPrincipal Principal(ApiClientInfo client, IEnumerable<string> scopes)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, ActorId(client.ClientId)),
            new(PortalClaims.DisplayName, client.Name),
            new(PortalClaims.OrganisationId, client.OrganisationId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(OrganisationPartsClaim, ((int)client.Parts).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClientIdClaim, client.ClientId),
            new(ScopeClaim, string.Join(' ', scopes)),
        };
        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme, PortalClaims.DisplayName, ClaimTypes.Role));
    }

    /// <summary>The API client a principal stands for, or null for anyone else.</summary>
    public static ApiClientGrant? GrantOf(ClaimsPrincipal principal)
    {
        var clientId = principal.FindFirstValue(ClientIdClaim);
        if (clientId is null || principal.Identity?.AuthenticationType != Scheme
            || !int.TryParse(principal.FindFirstValue(PortalClaims.OrganisationId), out var organisationId)
            || !int.TryParse(principal.FindFirstValue(OrganisationPartsClaim), out var parts))
        {
            return null;
        }

        var scopes = ApiScopes.Parse(principal.FindFirstValue(ScopeClaim)) ?? new HashSet<string>();
        return new ApiClientGrant(clientId, new OrganisationScope(organisationId, (OrganisationParts)parts), scopes);
    }

    public static bool HasScope(ClaimsPrincipal principal, string scope) => GrantOf(principal)?.Has(scope) == true;
}

/// <summary>The API's authorization policies: an API client's token with the scope the endpoint needs.</summary>
public static class ApiPolicies
{
    public const string Read = "api:read";
    public const string Register = "api:register";
    public const string Upload = "api:upload";

    public static IServiceCollection AddApiPolicies(this IServiceCollection services)
    {
        var builder = services.AddAuthorizationBuilder();
        foreach (var (policy, scope) in new[] { (Read, ApiScopes.Read), (Register, ApiScopes.Register), (Upload, ApiScopes.Upload) })
        {
            builder.AddPolicy(policy, p => p.AddAuthenticationSchemes(ApiAuthentication.Scheme).RequireAuthenticatedUser()
                .RequireAssertion(context => ApiAuthentication.HasScope(context.User, scope)));
        }

        return services;
    }
}

/// <summary>RFC 9457 problem details for the API, written where no controller is involved.</summary>
public static class ApiProblems
{
    public static Task WriteAsync(HttpContext context, int status, string title, string detail) =>
        Microsoft.AspNetCore.Http.Results.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(context);
}
