using System.Text.Json;

namespace SalesforceEmulator.Rest;

/// <summary>
/// The `/limits` answer: the keys a 2026 Developer Edition org lists (the REST guide's example and recorded real
/// answers), each {Max, Remaining}, alphabetical as the real API orders them, with the figures of the org's
/// <see cref="LimitLedger"/>. The API-request, Bulk-batch and streaming limits carry an entry per connected app, as a
/// real org's do.
/// </summary>
public static class OrgLimits
{
    // Maxima of a Developer Edition org, from the REST guide's example response and recorded real answers.
    public static readonly IReadOnlyList<(string Name, long Max)> DefaultMaxima =
    [
        ("ActiveScratchOrgs", 3),
        ("AnalyticsExternalDataSizeMB", 40960),
        ("ConcurrentAsyncGetReportInstances", 200),
        ("ConcurrentEinsteinDataInsightsStoryCreation", 5),
        ("ConcurrentEinsteinDiscoveryStoryCreation", 2),
        ("ConcurrentSyncReportRuns", 20),
        ("DailyAnalyticsDataflowJobExecutions", 60),
        ("DailyAnalyticsUploadedFilesSizeMB", 51200),
        ("DailyApiRequests", ApiUsage.DailyMax),
        ("DailyAsyncApexExecutions", 250000),
        ("DailyAsyncApexTests", 500),
        ("DailyBulkApiBatches", ApiUsage.DailyBulkBatchesMax),
        ("DailyBulkV2QueryFileStorageMB", 976562),
        ("DailyBulkV2QueryJobs", 10000),
        ("DailyDeliveredPlatformEvents", 10000),
        ("DailyDurableGenericStreamingApiEvents", 10000),
        ("DailyDurableStreamingApiEvents", 10000),
        ("DailyEinsteinDataInsightsStoryCreation", 1000),
        ("DailyEinsteinDiscoveryOptimizationJobRuns", 25),
        ("DailyEinsteinDiscoveryPredictAPICalls", 50000),
        ("DailyEinsteinDiscoveryPredictionsByCDC", 500000),
        ("DailyEinsteinDiscoveryStoryCreation", 100),
        ("DailyFunctionsApiCallLimit", 235000),
        ("DailyGenericStreamingApiEvents", 10000),
        ("DailyScratchOrgs", 6),
        ("DailyStandardVolumePlatformEvents", 10000),
        ("DailyStreamingApiEvents", 10000),
        ("DailyWorkflowEmails", 405),
        ("DataStorageMB", 5),
        ("DurableStreamingApiConcurrentClients", 20),
        ("FileStorageMB", 20),
        ("HourlyAsyncReportRuns", 1200),
        ("HourlyDashboardRefreshes", 200),
        ("HourlyDashboardResults", 5000),
        ("HourlyDashboardStatuses", 999999999),
        ("HourlyLongTermIdMapping", 100000),
        ("HourlyManagedContentPublicRequests", 50000),
        ("HourlyODataCallout", 1000),
        ("HourlyPublishedPlatformEvents", 50000),
        ("HourlyPublishedStandardVolumePlatformEvents", 1000),
        ("HourlyShortTermIdMapping", 100000),
        ("HourlySyncReportRuns", 500),
        ("HourlyTimeBasedWorkflow", 50),
        ("MassEmail", 10),
        ("MonthlyEinsteinDiscoveryStoryCreation", 500),
        ("MonthlyPlatformEventsUsageEntitlement", 0),
        ("Package2VersionCreates", 6),
        ("Package2VersionCreatesWithoutValidation", 500),
        ("PermissionSets", 1500),
        ("PrivateConnectOutboundCalloutHourlyLimitMB", 0),
        ("PublishCallbackUsageInApex", 5000000),
        ("SingleEmail", 15),
        ("StreamingApiConcurrentClients", 20),
    ];

    /// <summary>Limits that list each connected app beneath them (apps without a per-app cap show 0/0).</summary>
    private static readonly HashSet<string> PerApp = new(StringComparer.Ordinal)
    {
        "DailyApiRequests", "DailyBulkApiBatches", "DailyGenericStreamingApiEvents", "DailyStreamingApiEvents",
    };

    /// <summary>Apps every org carries, listed beside its own connected apps.</summary>
    public static readonly IReadOnlyList<string> StandardApps =
        ["Dataloader Bulk", "Dataloader Partner", "Salesforce CLI", "Salesforce Mobile Dashboards", "Workbench"];

    public static IReadOnlyList<string> Names => DefaultMaxima.Select(l => l.Name).ToList();

    public static void Write(Utf8JsonWriter writer, LimitLedger limits, IReadOnlyList<string> connectedApps)
    {
        var apps = StandardApps.Concat(connectedApps).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        writer.WriteStartObject();
        foreach (var name in Names)
        {
            writer.WriteStartObject(name);
            writer.WriteNumber("Max", limits.Max(name));
            writer.WriteNumber("Remaining", limits.Remaining(name));
            if (PerApp.Contains(name))
            {
                foreach (var app in apps)
                    WriteAllocation(writer, app, 0, 0);
            }
            else if (name == "PermissionSets")
            {
                WriteAllocation(writer, "CreateCustom", 1000, 1000);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    private static void WriteAllocation(Utf8JsonWriter writer, string name, long max, long remaining)
    {
        writer.WriteStartObject(name);
        writer.WriteNumber("Max", max);
        writer.WriteNumber("Remaining", remaining);
        writer.WriteEndObject();
    }
}
