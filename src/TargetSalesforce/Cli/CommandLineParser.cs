namespace TargetSalesforce.Cli;

/// <summary>
/// Parses the flags of Singer, Meltano and Mage. Strict, as Mage's argparse is: an unknown flag,
/// a missing value or a stray argument is a <see cref="UsageException"/>. Values come as
/// `--flag value` or `--flag=value`; a repeated single-value flag keeps its last value.
/// </summary>
public static class CommandLineParser
{
    private static readonly HashSet<string> ValueFlags = new(StringComparer.Ordinal)
    {
        "--config", "--input", "--format", "--log-level",
        "--config_json", "--settings", "--state", "--input_file_path", "--log_to_stdout", "--catalog_json",
    };

    private static readonly HashSet<string> SwitchFlags = new(StringComparer.Ordinal)
    {
        "--about", "--version", "--help", "-h", "--test-connection",
        "--test_connection", "--debug", "--show_templates", "--dry-run",
    };

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var line = new CommandLine();
        var configs = new List<string>();
        string? format = null;

        for (var i = 0; i < args.Count; i++)
        {
            var (flag, inlineValue) = Split(args[i]);
            if (SwitchFlags.Contains(flag))
            {
                if (inlineValue is not null)
                {
                    throw new UsageException($"{flag} takes no value");
                }

                line = flag switch
                {
                    "--about" => line with { About = true },
                    "--version" => line with { Version = true },
                    "--help" or "-h" => line with { Help = true },
                    "--test-connection" or "--test_connection" => line with { TestConnection = true },
                    "--debug" => line with { Debug = true },
                    "--dry-run" => line with { DryRun = true },
                    _ => line with { ShowTemplates = true },
                };
                continue;
            }

            if (!ValueFlags.Contains(flag))
            {
                throw new UsageException(args[i].StartsWith('-')
                    ? $"unknown option {flag}"
                    : $"unexpected argument \"{args[i]}\" (input comes from stdin, --input or --input_file_path)");
            }

            var value = inlineValue ?? TakeValue(args, ref i, flag);
            switch (flag)
            {
                case "--config":
                    configs.Add(RequireText(flag, value));
                    break;
                case "--input":
                    line = line with { InputFile = RequireText(flag, value) };
                    break;
                case "--format":
                    format = value;
                    break;
                case "--log-level":
                    line = line with
                    {
                        LogLevel = TargetSalesforce.Logging.LogLevels.Parse(value)
                                   ?? throw new UsageException($"--log-level: \"{value}\" is not one of {TargetSalesforce.Logging.LogLevels.Names}"),
                    };
                    break;
                case "--config_json":
                    line = line with { ConfigJson = RequireText(flag, value) };
                    break;
                case "--settings":
                    line = line with { SettingsFile = RequireText(flag, value) };
                    break;
                case "--state":
                    line = line with { StateFile = RequireText(flag, value) };
                    break;
                case "--input_file_path":
                    line = line with { InputFilePath = RequireText(flag, value) };
                    break;
                case "--log_to_stdout":
                    // argparse's type=bool: any non-empty text is true, even "0" or "false".
                    line = line with { LogToStdoutGiven = true, LogToStdout = value.Length > 0 };
                    break;
                case "--catalog_json":
                    line = line with { Catalog = MageCatalog.Parse(value) };
                    break;
            }
        }

        return line with
        {
            ConfigArguments = configs,
            AboutFormat = ParseFormat(format),
        };
    }

    private static (string Flag, string? InlineValue) Split(string arg)
    {
        var equals = arg.IndexOf('=');
        return arg.StartsWith("--", StringComparison.Ordinal) && equals > 2
            ? (arg[..equals], arg[(equals + 1)..])
            : (arg, null);
    }

    private static string TakeValue(IReadOnlyList<string> args, ref int i, string flag)
    {
        if (i + 1 >= args.Count || (args[i + 1].StartsWith("--", StringComparison.Ordinal) && args[i + 1].Length > 2))
        {
            throw new UsageException($"{flag} needs a value");
        }

        return args[++i];
    }

    private static string RequireText(string flag, string value) =>
        value.Length > 0 ? value : throw new UsageException($"{flag} needs a value");

    private static AboutFormat ParseFormat(string? format) => format?.ToLowerInvariant() switch
    {
        null or "markdown" => AboutFormat.Markdown,
        "json" => AboutFormat.Json,
        _ => throw new UsageException($"--format must be json or markdown, not \"{format}\""),
    };
}
