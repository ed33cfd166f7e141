using System.Globalization;
using System.Security.Claims;
using System.Text;
using EpaPortal.Domain.Access;
using EpaPortal.Domain.Auditing;
using EpaPortal.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EpaPortal.Web.Features.Api.Clients;

/// <summary>The access token an API client receives (RFC 6749 section 5.1).</summary>
public sealed record TokenResponse(
    [property: System.Text.Json.Serialization.JsonPropertyName("access_token")] string AccessToken,
    [property: System.Text.Json.Serialization.JsonPropertyName("token_type")] string TokenType,
    [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] int ExpiresIn,
    [property: System.Text.Json.Serialization.JsonPropertyName("scope")] string Scope);

/// <summary>An OAuth 2.0 error (RFC 6749 section 5.2).</summary>
public sealed record TokenError(
    [property: System.Text.Json.Serialization.JsonPropertyName("error")] string Error,
    [property: System.Text.Json.Serialization.JsonPropertyName("error_description")] string Description);

/// <summary>
/// POST /api/oauth/token: the OAuth 2.0 client-credentials grant (RFC 6749 section 4.4). The client
/// authenticates with HTTP Basic or with client_id and client_secret in the form; it receives a signed JWT
/// for the scopes it asked for (all it holds when it names none). Refusals follow section 5.2 and are audited.
/// </summary>
[ApiController]
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[Route("api/oauth/token")]
[EnableRateLimiting(ApiRateLimits.Token)]
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class TokenController(ApiClientDirectory directory, ApiSigningKeys keys, PortalDbContext db, TimeProvider clock, IConfiguration configuration) : ControllerBase
{
    [HttpPost("")]
    [Consumes("application/x-www-form-urlencoded")]
    public async Task<IActionResult> Token(CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        Response.Headers.Pragma = "no-cache";
        var form = await Request.ReadFormAsync(cancellationToken);
        var grantType = form["grant_type"].ToString();
        if (string.IsNullOrEmpty(grantType))
        {
            return Error(StatusCodes.Status400BadRequest, "invalid_request", "Send grant_type=client_credentials.");
        }

        if (grantType != "client_credentials")
        {
            return Error(StatusCodes.Status400BadRequest, "unsupported_grant_type", "Only the client_credentials grant is supported.");
        }

        var (clientId, secret) = Credentials(form);
        if (clientId is null)
        {
            return Error(StatusCodes.Status401Unauthorized, "invalid_client", "Send the client id and secret (HTTP Basic, or client_id and client_secret in the form).");
        }

        var client = clientId.Length <= ApiClient.ClientIdLength ? await directory.FindAsync(clientId, fresh: true, cancellationToken) : null;
        if (client is null || !client.Enabled || !ApiClientSecrets.Matches(secret, client.SecretHash))
        {
            await AuditAsync(client, clientId, "ApiTokenRefused", client is { Enabled: false } ? "the client is disabled" : "unknown client or wrong secret", cancellationToken);
            return Error(StatusCodes.Status401Unauthorized, "invalid_client", "The client id or secret is wrong, or the client has been disabled.");
        }

        var requested = form.ContainsKey("scope") ? ApiScopes.Parse(form["scope"].ToString()) : client.Scopes;
        if (requested is null || requested.Count == 0 || !requested.All(client.Scopes.Contains))
        {
            return Error(StatusCodes.Status400BadRequest, "invalid_scope", $"Ask for scopes this client holds: {string.Join(' ', client.Scopes.Order(StringComparer.Ordinal))}.");
        }

        var lifetime = TimeSpan.FromMinutes(Math.Clamp(configuration.GetValue("Api:TokenLifetimeMinutes", 15), 1, 60));
        var now = clock.GetUtcNow();
        var scope = string.Join(' ', requested.Order(StringComparer.Ordinal));
        var key = await keys.CurrentAsync(cancellationToken);
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = ApiAuthentication.Issuer,
            Audience = ApiAuthentication.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
            Subject = new ClaimsIdentity(
            [
                new Claim("sub", client.ClientId),
                new Claim(ApiAuthentication.ClientIdClaim, client.ClientId),
                new Claim(ApiAuthentication.ScopeClaim, scope),
                new Claim("jti", Guid.NewGuid().ToString("N")),
            ]),
        });
        await AuditAsync(client, client.ClientId, "ApiTokenIssued", $"scope {scope}", cancellationToken);
        return Ok(new TokenResponse(token, "Bearer", (int)lifetime.TotalSeconds, scope));
    }

    private (string? ClientId, string? Secret) Credentials(IFormCollection form)
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                return colon > 0
                    ? (Uri.UnescapeDataString(decoded[..colon]), Uri.UnescapeDataString(decoded[(colon + 1)..]))
                    : (null, null);
            }
            catch (FormatException)
            {
                return (null, null);
            }
        }

        var clientId = form["client_id"].ToString();
        return clientId.Length == 0 ? (null, null) : (clientId, form["client_secret"].ToString());
    }

    private ObjectResult Error(int status, string error, string description)
    {
        if (status == StatusCodes.Status401Unauthorized)
        {
            Response.Headers.WWWAuthenticate = "Basic realm=\"epaportal\"";
        }

        return new ObjectResult(new TokenError(error, description)) { StatusCode = status };
    }

    private async Task AuditAsync(ApiClientInfo? client, string clientId, string action, string details, CancellationToken cancellationToken)
    {
        var shown = clientId.Length > ApiClient.ClientIdLength ? clientId[..ApiClient.ClientIdLength] : clientId;
        db.AuditEntries.Add(AuditEntry.Of(clock.GetUtcNow(), ApiAuthentication.ActorId(shown), client?.Name ?? "Unknown API client", action, null, string.Create(CultureInfo.InvariantCulture, $"{details}; from {HttpContext.Connection.RemoteIpAddress}")));
        await db.SaveChangesAsync(cancellationToken);
    }
}
