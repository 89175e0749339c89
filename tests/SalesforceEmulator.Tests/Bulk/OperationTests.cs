using SalesforceEmulator.Tests.Support;

namespace SalesforceEmulator.Tests.Bulk;

public sealed class OperationTests : EmulatorFixture
{
    private async Task<List<string>> IdsOfAsync(JobRun run) =>
        CsvText.Parse(await ResultsAsync(run.Id, "successfulResults")).Skip(1).Select(r => r[0]).ToList();

    [Test]
    public async Task Insert_creates_records_with_18_character_ids_and_system_fields()
    {
        var run = await RunJobAsync("Account", "insert", "Name\nA\n");
        var record = (await QueryAsync("SELECT Id, Name, CreatedDate, IsDeleted FROM Account"))[0];

        var ids = await IdsOfAsync(run);

        Assert.That(ids[0], Has.Length.EqualTo(18).And.StartWith("001"));
        Assert.That(record["Id"].GetString(), Is.EqualTo(ids[0]));
        Assert.That(record["CreatedDate"].GetString(), Does.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$"));
        Assert.That(record["IsDeleted"].GetBoolean(), Is.False);
    }

    [Test]
    public async Task Upsert_on_an_external_id_inserts_then_updates()
    {
        var first = await RunJobAsync("Account", "upsert", "External_Id__c,Name\nK1,A\n", "External_Id__c");
        var second = await RunJobAsync("Account", "upsert", "External_Id__c,Name\nk1,B\nK2,C\n", "External_Id__c");

        var results = CsvText.Parse(await ResultsAsync(second.Id, "successfulResults")).Skip(1).ToList();
        var names = (await QueryAsync("SELECT Name FROM Account ORDER BY Name")).Select(r => r["Name"].GetString());

        Assert.That(first.Failed + second.Failed, Is.Zero);
        Assert.That(results.Select(r => r[1]), Is.EqualTo(new[] { "false", "true" }));
        Assert.That(results[0][0], Is.EqualTo((await IdsOfAsync(first))[0]));
        Assert.That(names, Is.EqualTo(new[] { "B", "C" }));
    }

    [Test]
    public async Task Updating_an_external_id_moves_its_lookup_and_an_upsert_keeps_the_stored_spelling()
    {
        var insert = await RunJobAsync("Account", "insert", "Name,External_Id__c\nA,OLD-1\n");
        var id = (await IdsOfAsync(insert))[0];
        await RunJobAsync("Account", "update", $"Id,External_Id__c\n{id},New-1\n");

        var upsert = await RunJobAsync("Account", "upsert", "External_Id__c,Name\nnew-1,Renamed\nOLD-1,Other\n", "External_Id__c");
        var results = CsvText.Parse(await ResultsAsync(upsert.Id, "successfulResults")).Skip(1).ToList();
        var stored = await QueryAsync($"SELECT External_Id__c, Name FROM Account WHERE Id = '{id}'");

        Assert.That(results.Select(r => (r[0] == id, r[1])), Is.EqualTo(new[] { (true, "false"), (false, "true") }));
        Assert.That(stored[0]["External_Id__c"].GetString(), Is.EqualTo("New-1"));
        Assert.That(stored[0]["Name"].GetString(), Is.EqualTo("Renamed"));
    }

    [Test]
    public async Task Upsert_on_Id_inserts_blank_ids_and_updates_given_ones()
    {
        var first = await RunJobAsync("Account", "insert", "Name\nA\n");
        var id = (await IdsOfAsync(first))[0];

        var upsert = await RunJobAsync("Account", "upsert", $"Id,Name\n,New\n{id.ToLowerInvariant()},Renamed\n", "Id");
        var results = CsvText.Parse(await ResultsAsync(upsert.Id, "successfulResults")).Skip(1).ToList();

        Assert.That(upsert.Failed, Is.Zero);
        Assert.That(results.Select(r => r[1]), Is.EqualTo(new[] { "true", "false" }));
        Assert.That(results[1][0], Is.EqualTo(id));
        Assert.That((await QueryAsync("SELECT Name FROM Account ORDER BY Name")).Select(r => r["Name"].GetString()), Is.EqualTo(new[] { "New", "Renamed" }));
    }

    [Test]
    public async Task Delete_moves_to_the_recycle_bin_so_a_second_delete_fails()
    {
        var insert = await RunJobAsync("Account", "insert", "Name\nA\n");
        var id = (await IdsOfAsync(insert))[0];

        var delete = await RunJobAsync("Account", "delete", $"Id\n{id[..15]}\n");
        var again = await RunJobAsync("Account", "delete", $"Id\n{id}\n");

        Assert.That(delete.Failed, Is.Zero);
        Assert.That(CsvText.Parse(await ResultsAsync(delete.Id, "successfulResults"))[1], Is.EqualTo(new[] { id, "false", id[..15] }));
        Assert.That(await QueryAsync("SELECT Id FROM Account"), Is.Empty);
        Assert.That(await ErrorsAsync(again.Id), Is.EqualTo(new[] { "ENTITY_IS_DELETED:entity is deleted:--" }));
    }

    [Test]
    public async Task HardDelete_removes_the_record_for_good()
    {
        var insert = await RunJobAsync("Account", "insert", "Name,External_Id__c\nA,K\n");
        var id = (await IdsOfAsync(insert))[0];

        var hardDelete = await RunJobAsync("Account", "hardDelete", $"Id\n{id}\n");
        var update = await RunJobAsync("Account", "update", $"Id,Name\n{id},B\n");
        var reuse = await RunJobAsync("Account", "insert", "Name,External_Id__c\nC,K\n");

        Assert.That(hardDelete.Failed, Is.Zero);
        Assert.That(await ErrorsAsync(update.Id), Is.EqualTo(new[] { "INVALID_CROSS_REFERENCE_KEY:invalid cross reference id:--" }));
        Assert.That(reuse.Failed, Is.Zero);
    }

    [Test]
    public async Task Rows_written_are_counted_by_object_and_operation()
    {
        await RunJobAsync("Account", "insert", "Name\nA\nB\n\n");
        await RunJobAsync("Account", "insert", "Name\n\n");

        var counts = Host.Org.RowsByObjectAndOperation();

        Assert.That(counts["Account"]["insert"], Is.EqualTo(2));
    }
}
