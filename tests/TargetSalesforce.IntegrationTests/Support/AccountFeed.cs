namespace TargetSalesforce.IntegrationTests.Support;

/// <summary>A tap's worth of Account records keyed by External_Id__c, with a STATE every few records.</summary>
internal static class AccountFeed
{
    public const string Key = "External_Id__c";

    public static readonly object Schema = SingerStream.ObjectSchema(new Dictionary<string, string>
    {
        [Key] = "string", ["Name"] = "string", ["Description"] = "string", ["NumberOfEmployees"] = "integer",
    });

    /// <summary>
    /// <paramref name="records"/> records, each a distinct key `A-00001`…, and `{"position": n}` states after
    /// every <paramref name="stateEvery"/> records and at the end.
    /// </summary>
    public static SingerStream Distinct(int records, int stateEvery = 10)
    {
        var input = new SingerStream().Schema("Account", Schema);
        for (var i = 1; i <= records; i++)
        {
            input.Record("Account", new { External_Id__c = $"A-{i:D5}", Name = $"Account {i}", Description = $"row {i}", NumberOfEmployees = i });
            if (i % stateEvery == 0 || i == records)
            {
                input.State(new { position = i });
            }
        }

        return input;
    }

    /// <summary>Upsert config on the Account external id.</summary>
    public static object Upsert(object? more = null)
    {
        var values = Newtonsoft.Json.Linq.JObject.FromObject(new { action = "upsert", external_id_name = Key });
        if (more is not null)
        {
            values.Merge(Newtonsoft.Json.Linq.JObject.FromObject(more));
        }

        return values;
    }
}
