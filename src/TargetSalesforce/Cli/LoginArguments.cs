namespace TargetSalesforce.Cli;

/// <summary>
/// `target-salesforce login`'s flags, each default with its reason. The client secret is deliberately
/// not among them: a flag shows in the process list and the shell's history.
/// </summary>
public sealed record LoginArguments
{
    /// <summary>`--domain`: `login` (production) unless told otherwise, as for a run.</summary>
    public string Domain { get; init; } = "login";

    /// <summary>`--client-id`: the app's consumer key (required: there is no app of ours in anyone's org).</summary>
    public string? ClientId { get; init; }

    /// <summary>`--port`: 1717, as the Salesforce CLI uses, so an app whose callback is set up for it works; 0 takes a free port.</summary>
    public int Port { get; init; } = 1717;

    /// <summary>`--output`: the config file written (or updated) with the refresh token, mode 600.</summary>
    public string? OutputFile { get; init; }

    /// <summary>`--no-browser`: print the URL only (a remote shell, or a test).</summary>
    public bool NoBrowser { get; init; }

    /// <summary>`--help`.</summary>
    public bool Help { get; init; }

    /// <summary>How long to wait for the browser: Salesforce's authorization codes live 15 minutes, a person needs a few.</summary>
    public TimeSpan WaitLimit { get; init; } = TimeSpan.FromMinutes(10);

    public const string Usage =
        "usage: target-salesforce login --client-id KEY --output FILE [--domain login|test|acme.my|URL] [--port N] [--no-browser]\n";

    public const string HelpText = $$"""
        target-salesforce login: get a refresh token once, through the OAuth web-server flow with PKCE.

        {{Usage}}
          --client-id KEY   The consumer key of your External Client App (or connected app).
          --output FILE     The config file to write: client_id, refresh_token, domain and auth_flow
                            (plus client_secret, when one was given) are set in it, other settings kept.
                            It is written with mode 600.
          --domain D        Where to log in: login (default), test, your My Domain (acme.my), or a URL.
          --port N          The loopback port of the redirect http://localhost:N/OAuth/Callback (default
                            1717, as the Salesforce CLI); register that exact URL as the app's callback.
                            0 takes any free port.
          --no-browser      Print the URL to open, and do not try to open a browser.

        The app's client secret, when it requires one, comes from TARGET_SALESFORCE_CLIENT_SECRET or
        a prompt on the terminal; it is never a flag. The URL to open is printed on stdout, alone on
        its line; everything else goes to stderr.

        """;

    /// <summary>Parses the arguments after `login`.</summary>
    /// <exception cref="UsageException">An unknown flag, a missing value, or a required flag left out.</exception>
    public static LoginArguments Parse(IReadOnlyList<string> args)
    {
        var parsed = new LoginArguments();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var equals = arg.IndexOf('=');
            var (flag, inline) = arg.StartsWith("--", StringComparison.Ordinal) && equals > 2 ? (arg[..equals], arg[(equals + 1)..]) : (arg, null);
            switch (flag)
            {
                case "--help" or "-h":
                    parsed = parsed with { Help = true };
                    continue;
                case "--no-browser":
                    parsed = parsed with { NoBrowser = true };
                    continue;
                case "--client-secret" or "--client_secret":
                    throw new UsageException(
                        "the client secret is never a flag (it would show in the process list and shell history): " +
                        "set TARGET_SALESFORCE_CLIENT_SECRET, or answer the prompt");
            }

            if (flag is not ("--domain" or "--client-id" or "--port" or "--output"))
            {
                throw new UsageException(flag.StartsWith('-') ? $"login: unknown option {flag}" : $"login: unexpected argument \"{arg}\"");
            }

            var value = inline ?? (i + 1 < args.Count ? args[++i] : throw new UsageException($"login: {flag} needs a value"));
            if (value.Length == 0)
            {
                throw new UsageException($"login: {flag} needs a value");
            }

            parsed = flag switch
            {
                "--domain" => parsed with { Domain = value },
                "--client-id" => parsed with { ClientId = value },
                "--output" => parsed with { OutputFile = value },
                _ => parsed with { Port = ParsePort(value) },
            };
        }

        if (!parsed.Help)
        {
            var missing = new[] { ("--client-id", parsed.ClientId), ("--output", parsed.OutputFile) }.Where(f => f.Item2 is null).Select(f => f.Item1).ToList();
            if (missing.Count > 0)
            {
                throw new UsageException($"login: {string.Join(" and ", missing)} {(missing.Count == 1 ? "is" : "are")} required");
            }
        }

        return parsed;
    }

    private static int ParsePort(string value) =>
        int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) && port <= 65535
            ? port
            : throw new UsageException($"login: --port must be a port number from 0 to 65535, not \"{value}\"");
}
