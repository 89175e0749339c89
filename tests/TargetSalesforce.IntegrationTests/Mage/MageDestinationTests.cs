using Newtonsoft.Json.Linq;
using TargetSalesforce.IntegrationTests.Support;

namespace TargetSalesforce.IntegrationTests.Mage;

/// <summary>
/// The target started exactly as Mage starts a destination (mage.md section 1), against the emulator:
/// the state file, the JSON log lines on stdout, and how failures show to Mage.
/// </summary>
internal sealed class MageDestinationTests : EmulatorTestBase
{
    private static readonly JObject AccountSchema = SingerStream.ObjectSchema(new Dictionary<string, string>
    {
        ["External_Id__c"] = "string",
        ["Name"] = "string",
        ["updated_at"] = "date-time",
    });

    private static readonly JToken FinalState = JToken.Parse("""{"bookmarks":{"accounts":{"updated_at":"2026-11-03T00:00:00Z"}}}""");

    [Test]
    public async Task Classic_pipeline_loads_skips_the_noise_and_writes_the_last_state_to_the_state_file()
    {
        using var run = new MageRun(SourceOutput(), Config());

        var result = await TargetProcess.RunAsync(run.ClassicArguments);

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(JToken.DeepEquals(run.State(), FinalState), Is.True, $"state file holds {run.State()}");
        var logs = MageRun.LogLines(result);
        Assert.That(logs.Where(MageRun.FailsTheBlock), Is.Empty);
        Assert.That(logs.Any(l => ((string?)l["message"])?.Contains("tap log line without a type", StringComparison.Ordinal) == true), Is.True,
            "a source's {level, message} line is logged again, as Mage's base class does");
        var names = (await Org.QueryAsync("SELECT External_Id__c FROM Account ORDER BY External_Id__c")).Select(r => (string)r["External_Id__c"]!);
        Assert.That(names, Is.EqualTo(new[] { "MAGE-1", "MAGE-2", "MAGE-3" }));
    }

    [Test]
    public async Task A_run_that_emits_no_state_still_leaves_a_state_file_for_Mage_to_read()
    {
        var input = new SingerStream().Schema("Account", AccountSchema, "External_Id__c")
            .Record("Account", new { External_Id__c = "MAGE-9", Name = "No state" });
        using var run = new MageRun(input.ToString(), Config());
        File.Delete(run.StateFile);

        var result = await TargetProcess.RunAsync(run.ClassicArguments);

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(File.Exists(run.StateFile), Is.True, "Mage reads the state file back after the run");
        Assert.That(JToken.DeepEquals(run.State(), new JObject()), Is.True, $"state file holds {run.State()}");
    }

    [Test]
    public async Task Batch_pipeline_block_with_a_catalog_and_config_last_loads_into_the_destination_table()
    {
        // Mage sets `table` from the catalog's destination_table; the stream's own name is no object.
        var config = Config();
        config["table"] = "Account";
        var catalog = new JObject
        {
            ["streams"] = new JArray(new JObject
            {
                ["tap_stream_id"] = "accounts",
                ["stream"] = "accounts",
                ["destination_table"] = "Account",
                ["schema"] = AccountSchema,
                ["metadata"] = new JArray(),
                ["key_properties"] = new JArray("External_Id__c"),
                ["replication_method"] = "INCREMENTAL",
            }),
        };
        using var run = new MageRun(SourceOutput(), config);

        var result = await TargetProcess.RunAsync(run.BlockArguments(catalog));

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(JToken.DeepEquals(run.State(), FinalState), Is.True, $"state file holds {run.State()}");
        Assert.That(MageRun.LogLines(result).Where(MageRun.FailsTheBlock), Is.Empty);
        Assert.That(await Org.CountAsync("Account"), Is.EqualTo(3));
    }

    [Test]
    public async Task A_failure_tolerated_by_allow_failures_is_reported_below_ERROR_and_the_state_moves_on()
    {
        var config = Config();
        config["allow_failures"] = true;
        using var run = new MageRun(SourceOutput(nameless: "MAGE-2"), config);

        var result = await TargetProcess.RunAsync(run.ClassicArguments);

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        var logs = MageRun.LogLines(result);
        Assert.That(logs.Where(MageRun.FailsTheBlock), Is.Empty, "Mage would fail the block on this line");
        Assert.That(logs.Any(l => l.ToString().Contains("REQUIRED_FIELD_MISSING", StringComparison.Ordinal)), Is.True, "the rejected record is reported");
        Assert.That(JToken.DeepEquals(run.State(), FinalState), Is.True, $"state file holds {run.State()}");
        Assert.That(await Org.CountAsync("Account"), Is.EqualTo(2));
    }

    [Test]
    public async Task A_halting_failure_logs_one_EXCEPTION_with_the_reason_exits_1_and_keeps_the_state_before_it()
    {
        using var run = new MageRun(SourceOutput(nameless: "MAGE-3"), Config());

        var result = await TargetProcess.RunAsync(run.ClassicArguments);

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString);
        var exceptions = MageRun.LogLines(result).Where(l => (string?)l["level"] == "EXCEPTION").ToList();
        Assert.That(exceptions, Is.Not.Empty, result.ToString);
        Assert.That((string?)exceptions[0]["tags"]?["error"], Does.Contain("REQUIRED_FIELD_MISSING"));
        Assert.That(JToken.DeepEquals(run.State(), FinalState), Is.False, "the state after the failed record was written");
        var before = JToken.Parse("""{"bookmarks":{"accounts":{"updated_at":"2026-11-02T00:00:00Z"}}}""");
        Assert.That(JToken.DeepEquals(run.State(), before) || JToken.DeepEquals(run.State(), JToken.Parse("""{"bookmarks":{}}""")), Is.True,
            $"state file holds {run.State()}");
    }

    [Test]
    public async Task Test_connection_answers_within_Mages_ten_seconds()
    {
        var result = await TargetProcess.RunAsync(
            ["--config_json", Config().ToString(Newtonsoft.Json.Formatting.None), "--test_connection"],
            launch: new TargetLaunch { HangLimit = TimeSpan.FromSeconds(10) });

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(result.Stderr.Split('\n').Where(l => l.StartsWith("ERROR", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public async Task A_failed_test_connection_puts_an_ERROR_line_with_the_reason_in_tags_error_on_stderr()
    {
        var config = Config();
        config["client_secret"] = "not-the-secret-1234";

        var result = await TargetProcess.RunAsync(
            ["--config_json", config.ToString(Newtonsoft.Json.Formatting.None), "--test_connection"],
            launch: new TargetLaunch { HangLimit = TimeSpan.FromSeconds(10) });

        Assert.That(result.ExitCode, Is.Not.Zero, result.ToString);
        // Mage's reading (integration_pipeline.py): lines starting ERROR, the first JSON object in them, its tags.error.
        var errorLine = result.Stderr.Split('\n').FirstOrDefault(l => l.StartsWith("ERROR", StringComparison.Ordinal));
        Assert.That(errorLine, Is.Not.Null, result.ToString);
        var json = (JObject)StrictJson.Parse(errorLine![errorLine.IndexOf('{', StringComparison.Ordinal)..], "the JSON of the ERROR line");
        Assert.That((string?)json["tags"]?["error"], Does.Contain("invalid_client").Or.Contain("client"), errorLine);
        Assert.That(result.Stdout + result.Stderr, Does.Not.Contain("not-the-secret-1234"));
    }

    [Test]
    public async Task The_python_shim_runs_the_target_with_Mages_arguments()
    {
        var python = PythonShim.Python ?? throw new IgnoreException("python3 is not on PATH");
        using var run = new MageRun(SourceOutput(), Config());

        var result = await TargetProcess.RunAsync(
            run.ClassicArguments,
            environment: new Dictionary<string, string> { ["TARGET_SALESFORCE_EXECUTABLE"] = RepoPaths.TargetForShims },
            launch: new TargetLaunch { Command = [python, PythonShim.Module] });

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(JToken.DeepEquals(run.State(), FinalState), Is.True, $"state file holds {run.State()}");
        Assert.That(MageRun.LogLines(result).Where(MageRun.FailsTheBlock), Is.Empty);
        Assert.That(await Org.CountAsync("Account"), Is.EqualTo(3));
    }

    /// <summary>
    /// A Mage source's merged output: plain log text, Mage LOG lines, a tap line with level and message
    /// but no type, and Singer messages with Mage's extra SCHEMA keys. <paramref name="nameless"/> names a
    /// record sent without Name, which the org rejects (REQUIRED_FIELD_MISSING).
    /// </summary>
    private static string SourceOutput(string? nameless = null)
    {
        var schema = new JObject
        {
            ["type"] = "SCHEMA",
            ["stream"] = "accounts",
            ["schema"] = AccountSchema,
            ["key_properties"] = new JArray("External_Id__c"),
            ["bookmark_properties"] = new JArray("updated_at"),
            ["replication_method"] = "INCREMENTAL",
            ["unique_conflict_method"] = "UPDATE",
            ["unique_constraints"] = new JArray("External_Id__c"),
            ["partition_keys"] = new JArray(),
        };
        var input = new SingerStream()
            .Line("Starting source sync")
            .Line("""{"caller": "mage_integrations.sources.base", "level": "INFO", "message": "Syncing stream accounts.", "tags": {"stream": "accounts"}, "timestamp": 1795852800, "type": "LOG", "uuid": "0b7c4e1f"}""")
            .Line("[2026-11-28T10:00:00.000000] INFO singer: Starting sync")
            .Line(schema.ToString(Newtonsoft.Json.Formatting.None))
            .Line("""{"level": "INFO", "message": "tap log line without a type"}""");
        for (var i = 1; i <= 3; i++)
        {
            var id = $"MAGE-{i}";
            var updated = $"2026-11-0{i}T00:00:00Z";
            input.Record("accounts", id == nameless
                ? new JObject { ["External_Id__c"] = id, ["updated_at"] = updated }
                : new JObject { ["External_Id__c"] = id, ["Name"] = $"Mage account {i}", ["updated_at"] = updated });
            input.State(new { bookmarks = new { accounts = new { updated_at = updated } } });
            input.Line($$"""{"caller": "mage_integrations.sources.base", "level": "INFO", "message": "Synced {{i}} rows.", "tags": {}, "timestamp": 1795852801, "type": "LOG", "uuid": "5d2a{{i}}"}""");
        }

        return input.Line("Finished source sync").ToString();
    }

    /// <summary>The config block Mage sends: the user's YAML config plus `table`; values Mage's template leaves empty stay "".</summary>
    private JObject Config()
    {
        using var config = TargetConfig.For(Emulator.BaseUrl, new
        {
            action = "upsert",
            external_id_name = "External_Id__c",
            table_name = "",
            username = "",
            password = "",
            security_token = "",
            allow_failures = false,
            table = "Account",
        });
        return config.Values;
    }
}
