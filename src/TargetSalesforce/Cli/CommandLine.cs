using TargetSalesforce.Configuration;

namespace TargetSalesforce.Cli;

/// <summary>The parsed command line: the Singer/Meltano flags and Mage's.</summary>
public sealed record CommandLine
{
    // --- Singer and Meltano ---

    /// <summary>Each `--config` value in order: a JSON file, or `ENV`.</summary>
    public IReadOnlyList<string> ConfigArguments { get; init; } = [];

    /// <summary>`--input FILE`: read messages from a file instead of stdin.</summary>
    public string? InputFile { get; init; }

    public bool About { get; init; }

    public AboutFormat AboutFormat { get; init; } = AboutFormat.Markdown;

    public bool Version { get; init; }

    public bool Help { get; init; }

    /// <summary>`--test-connection` or Mage's `--test_connection`: log in, report, exit.</summary>
    public bool TestConnection { get; init; }

    /// <summary>`--dry-run`: read, validate, map and encode everything and describe each object, but write nothing and emit no state.</summary>
    public bool DryRun { get; init; }

    // --- Mage ---

    /// <summary>`--config_json JSON`: the config inline; outranks `--config` files.</summary>
    public string? ConfigJson { get; init; }

    /// <summary>`--settings FILE`: YAML with a `config:` key, used when no other config is given.</summary>
    public string? SettingsFile { get; init; }

    /// <summary>`--state FILE`: the file state is WRITTEN to (replaced atomically).</summary>
    public string? StateFile { get; init; }

    /// <summary>`--input_file_path FILE`: Mage's input file (the tap's output with its logs mixed in).</summary>
    public string? InputFilePath { get; init; }

    /// <summary>`--log_to_stdout X` was given at all (with any value): a sign Mage started us.</summary>
    public bool LogToStdoutGiven { get; init; }

    /// <summary>`--log_to_stdout X` with a non-empty X: Mage's JSON log lines go to stdout (argparse `type=bool`).</summary>
    public bool LogToStdout { get; init; }

    /// <summary>`--debug`: log at DEBUG.</summary>
    public bool Debug { get; init; }

    /// <summary>`--log-level LEVEL`: the minimum level, over --debug and the LOGLEVEL variables.</summary>
    public Microsoft.Extensions.Logging.LogLevel? LogLevel { get; init; }

    /// <summary>`--show_templates`: print Mage's config template and exit.</summary>
    public bool ShowTemplates { get; init; }

    /// <summary>`--catalog_json JSON`, parsed: Mage's catalog, whose `destination_table` names objects.</summary>
    public MageCatalog? Catalog { get; init; }

    /// <summary>
    /// Mage started us (any of `--input_file_path`, `--config_json`, `--log_to_stdout`): the reader
    /// skips non-JSON and `type: LOG` lines, which Mage's input file mixes in.
    /// </summary>
    public bool IsMageMode => InputFilePath is not null || ConfigJson is not null || LogToStdoutGiven;

    /// <summary>The input file to read, if any: Mage's `--input_file_path`, else `--input`.</summary>
    public string? InputPath => InputFilePath ?? InputFile;

    public ConfigRequest ConfigRequest => new(ConfigArguments, ConfigJson, SettingsFile);
}
