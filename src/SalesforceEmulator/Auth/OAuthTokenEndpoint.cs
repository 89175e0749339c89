using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using SalesforceEmulator.Hosting;

namespace SalesforceEmulator.Auth;

/// <summary>
/// POST /services/oauth2/token: the refresh_token, password, authorization_code, client_credentials and JWT bearer
/// grants, answered as the real API answers (success fields per grant; {error, error_description} failures with
/// HTTP 400), in JSON, URL-encoded or XML as the request's `format` or Accept header asks.
/// </summary>
public static class OAuthTokenEndpoint
{
    private static readonly string[] ClientGrants = ["refresh_token", "password", "authorization_code", "client_credentials"];

    public static async Task HandleAsync(
        HttpContext http, LoginDirectory credentials, TokenStore tokens, AuthorizationCodes codes, EmulatorAddress address, TimeProvider time)
    {
        var accept = http.Request.Headers.Accept.ToString();
        if (!http.Request.HasFormContentType)
        {
            await TokenResponses.WriteErrorAsync(http, TokenResponses.Choose(http.Request.Query["format"], accept), "unsupported_grant_type", "grant type not supported");
            return;
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        string? Field(string name) => form.TryGetValue(name, out var v) ? v.ToString() : null;
        var format = TokenResponses.Choose(Field("format") ?? http.Request.Query["format"], accept);

        var grantType = Field("grant_type");
        GrantOutcome outcome;
        if (grantType == JwtBearerGrant.GrantType)
        {
            outcome = JwtBearerGrant.Check(Field("assertion"), credentials, address.BaseUrlText, time.GetUtcNow());
        }
        else if (ClientGrants.Contains(grantType))
        {
            var (app, refusal) = ClientAuthentication.Authenticate(http.Request, form, credentials);
            outcome = refusal ?? grantType switch
            {
                "refresh_token" => RefreshGrant(app!, Field("refresh_token"), credentials, tokens),
                "password" => PasswordGrant(app!, Field("username"), Field("password"), credentials),
                "authorization_code" => AuthorizationCodeGrant.Check(app!, Field("code"), Field("redirect_uri"), Field("code_verifier"), codes, credentials),
                _ => ClientCredentialsGrant.Check(app!, credentials),
            };
        }
        else
        {
            outcome = GrantOutcome.Refused("unsupported_grant_type", "grant type not supported");
        }

        if (!outcome.Granted)
        {
            await TokenResponses.WriteErrorAsync(http, format, outcome.Error!, outcome.Description!);
            return;
        }

        await TokenResponses.WriteAsync(http, format, StatusCodes.Status200OK, Answer(grantType!, outcome.User!, outcome.App!, credentials, tokens, address));
    }

    private static GrantOutcome RefreshGrant(ConnectedApp app, string? refreshToken, LoginDirectory credentials, TokenStore tokens)
    {
        var grant = tokens.FindRefreshToken(refreshToken ?? "");
        var user = grant is not null && grant.ClientId == app.ClientId ? credentials.FindUserByName(grant.Username) : null;
        return user is null ? GrantOutcome.InvalidGrant("expired access/refresh token") : GrantOutcome.For(user, app);
    }

    private static GrantOutcome PasswordGrant(ConnectedApp app, string? username, string? password, LoginDirectory credentials)
    {
        var user = credentials.FindUserByName(username ?? "");
        return user is null || !ClientAuthentication.FixedTimeEquals(password, user.LoginSecret)
            ? GrantOutcome.InvalidGrant("authentication failure")
            : GrantOutcome.For(user, app);
    }

    /// <summary>The success fields, in the order and with the members Salesforce's answer to each grant has.</summary>
    private static List<(string, string)> Answer(
        string grantType, OrgUser user, ConnectedApp app, LoginDirectory credentials, TokenStore tokens, EmulatorAddress address)
    {
        var session = tokens.Issue(user, app.ClientId);
        var baseUrl = address.BaseUrlText;
        var identityUrl = IdentityUrls.Of(baseUrl, credentials, user.UserId);
        var issuedAt = session.IssuedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var signature = Signature(identityUrl + issuedAt, app.ClientSecret ?? "");
        switch (grantType)
        {
            case JwtBearerGrant.GrantType:
                return [("access_token", session.AccessToken), ("scope", "api"), ("instance_url", baseUrl), ("id", identityUrl), ("token_type", "Bearer")];
            case "client_credentials":
                return
                [
                    ("access_token", session.AccessToken), ("signature", signature), ("token_format", "opaque"), ("instance_url", baseUrl),
                    ("id", identityUrl), ("token_type", "Bearer"), ("issued_at", issuedAt),
                ];
            case "authorization_code":
                // The web-server flow grants a refresh token; it is the app's approval that later JWT logins find too.
                var refreshToken = "5Aep861" + RandomNumberGenerator.GetString(TokenAlphabet, 80);
                credentials.AddRefreshToken(new GrantedRefreshToken(refreshToken, app.ClientId, user.Username));
                return
                [
                    ("access_token", session.AccessToken), ("refresh_token", refreshToken), ("signature", signature), ("scope", "refresh_token api"),
                    ("instance_url", baseUrl), ("id", identityUrl), ("token_type", "Bearer"), ("issued_at", issuedAt),
                ];
            default:
                return
                [
                    ("access_token", session.AccessToken), ("signature", signature), ("scope", grantType == "refresh_token" ? "refresh_token api" : "api"),
                    ("instance_url", baseUrl), ("id", identityUrl), ("token_type", "Bearer"), ("issued_at", issuedAt),
                ];
        }
    }

    private const string TokenAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._";

    // Salesforce signs id + issued_at with HMAC-SHA256 keyed by the consumer secret; clients may check it.
    private static string Signature(string payload, string secret) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(payload)));
}
