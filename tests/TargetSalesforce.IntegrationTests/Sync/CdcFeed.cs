using TargetSalesforce.IntegrationTests.Support;

namespace TargetSalesforce.IntegrationTests.Sync;

/// <summary>
/// A CDC tap's stream of Account changes keyed only by External_Id__c (no Salesforce Id anywhere): inserts, updates
/// and deletes marked by `_sdc_deleted_at`, some keys deleted and inserted again, with a STATE every few records. It
/// keeps the source table it describes, so a test can compare the org with it row by row.
/// </summary>
internal sealed class CdcFeed
{
    public static readonly object Schema = SingerStream.ObjectSchema(new Dictionary<string, string>
    {
        ["External_Id__c"] = "string", ["Name"] = "string", ["Description"] = "string", ["NumberOfEmployees"] = "integer", ["_sdc_deleted_at"] = "date-time",
    });

    /// <summary>Upserts on the external id, deletes by it, with several small jobs in flight.</summary>
    public static readonly object Config = AccountFeed.Upsert(new { table_name = "Account", process_deletes = true, batch_size_rows = 40, max_parallel_jobs = 4 });

    public CdcFeed(int changes, int keys, int seed, int stateEvery = 25)
    {
        var random = new Random(seed);
        Input = new SingerStream().Schema("accounts", Schema, "External_Id__c");
        for (var i = 1; i <= changes; i++)
        {
            var key = $"C-{random.Next(keys):D4}";

            // About one change in six deletes a key the source holds; the others insert or update it.
            if (Source.ContainsKey(key) && random.Next(6) == 0)
            {
                Source.Remove(key);
                Input.Record("accounts", new { External_Id__c = key, Name = (string?)null, Description = (string?)null, NumberOfEmployees = (int?)null, _sdc_deleted_at = "2026-12-01T10:00:00Z" });
                Deletes++;
            }
            else
            {
                var row = $"{key}|Account {key} v{i}|change {i}|{i}";
                Source[key] = row;
                Input.Record("accounts", new { External_Id__c = key, Name = $"Account {key} v{i}", Description = $"change {i}", NumberOfEmployees = i, _sdc_deleted_at = (string?)null });
            }

            if (i % stateEvery == 0 || i == changes)
            {
                Input.State(new { lsn = i });
            }
        }
    }

    public SingerStream Input { get; }

    /// <summary>The source table after every change: key → `key|Name|Description|NumberOfEmployees`.</summary>
    public SortedDictionary<string, string> Source { get; } = new(StringComparer.Ordinal);

    public int Deletes { get; private set; }

    /// <summary>The org's Accounts in the same form, ordered by key.</summary>
    public static async Task<string[]> OrgRowsAsync(OrgClient org) =>
        (await org.QueryAsync("SELECT External_Id__c, Name, Description, NumberOfEmployees FROM Account"))
        .Select(r => $"{r["External_Id__c"]}|{r["Name"]}|{r["Description"]}|{r["NumberOfEmployees"]}")
        .Order(StringComparer.Ordinal)
        .ToArray();
}
