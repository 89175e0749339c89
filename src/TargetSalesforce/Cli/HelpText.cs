namespace TargetSalesforce.Cli;

/// <summary>`--help`, and the short usage printed with a command-line error.</summary>
public static class HelpText
{
    public const string Usage =
        "usage: target-salesforce --config FILE|ENV [--config ...] [--input FILE] [--test-connection]\n" +
        "       target-salesforce --about [--format json|markdown] | --version | --help\n" +
        "       target-salesforce --config_json JSON [--settings FILE] [--state FILE]\n" +
        "                         [--input_file_path FILE] [--log_to_stdout 1] [--catalog_json JSON]\n" +
        "                         [--debug] [--test_connection] [--show_templates]\n" +
        "       target-salesforce login --client-id KEY --output FILE [--domain D] [--port N] [--no-browser]\n";

    public static string Full => $$"""
        target-salesforce {{ProductInfo.Version}}
        {{Wrap(ProductInfo.Description, width: 88)}}

        Reads Singer messages (one JSON object a line) and writes the records into Salesforce
        objects. State goes to stdout, one line per checkpoint, once every record before it
        is committed; logs go to stderr.

        {{Usage}}
        Singer and Meltano:
          --config FILE        A JSON config file. Repeatable: later files override earlier ones.
          --config ENV         Read settings from TARGET_SALESFORCE_<SETTING> environment variables
                               (and a .env file in the working directory); they override files.
          --input FILE         Read messages from FILE instead of stdin.
          --about              Describe the target and its settings, then exit.
          --format FORMAT      With --about: markdown (default) or json (pure JSON on stdout).
          --test-connection    Log in to Salesforce, report the result, and exit.
          --dry-run            Read, check, map and encode everything; write nothing, emit no state.
          --log-level LEVEL    debug, info, warning, error or critical (over --debug and LOGLEVEL).
          --version            Print the version and exit.
          --help, -h           Print this help and exit.

        Mage (the flags Mage passes to a destination):
          --config_json JSON   The config inline; it overrides --config files.
          --settings FILE      A YAML file whose `config:` key holds the config (used only when no
                               other config is given).
          --state FILE         Write each state to FILE (replaced atomically) instead of stdout.
          --input_file_path F  Read messages from F; lines that are not Singer messages are skipped.
          --log_to_stdout X    Any non-empty X: log Mage's JSON log lines on stdout.
          --catalog_json JSON  Mage's catalog; a stream's destination_table names its object.
          --debug              Log at DEBUG level.
          --test_connection    Same as --test-connection.
          --show_templates     Print Mage's config template as JSON and exit.

        Getting a refresh token:
          login                Log in once in a browser (OAuth web-server flow with PKCE) and write
                               client_id and refresh_token to a config file; see `login --help`.

        Settings: run `target-salesforce --about` for the full list. Log level: --log-level,
        or the TARGET_SALESFORCE_LOGLEVEL or LOGLEVEL variable (debug, info, warning, error).

        Exit codes:
          0  success: every record loaded (or reported, with allow_failures) and the final state written
          1  the run failed: a rejected record without allow_failures, a login or job failure, bad input
          2  the command line or the config is invalid; nothing was read

        Example:
          tap-csv --config tap.json | target-salesforce --config target.json > state.jsonl
          tail -1 state.jsonl   # the last committed state, for the tap's next run

        """;

    /// <summary>Breaks <paramref name="text"/> at spaces into lines of at most <paramref name="width"/> characters.</summary>
    private static string Wrap(string text, int width)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line);
                line = word;
            }
            else
            {
                line = line.Length == 0 ? word : $"{line} {word}";
            }
        }

        lines.Add(line);
        return string.Join('\n', lines);
    }
}
