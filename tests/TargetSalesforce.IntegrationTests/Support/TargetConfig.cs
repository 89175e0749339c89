using Newtonsoft.Json.Linq;

namespace TargetSalesforce.IntegrationTests.Support;

/// <summary>A config file for one run, pointed at the test's emulator with OAuth credentials.</summary>
internal sealed class TargetConfig : IDisposable
{
    private TargetConfig(string path, JObject values)
    {
        Path = path;
        Values = values;
    }

    public string Path { get; }

    public JObject Values { get; }

    public static TargetConfig For(Uri emulator, object? overrides = null)
    {
        var values = new JObject
        {
            ["domain"] = emulator.ToString().TrimEnd('/'),
            ["client_id"] = EmulatorCredentials.ClientId,
            ["client_secret"] = EmulatorCredentials.ClientSecret,
            ["refresh_token"] = EmulatorCredentials.RefreshToken,
            ["action"] = "insert",
            // Tests run against a fast emulator: poll it often so runs finish quickly.
            ["poll_interval_seconds"] = 0.05,
            ["poll_max_interval_seconds"] = 0.2,
            // These tests check Bulk jobs (their result files feed the accounting invariant), so small loads stay on
            // Bulk here; the sObject Collections tests set rest_threshold_rows themselves.
            ["rest_threshold_rows"] = 0,
        };
        if (overrides is not null)
        {
            values.Merge(JObject.FromObject(overrides), new JsonMergeSettings { MergeArrayHandling = MergeArrayHandling.Replace, MergeNullValueHandling = MergeNullValueHandling.Merge });
        }

        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"target-salesforce-test-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, values.ToString());
        return new TargetConfig(path, values);
    }

    public void Dispose() => File.Delete(Path);
}
