using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using TargetSalesforce.Salesforce.Http;

namespace TargetSalesforce.Salesforce.Auth;

/// <summary>
/// The OAuth 2.0 web-server flow with PKCE, run once by a person to get a refresh token: the
/// authorization URL to open, then, when the browser comes back with a code, the code exchanged
/// (with the PKCE verifier) for a session and the refresh token. The state value ties the redirect
/// to this login, so a stray or forged redirect is refused.
/// </summary>
public sealed class WebServerLogin : IDisposable
{
    /// <summary>The access the refresh token carries: the APIs, and refresh itself (its synonym offline_access also works).</summary>
    public const string Scopes = "api refresh_token";

    private readonly Uri loginUrl;
    private readonly string clientId;
    private readonly string? clientSecret;
    private readonly ISecretSink secrets;
    private readonly ResilientTransport transport;
    private readonly Pkce pkce = Pkce.Create();
    // Sent with the authorize URL; the redirect must bring it back, or this login did not start it.
    private readonly string sentState = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    /// <param name="clientSecret">The app's secret when it requires one for this flow; null sends none.</param>
    /// <param name="secrets">Receives the code, the verifier and every token the moment each exists.</param>
    /// <param name="handler">Tests pass their own; null uses a plain socket handler.</param>
    public WebServerLogin(Uri loginUrl, string clientId, string? clientSecret, ISecretSink secrets, ILogger logger, HttpMessageHandler? handler = null)
    {
        this.loginUrl = loginUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.secrets = secrets;
        this.secrets.Register(pkce.Verifier);
        transport = new ResilientTransport(
            handler ?? new SocketsHttpHandler { AllowAutoRedirect = false }, new SalesforceClientOptions(), TimeProvider.System, logger);
    }

    /// <summary>The page to open: Salesforce's login and approval, which then redirects to <paramref name="redirectUri"/> with a code.</summary>
    public Uri AuthorizeUrl(Uri redirectUri)
    {
        var query = new[]
        {
            ("response_type", "code"),
            ("client_id", clientId),
            ("redirect_uri", redirectUri.ToString()),
            ("scope", Scopes),
            ("code_challenge", pkce.Challenge),
            ("code_challenge_method", "S256"),
            ("state", sentState),
        };
        var text = string.Join('&', query.Select(q => $"{q.Item1}={Uri.EscapeDataString(q.Item2)}"));
        return new Uri(Urls.Combine(loginUrl, "/services/oauth2/authorize") + "?" + text);
    }

    /// <summary>Reads the redirect and exchanges its code; throws <see cref="AuthenticationFailedException"/> with the reason.</summary>
    public async Task<WebServerLoginResult> CompleteAsync(IReadOnlyDictionary<string, string> redirect, Uri redirectUri, CancellationToken cancellationToken)
    {
        if (redirect.TryGetValue("error", out var error))
        {
            var description = redirect.GetValueOrDefault("error_description");
            throw new AuthenticationFailedException(
                $"Salesforce did not authorize the app: {error}{(string.IsNullOrEmpty(description) ? "" : $": {description}")}");
        }

        if (!redirect.TryGetValue("state", out var state) || !CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.ASCII.GetBytes(state), System.Text.Encoding.ASCII.GetBytes(sentState)))
        {
            throw new AuthenticationFailedException(
                "The redirect did not carry this login's state value, so it was not started here; nothing was exchanged. Run login again.");
        }

        if (!redirect.TryGetValue("code", out var code) || code.Length == 0)
        {
            throw new AuthenticationFailedException("The redirect carried no authorization code.");
        }

        secrets.Register(code);
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["client_id"] = clientId,
            ["redirect_uri"] = redirectUri.ToString(),
            ["code_verifier"] = pkce.Verifier,
        };
        if (clientSecret is not null)
        {
            form["client_secret"] = clientSecret;
        }

        var answer = await OAuthTokenRequest.SendAsync(transport, loginUrl, form, "web server", secrets, cancellationToken).ConfigureAwait(false);
        if (answer.RefreshToken is null)
        {
            throw new AuthenticationFailedException(
                "Salesforce logged in but issued no refresh token: give the app the OAuth scope \"Perform requests at any time " +
                "(refresh_token, offline_access)\" and run login again.");
        }

        return new WebServerLoginResult(answer.RefreshToken, answer.Session.InstanceUrl);
    }

    public void Dispose() => transport.Dispose();
}

/// <summary>What the web-server flow yields: the refresh token (a secret) and the org it belongs to.</summary>
public sealed class WebServerLoginResult(string refreshToken, Uri instanceUrl)
{
    public string RefreshToken { get; } = refreshToken;

    public Uri InstanceUrl { get; } = instanceUrl;

    public override string ToString() => $"refresh token for {InstanceUrl.Host}";
}
