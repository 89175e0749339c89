using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using TargetSalesforce.IntegrationTests.Support;

namespace TargetSalesforce.IntegrationTests.Sync;

/// <summary>
/// A full-table tap's versions with `activate_version: delete_missing`: each run sends the whole table then
/// ACTIVATE_VERSION; rows of the stream's scope that a version did not write are deleted, rows outside it never, and
/// a version that would delete too much of the scope stops the run first.
/// </summary>
internal sealed class FullTableVersionTests : EmulatorTestBase
{
    private static readonly object Schema = SingerStream.ObjectSchema(new Dictionary<string, string>
    {
        ["External_Id__c"] = "string", ["Name"] = "string", ["Industry"] = "string",
    });

    private static readonly object Config = AccountFeed.Upsert(new
    {
        activate_version = "delete_missing",
        max_delete_fraction = 0.25,
        streams = new Dictionary<string, object> { ["retail_accounts"] = new { @object = "Account", scope = "Industry = 'Retail'" } },
    });

    private static string Activate(long version) =>
        new JObject { ["type"] = "ACTIVATE_VERSION", ["stream"] = "retail_accounts", ["version"] = version }.ToString(Formatting.None);

    /// <summary>One full-table sync as tap-postgres sends it: the table's rows, then the version's ACTIVATE_VERSION, then a state.</summary>
    private static SingerStream Version(long version, IEnumerable<int> rows, bool opening = false)
    {
        var input = new SingerStream().Schema("retail_accounts", Schema, "External_Id__c");
        if (opening)
        {
            input.Line(Activate(version));
        }

        foreach (var i in rows)
        {
            input.Record("retail_accounts", new { External_Id__c = $"R-{i:D2}", Name = $"Store {i} (v{version})", Industry = "Retail" });
        }

        return input.Line(Activate(version)).State(new { version });
    }

    private async Task<string[]> KeysAsync() =>
        (await Org.QueryAsync("SELECT External_Id__c FROM Account")).Select(r => r["External_Id__c"]!.ToString()).Order(StringComparer.Ordinal).ToArray();

    [Test]
    public async Task Two_versions_delete_exactly_the_rows_missing_from_the_second_inside_the_scope_only()
    {
        // Rows the stream does not own: outside its scope (another industry, or none).
        var others = new SingerStream().Schema("Account", Schema)
            .Record("Account", new { External_Id__c = "B-01", Name = "Bank", Industry = "Banking" })
            .Record("Account", new { External_Id__c = "B-02", Name = "No industry" });
        Assert.That((await RunTargetAsync(others, AccountFeed.Upsert())).ExitCode, Is.Zero);

        var first = await RunTargetAsync(Version(1, Enumerable.Range(1, 10), opening: true), Config);
        Assert.That(first.ExitCode, Is.Zero, first.ToString);
        Assert.That(await KeysAsync(), Has.Length.EqualTo(12));

        var second = await RunTargetAsync(Version(2, Enumerable.Range(1, 10).Where(i => i is not (4 or 9))), Config);

        Assert.That(second.ExitCode, Is.Zero, second.ToString);
        var expected = new[] { "B-01", "B-02" }.Concat(Enumerable.Range(1, 10).Where(i => i is not (4 or 9)).Select(i => $"R-{i:D2}")).Order(StringComparer.Ordinal);
        Assert.That(await KeysAsync(), Is.EqualTo(expected));
        Assert.That(second.Stderr, Does.Contain("2 of 10 rows in scope were not"));
        Assert.That(second.StdoutLines, Is.EqualTo(new[] { """{"version":2}""" }));
        Assert.That(await Org.CountAsync("Account", "Name LIKE '%(v2)'"), Is.EqualTo(8), "the version's own rows were written first");
    }

    [Test]
    public async Task A_version_that_would_delete_more_than_max_delete_fraction_of_the_scope_stops_the_run_and_deletes_nothing()
    {
        Assert.That((await RunTargetAsync(Version(1, Enumerable.Range(1, 10), opening: true), Config)).ExitCode, Is.Zero);

        var shrunk = await RunTargetAsync(Version(2, Enumerable.Range(1, 6)), Config);

        Assert.That(shrunk.ExitCode, Is.EqualTo(1), shrunk.ToString);
        Assert.That(shrunk.Stderr, Does.Contain("would delete 4 of the 10 Account rows in scope").And.Contain("max_delete_fraction 0.25"));
        Assert.That(shrunk.StdoutLines, Is.Empty, "no state past the refused version");
        Assert.That(await Org.CountAsync("Account", "Industry = 'Retail'"), Is.EqualTo(10));
    }

    [Test]
    public async Task Without_a_scope_a_deleting_mode_stops_at_the_version_naming_the_setting()
    {
        var result = await RunTargetAsync(Version(1, Enumerable.Range(1, 3)), AccountFeed.Upsert(new
        {
            activate_version = "delete_missing",
            streams = new Dictionary<string, object> { ["retail_accounts"] = new { @object = "Account" } },
        }));

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Stderr, Does.Contain("streams.retail_accounts.scope"));
    }
}
