// Tests log literal values to check how they are formatted; the cost rule CA1873 is about hot paths.
#pragma warning disable CA1873

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;
using TargetSalesforce.Configuration;
using TargetSalesforce.Logging;

namespace TargetSalesforce.Tests.Logging;

[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class LoggingTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 14, 30, 0, 123, TimeSpan.Zero);

    private readonly StringWriter stdout = new();
    private readonly StringWriter stderr = new();
    private readonly SecretRedactor redactor = new();
    private readonly List<ILoggerFactory> factories = [];

    public void Dispose()
    {
        foreach (var factory in factories)
        {
            factory.Dispose();
        }

        stdout.Dispose();
        stderr.Dispose();
    }

    private ILogger Logger(LogStyle style, LogLevel level = LogLevel.Information)
    {
        var factory = TargetLogging.CreateFactory(style, level, redactor, stdout, stderr, new FakeTimeProvider(Now));
        factories.Add(factory);
        return factory.CreateLogger("target_salesforce");
    }

    private static string[] Lines(StringWriter writer) =>
        writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Test]
    public void Text_lines_carry_utc_time_level_and_message_on_stderr()
    {
        Logger(LogStyle.Text).LogInformation("Loaded {Count} records", 3);

        Assert.That(stderr.ToString(), Is.EqualTo("2026-11-28T14:30:00.123Z INFO  Loaded 3 records\n"));
        Assert.That(stdout.ToString(), Is.Empty);
    }

    [Test]
    public void Events_below_the_minimum_level_are_dropped()
    {
        var logger = Logger(LogStyle.Text, LogLevel.Warning);

        logger.LogInformation("quiet");
        logger.LogWarning("loud");

        Assert.That(Lines(stderr), Has.Length.EqualTo(1).And.Some.Contains("WARN  loud"));
    }

    [Test]
    public void Meltano_json_has_every_key_the_sdk_parser_requires()
    {
        Logger(LogStyle.MeltanoJson).LogWarning("Field {Field} dropped from {Stream}", "Fax", "accounts");

        var line = JObject.Parse(stderr.ToString());
        Assert.That(
            line.Properties().Select(p => p.Name),
            Is.SupersetOf(new[] { "level", "pid", "logger_name", "ts", "thread_name", "app_name", "stream_name", "message" }));
        Assert.That((string?)line["level"], Is.EqualTo("warning"));
        Assert.That((string?)line["stream_name"], Is.EqualTo("accounts"));
        Assert.That((string?)line["message"], Is.EqualTo("Field Fax dropped from accounts"));
        Assert.That((double)line["ts"]!, Is.EqualTo(Now.ToUnixTimeMilliseconds() / 1000.0));
        Assert.That((int)line["pid"]!, Is.EqualTo(Environment.ProcessId));
    }

    [Test]
    public void Meltano_json_takes_the_stream_from_a_scope()
    {
        var logger = Logger(LogStyle.MeltanoJson);
        using (logger.BeginScope(new Dictionary<string, object?> { ["Stream"] = "contacts" }))
        {
            logger.LogInformation("flushing");
        }

        Assert.That((string?)JObject.Parse(stderr.ToString())["stream_name"], Is.EqualTo("contacts"));
    }

    [Test]
    public void Meltano_json_errors_carry_an_exception_object()
    {
        Logger(LogStyle.MeltanoJson).LogError(new InvalidOperationException("outer", new IOException("inner")), "failed");

        var exception = (JObject)JObject.Parse(stderr.ToString())["exception"]!;
        Assert.That((string?)exception["type"], Is.EqualTo("InvalidOperationException"));
        Assert.That((string?)exception["module"], Is.EqualTo("System"));
        Assert.That((string?)exception["message"], Is.EqualTo("outer"));
        Assert.That((string?)exception["cause"]!["type"], Is.EqualTo("IOException"));
    }

    [Test]
    public void Metrics_are_singer_metric_lines_in_text_and_metric_info_in_json()
    {
        var tags = new Dictionary<string, object?> { ["stream"] = "accounts" };
        Logger(LogStyle.Text).LogMetric(MetricPoint.Counter("record_count", 42, tags));
        Logger(LogStyle.MeltanoJson).LogMetric(MetricPoint.Counter("record_count", 42, tags));

        var lines = Lines(stderr);
        Assert.That(lines[0], Does.EndWith("INFO  METRIC: {\"type\":\"counter\",\"metric\":\"record_count\",\"value\":42,\"tags\":{\"stream\":\"accounts\"}}"));
        var json = JObject.Parse(lines[1]);
        Assert.That((string?)json["message"], Is.EqualTo("METRIC"));
        Assert.That((string?)json["stream_name"], Is.EqualTo("accounts"));
        Assert.That((long)json["metric_info"]!["value"]!, Is.EqualTo(42));
        Assert.That((string?)json["metric_info"]!["metric"], Is.EqualTo("record_count"));
    }

    [Test]
    public void Mage_lines_go_to_stdout_with_mage_keys()
    {
        Logger(LogStyle.MageStdout).LogInformation("Loaded {Count} records into {Object}", 3, "Account");

        Assert.That(stderr.ToString(), Is.Empty);
        var line = JObject.Parse(stdout.ToString());
        Assert.That(
            line.Properties().Select(p => p.Name),
            Is.EquivalentTo(new[] { "caller", "level", "message", "tags", "timestamp", "uuid", "type" }));
        Assert.That((string?)line["type"], Is.EqualTo("LOG"));
        Assert.That((string?)line["level"], Is.EqualTo("INFO"));
        Assert.That((long)line["timestamp"]!, Is.EqualTo(Now.ToUnixTimeSeconds()));
        Assert.That((int)line["tags"]!["count"]!, Is.EqualTo(3));
        Assert.That((string?)line["tags"]!["object"], Is.EqualTo("Account"));
    }

    [TestCase(LogLevel.Debug, "DEBUG")]
    [TestCase(LogLevel.Information, "INFO")]
    [TestCase(LogLevel.Warning, "WARNING")]
    [TestCase(LogLevel.Error, "ERROR")]
    [TestCase(LogLevel.Critical, "EXCEPTION")]
    public void Mage_levels_follow_mage_names(LogLevel level, string expected)
    {
        Logger(LogStyle.MageStdout, LogLevel.Debug).Log(level, "x");

        Assert.That((string?)JObject.Parse(stdout.ToString())["level"], Is.EqualTo(expected));
    }

    [Test]
    public void A_mage_fatal_line_carries_the_reason_in_tags_error()
    {
        Logger(LogStyle.MageStdout).LogCritical(new InvalidOperationException("login refused"), "The run failed");

        var line = JObject.Parse(stdout.ToString());
        Assert.That((string?)line["level"], Is.EqualTo("EXCEPTION"));
        Assert.That((string?)line["tags"]!["error"], Is.EqualTo("login refused"));
    }

    [Test]
    public void Mage_lines_on_stderr_start_with_the_level_mage_looks_for()
    {
        var logger = Logger(LogStyle.MageStderr);

        logger.LogError("INVALID_LOGIN: bad password");
        logger.LogInformation("hello");

        var lines = Lines(stderr);
        Assert.That(lines[0], Does.StartWith("ERROR {"));
        Assert.That((string?)JObject.Parse(lines[0]["ERROR ".Length..])["tags"]!["error"], Is.EqualTo("INVALID_LOGIN: bad password"));
        Assert.That(lines[1], Does.StartWith("INFO {"));
    }

    [Test]
    public void Secrets_are_masked_in_messages_properties_and_exceptions_in_every_style()
    {
        redactor.Add("s3cr3t+/=value");
        foreach (var style in Enum.GetValues<LogStyle>())
        {
            var logger = Logger(style, LogLevel.Debug);
            logger.LogError(
                new HttpRequestException("POST body had refresh_token=s3cr3t%2B%2F%3Dvalue"),
                "Token {Token} rejected in {Uri}; raw s3cr3t+/=value", "s3cr3t+/=value", new Uri("https://x.test/?t=s3cr3t%2B%2F%3Dvalue"));
        }

        var everything = stdout.ToString() + stderr.ToString();
        Assert.That(everything, Does.Not.Contain("s3cr3t"));
        Assert.That(everything, Does.Contain("***"));
    }

    [Test]
    public void Tokens_registered_at_run_time_are_masked_from_then_on()
    {
        var logger = Logger(LogStyle.Text);
        redactor.Add("00Dxx!AQ4AQ.token");

        logger.LogInformation("Authorization: Bearer 00Dxx!AQ4AQ.token");

        Assert.That(stderr.ToString(), Does.EndWith("INFO  Authorization: Bearer ***\n"));
    }

    [Test]
    public void A_secret_containing_another_is_masked_whole()
    {
        redactor.Add("abc");
        redactor.Add("abcdef");

        Assert.That(redactor.Redact("x abcdef y abc"), Is.EqualTo("x *** y ***"));
    }

    [Test]
    public void Text_shows_stacks_only_at_debug()
    {
        Exception thrown;
        try
        {
            throw new InvalidOperationException("boom");
        }
        catch (InvalidOperationException e)
        {
            thrown = e;
        }

        Logger(LogStyle.Text).LogError(thrown, "failed");
        Logger(LogStyle.Text, LogLevel.Debug).LogError(thrown, "failed");

        var lines = stderr.ToString().Split('\n');
        Assert.That(lines[0], Does.EndWith("ERROR failed | InvalidOperationException: boom"));
        Assert.That(lines[1], Does.EndWith("ERROR failed | InvalidOperationException: boom"));
        Assert.That(lines[2], Does.StartWith("    ").And.Contains(nameof(Text_shows_stacks_only_at_debug)));
    }

    [TestCase(null, null, false, LogLevel.Information)]
    [TestCase("debug", null, false, LogLevel.Debug)]
    [TestCase(null, "WARNING", false, LogLevel.Warning)]
    [TestCase("error", "debug", false, LogLevel.Error)]
    [TestCase("error", null, true, LogLevel.Debug)]
    [TestCase("nonsense", null, false, LogLevel.Information)]
    public void Level_comes_from_the_environment_and_debug_lowers_it(string? own, string? general, bool debug, LogLevel expected)
    {
        var environment = new Dictionary<string, string>();
        if (own is not null)
        {
            environment["TARGET_SALESFORCE_LOGLEVEL"] = own;
        }

        if (general is not null)
        {
            environment["LOGLEVEL"] = general;
        }

        Assert.That(LogLevels.FromEnvironment(environment, debug), Is.EqualTo(expected));
    }

    [Test]
    public void The_log_level_flag_wins_over_debug_and_the_environment() =>
        Assert.That(
            LogLevels.FromEnvironment(new Dictionary<string, string> { ["LOGLEVEL"] = "debug" }, debug: true, flag: LogLevel.Warning),
            Is.EqualTo(LogLevel.Warning));

    [TestCase(false, false, LogFormat.Text, LogStyle.Text)]
    [TestCase(false, false, LogFormat.Json, LogStyle.MeltanoJson)]
    [TestCase(true, false, LogFormat.Text, LogStyle.MageStderr)]
    [TestCase(true, true, LogFormat.Json, LogStyle.MageStdout)]
    public void The_style_follows_host_and_setting(bool mage, bool toStdout, LogFormat format, LogStyle expected)
    {
        Assert.That(LogStyles.Choose(mage, toStdout, format), Is.EqualTo(expected));
    }
}
