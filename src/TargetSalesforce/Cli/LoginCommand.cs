using Microsoft.Extensions.Logging.Abstractions;
using TargetSalesforce.Configuration;
using TargetSalesforce.Logging;
using TargetSalesforce.Salesforce.Auth;

namespace TargetSalesforce.Cli;

/// <summary>
/// `target-salesforce login`: runs the OAuth web-server flow with PKCE once, on a loopback redirect,
/// and writes the refresh token it yields into a config file. The URL to open goes to stdout on a line
/// of its own; what is happening goes to stderr. No code, verifier or token is ever printed.
/// </summary>
public sealed class LoginCommand(
    TextWriter stdout,
    TextWriter stderr,
    IReadOnlyDictionary<string, string> environment,
    string workingDirectory,
    ISecretPrompt prompt,
    CancellationToken cancellationToken)
{
    /// <summary>Where a script (or CI) hands over the app's secret, the same name `--config ENV` reads.</summary>
    public const string ClientSecretVariable = "TARGET_SALESFORCE_CLIENT_SECRET";

    private readonly SecretRedactor redactor = new();

    public async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        LoginArguments arguments;
        try
        {
            arguments = LoginArguments.Parse(args);
        }
        catch (UsageException e)
        {
            Say($"{ProductInfo.Name}: error: {e.Message}\n{LoginArguments.Usage}Run '{ProductInfo.Name} login --help' for details.");
            return ExitCodes.UsageOrConfig;
        }

        if (arguments.Help)
        {
            await stdout.WriteAsync(LoginArguments.HelpText).ConfigureAwait(false);
            await stdout.FlushAsync().ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        Uri loginUrl;
        try
        {
            loginUrl = LoginEndpoint.Resolve(arguments.Domain);
        }
        catch (AuthenticationFailedException e)
        {
            Say($"{ProductInfo.Name}: error: login: --domain: {e.Message}");
            return ExitCodes.UsageOrConfig;
        }

        var clientSecret = ClientSecret();
        try
        {
            return await LogInAsync(arguments, loginUrl, clientSecret).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Say("Login stopped by a signal; nothing was written.");
            return ExitCodes.RunFailed;
        }
        catch (Exception e) when (e is AuthenticationFailedException or IOException or UnauthorizedAccessException or TimeoutException)
        {
            Say($"Login failed: {e.Message}");
            return ExitCodes.RunFailed;
        }
    }

    private async Task<int> LogInAsync(LoginArguments arguments, Uri loginUrl, string? clientSecret)
    {
        using var listener = LoopbackRedirectListener.Start(arguments.Port);
        using var login = new WebServerLogin(loginUrl, arguments.ClientId!, clientSecret, new RedactingSecretSink(redactor), NullLogger.Instance);
        var url = login.AuthorizeUrl(listener.RedirectUri);

        Say($"Open this page in a browser and log in to Salesforce (the app must list {listener.RedirectUri} as a callback URL):");
        await stdout.WriteAsync($"{url.AbsoluteUri}\n").ConfigureAwait(false);
        await stdout.FlushAsync().ConfigureAwait(false);
        if (!arguments.NoBrowser && !BrowserLauncher.TryOpen(url))
        {
            Say("No browser could be started here; open the page above yourself.");
        }

        Say($"Waiting for Salesforce to send the browser back to {listener.RedirectUri} (Ctrl-C to give up)...");
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(arguments.WaitLimit);
        RedirectCallback redirect;
        try
        {
            redirect = await listener.WaitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no login came back within {arguments.WaitLimit.TotalMinutes:0} minutes; nothing was written.");
        }

        WebServerLoginResult result;
        try
        {
            result = await login.CompleteAsync(redirect.Fields, listener.RedirectUri, cancellationToken).ConfigureAwait(false);
        }
        catch (AuthenticationFailedException e)
        {
            redirect.Answer(succeeded: false, $"target-salesforce login failed: {redactor.Redact(e.Message)}");
            throw;
        }

        var settings = new Dictionary<string, string>
        {
            ["auth_flow"] = AuthFlowChoice.SettingValue(AuthFlow.RefreshToken),
            ["client_id"] = arguments.ClientId!,
            ["refresh_token"] = result.RefreshToken,
            ["domain"] = arguments.Domain,
        };
        if (clientSecret is not null)
        {
            settings["client_secret"] = clientSecret;
        }

        try
        {
            LoginConfigFile.Write(Path.GetFullPath(arguments.OutputFile!, workingDirectory), settings);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            redirect.Answer(succeeded: false, "target-salesforce logged in but could not write the config file; see the terminal.");
            throw;
        }

        redirect.Answer(succeeded: true, "target-salesforce is logged in. You can close this page and return to the terminal.");
        Say($"Logged in to {result.InstanceUrl.Host}. Wrote {string.Join(", ", settings.Keys)} to {arguments.OutputFile} (readable by you alone).");
        Say($"Next: add `action` (and what to load) to it, and check it with: {ProductInfo.Name} --config {arguments.OutputFile} --test-connection");
        return ExitCodes.Ok;
    }

    /// <summary>From the environment, else asked at the terminal; none when neither gives one.</summary>
    private string? ClientSecret()
    {
        var secret = environment.TryGetValue(ClientSecretVariable, out var given) && given.Length > 0
            ? given
            : prompt.Ask("The app's client secret (press Enter if it requires none): ");
        if (string.IsNullOrEmpty(secret))
        {
            return null;
        }

        redactor.Add(secret);
        return secret;
    }

    private void Say(string line)
    {
        stderr.Write(redactor.Redact(line) + "\n");
        stderr.Flush();
    }
}
