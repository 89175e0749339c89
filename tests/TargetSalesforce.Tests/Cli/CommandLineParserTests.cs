using TargetSalesforce.Cli;

namespace TargetSalesforce.Tests.Cli;

public class CommandLineParserTests
{
    private static CommandLine Parse(params string[] args) => CommandLineParser.Parse(args);

    [Test]
    public void Config_is_repeatable_and_keeps_order_including_ENV()
    {
        var line = Parse("--config", "a.json", "--config=ENV", "--config", "b.json");

        Assert.That(line.ConfigArguments, Is.EqualTo(new[] { "a.json", "ENV", "b.json" }));
        Assert.That(line.IsMageMode, Is.False);
    }

    [Test]
    public void Singer_flags_are_read()
    {
        var line = Parse("--config", "c.json", "--input", "in.jsonl", "--test-connection");

        Assert.That(line.InputFile, Is.EqualTo("in.jsonl"));
        Assert.That(line.InputPath, Is.EqualTo("in.jsonl"));
        Assert.That(line.TestConnection, Is.True);
    }

    [TestCase("--about", false, false, false)]
    [TestCase("--version", true, false, false)]
    [TestCase("--help", false, true, false)]
    [TestCase("-h", false, true, false)]
    [TestCase("--show_templates", false, false, true)]
    public void Informational_switches_are_read(string flag, bool version, bool help, bool templates)
    {
        var line = Parse(flag);

        Assert.That(line.About, Is.EqualTo(flag == "--about"));
        Assert.That(line.Version, Is.EqualTo(version));
        Assert.That(line.Help, Is.EqualTo(help));
        Assert.That(line.ShowTemplates, Is.EqualTo(templates));
    }

    [TestCase("json", AboutFormat.Json)]
    [TestCase("JSON", AboutFormat.Json)]
    [TestCase("markdown", AboutFormat.Markdown)]
    public void About_format_is_case_insensitive(string format, AboutFormat expected)
    {
        Assert.That(Parse("--about", "--format", format).AboutFormat, Is.EqualTo(expected));
    }

    [Test]
    public void About_defaults_to_markdown()
    {
        Assert.That(Parse("--about").AboutFormat, Is.EqualTo(AboutFormat.Markdown));
    }

    [TestCase("--log-level", "DEBUG", Microsoft.Extensions.Logging.LogLevel.Debug)]
    [TestCase("--log-level=warning", null, Microsoft.Extensions.Logging.LogLevel.Warning)]
    public void Log_level_is_read(string flag, string? value, Microsoft.Extensions.Logging.LogLevel expected) =>
        Assert.That(CommandLineParser.Parse(value is null ? [flag] : [flag, value]).LogLevel, Is.EqualTo(expected));

    [Test]
    public void An_unknown_log_level_names_the_ones_it_takes()
    {
        var error = Assert.Throws<UsageException>(() => CommandLineParser.Parse(["--log-level", "loud"]));
        Assert.That(error!.Message, Does.Contain("\"loud\"").And.Contain("debug, info, warning"));
    }

    [Test]
    public void Mage_classic_pipeline_arguments_are_read()
    {
        var line = Parse(
            "--config_json", "{\"domain\":\"login\"}", "--log_to_stdout", "1", "--settings", "s.yaml",
            "--state", "state.json", "--input_file_path", "source_output.txt");

        Assert.That(line.ConfigJson, Is.EqualTo("{\"domain\":\"login\"}"));
        Assert.That(line.LogToStdout, Is.True);
        Assert.That(line.SettingsFile, Is.EqualTo("s.yaml"));
        Assert.That(line.StateFile, Is.EqualTo("state.json"));
        Assert.That(line.InputFilePath, Is.EqualTo("source_output.txt"));
        Assert.That(line.InputPath, Is.EqualTo("source_output.txt"));
        Assert.That(line.IsMageMode, Is.True);
    }

    [Test]
    public void Mage_batch_pipeline_arguments_with_catalog_are_read()
    {
        var line = Parse(
            "--log_to_stdout", "1", "--state", "s.json", "--input_file_path", "in.txt",
            "--catalog_json", "{\"streams\":[{\"tap_stream_id\":\"users\",\"destination_table\":\"Contact\"},{\"stream\":\"x\"}]}",
            "--config_json", "{}", "--debug", "--test_connection");

        Assert.That(line.Catalog!.DestinationTableFor("users"), Is.EqualTo("Contact"));
        Assert.That(line.Catalog.DestinationTableFor("x"), Is.Null);
        Assert.That(line.Debug, Is.True);
        Assert.That(line.TestConnection, Is.True);
    }

    [TestCase("1", true)]
    [TestCase("0", true)]
    [TestCase("false", true)]
    [TestCase("", false)]
    public void Log_to_stdout_follows_argparse_bool(string value, bool expected)
    {
        var line = Parse("--log_to_stdout", value);

        Assert.That(line.LogToStdout, Is.EqualTo(expected));
        Assert.That(line.IsMageMode, Is.True, "the flag given at all means Mage started us");
    }

    [TestCase("--input_file_path", "f")]
    [TestCase("--config_json", "{}")]
    public void Each_mage_input_flag_means_mage_mode(string flag, string value)
    {
        Assert.That(Parse(flag, value).IsMageMode, Is.True);
    }

    [TestCase(new[] { "--bogus" }, "unknown option --bogus")]
    [TestCase(new[] { "--config" }, "--config needs a value")]
    [TestCase(new[] { "--config", "--input", "x" }, "--config needs a value")]
    [TestCase(new[] { "--config=" }, "--config needs a value")]
    [TestCase(new[] { "--about", "--format", "yaml" }, "--format must be json or markdown, not \"yaml\"")]
    [TestCase(new[] { "stray.json" }, "unexpected argument \"stray.json\"")]
    [TestCase(new[] { "--debug=1" }, "--debug takes no value")]
    [TestCase(new[] { "--catalog_json", "{not json" }, "--catalog_json is not valid JSON")]
    [TestCase(new[] { "--catalog_json", "{\"streams\":5}" }, "--catalog_json must be a JSON object")]
    public void Bad_command_lines_are_usage_errors(string[] args, string message)
    {
        var error = Assert.Throws<UsageException>(() => CommandLineParser.Parse(args));

        Assert.That(error!.Message, Does.StartWith(message));
    }
}
