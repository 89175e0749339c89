using Newtonsoft.Json.Linq;
using TargetSalesforce.IntegrationTests.Support;

namespace TargetSalesforce.IntegrationTests.Newcomer;

/// <summary>A CDC tap marks deleted rows with `_sdc_deleted_at`; with process_deletes they leave the org.</summary>
internal sealed class ProcessDeletesTests : EmulatorTestBase
{
    private static readonly JObject CdcSchema = SingerStream.ObjectSchema(new Dictionary<string, string>
    {
        ["Id"] = "string",
        ["Name"] = "string",
        ["_sdc_deleted_at"] = "date-time",
    });

    [TestCase("upsert")]
    [TestCase("update")]
    public async Task Rows_marked_deleted_are_deleted_and_the_others_written(string action)
    {
        var (acme, globex, initech) = await SeedAsync();
        var input = new SingerStream().Schema("accounts_cdc", CdcSchema, "Id")
            .Record("accounts_cdc", new JObject { ["Id"] = acme, ["Name"] = "Acme v2", ["_sdc_deleted_at"] = null })
            .Record("accounts_cdc", new JObject { ["Id"] = globex, ["Name"] = "Globex", ["_sdc_deleted_at"] = "2026-11-28T10:00:00Z" })
            .State(new { lsn = 42 });

        var result = await RunTargetAsync(input, new { action, external_id_name = "Id", table_name = "Account", process_deletes = true });

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        var left = (await Org.QueryAsync("SELECT Id, Name FROM Account ORDER BY Name")).Select(r => $"{r["Id"]}={r["Name"]}");
        Assert.That(left, Is.EqualTo(new[] { $"{acme}=Acme v2", $"{initech}=Initech" }));
        Assert.That(result.StdoutLines, Is.EqualTo(new[] { """{"lsn":42}""" }));
    }

    [Test]
    public async Task Without_process_deletes_a_marked_row_is_written_like_any_other()
    {
        var (_, globex, _) = await SeedAsync();
        var input = new SingerStream().Schema("accounts_cdc", CdcSchema, "Id")
            .Record("accounts_cdc", new JObject { ["Id"] = globex, ["Name"] = "Globex v2", ["_sdc_deleted_at"] = "2026-11-28T10:00:00Z" });

        var result = await RunTargetAsync(input, new { action = "upsert", external_id_name = "Id", table_name = "Account" });

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(await Org.CountAsync("Account"), Is.EqualTo(3));
        Assert.That((string?)(await Org.FindAsync("Account", "Name", $"Id = '{globex}'"))?["Name"], Is.EqualTo("Globex v2"));
    }

    [Test]
    public async Task With_action_hard_delete_marked_rows_are_hard_deleted()
    {
        var (acme, _, _) = await SeedAsync();
        var input = new SingerStream().Schema("accounts_cdc", CdcSchema, "Id")
            .Record("accounts_cdc", new JObject { ["Id"] = acme, ["_sdc_deleted_at"] = "2026-11-28T10:00:00Z" });

        var result = await RunTargetAsync(input, new { action = "hard_delete", table_name = "Account", process_deletes = true });

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(await Org.CountAsync("Account", $"Id = '{acme}'"), Is.Zero);
        Assert.That(await Org.CountAsync("Account"), Is.EqualTo(2));
    }

    private async Task<(string Acme, string Globex, string Initech)> SeedAsync()
    {
        var seed = new SingerStream().Schema("Account", SingerStream.ObjectSchema(new Dictionary<string, string> { ["Name"] = "string" }))
            .Record("Account", new { Name = "Acme" })
            .Record("Account", new { Name = "Globex" })
            .Record("Account", new { Name = "Initech" });
        var seeded = await RunTargetAsync(seed, new { action = "insert" });
        Assert.That(seeded.ExitCode, Is.Zero, seeded.ToString);
        async Task<string> IdOf(string name) => (string)(await Org.FindAsync("Account", "Id", $"Name = '{name}'"))!["Id"]!;
        return (await IdOf("Acme"), await IdOf("Globex"), await IdOf("Initech"));
    }
}
