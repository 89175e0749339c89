using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace TargetSalesforce.IntegrationTests.Support;

/// <summary>Installs a fault plan in the emulator (README "Faults") and reads how often each rule fired.</summary>
internal static class EmulatorFaults
{
    /// <summary>Replaces the plan with these rules (anonymous objects in the fault-file format).</summary>
    public static Task SetFaultsAsync(this OrgClient org, params object[] rules) =>
        org.PostAdminAsync("/__emulator/faults", new JObject { ["faults"] = JArray.FromObject(rules) }.ToString(Formatting.None));

    /// <summary>How many times each rule of the plan fired, in plan order.</summary>
    public static async Task<IReadOnlyList<int>> FaultsFiredAsync(this OrgClient org)
    {
        var plan = await org.GetAdminAsync("/__emulator/faults");
        return ((JArray)plan["faults"]!).Select(f => (int)f["fired"]!).ToList();
    }

    /// <summary>Bulk ingest jobs by final state, from the emulator's stats.</summary>
    public static async Task<IReadOnlyDictionary<string, int>> JobStatesAsync(this OrgClient org)
    {
        var stats = await org.StatsAsync();
        return stats["jobs"] is JObject jobs
            ? jobs.Properties().ToDictionary(p => p.Name, p => (int)p.Value)
            : new Dictionary<string, int>();
    }
}
