using System.Text.Json;
using SalesforceEmulator.Admin;
using SalesforceEmulator.Bulk;
using SalesforceEmulator.Faults;
using SalesforceEmulator.Rest;

namespace SalesforceEmulator.WebConsole;

/// <summary>
/// The traffic the org saw: API calls by route, the daily API allowance as `/limits` reports it, and the faults in
/// the plan with how often each matched and fired. The console's own requests are not counted anywhere.
/// </summary>
internal static class ActivityPage
{
    /// <summary>The limits clients spend here; `/limits` lists the others untouched.</summary>
    private static readonly string[] SpentLimits =
    [
        LimitLedger.DailyApiRequests, LimitLedger.DailyBulkApiBatches, LimitLedger.DailyBulkV2QueryJobs,
    ];

    public static ConsolePage Render(EmulatorStats stats, ApiUsage usage, FaultPlan faults, JobStore jobs)
    {
        var byRoute = stats.RequestsByRoute();
        var plan = faults.Active;
        return ConsolePage.Render("Activity", ConsoleSection.Activity, html =>
        {
            html.Element("h2", "API calls by route");
            if (byRoute.Count == 0)
            {
                html.Element("p", "No API calls yet.", ("class", "empty"));
            }
            else
            {
                html.Element("p", $"{ConsoleFormat.Count(stats.TotalRequests)} requests, faulted and refused ones included; "
                    + "the emulator's own pages and hooks (/__emulator/…) are not counted.", ("class", "summary"));
                html.Open("table", ("class", "routes"));
                html.Open("thead").HeaderRow("Route", "Calls").Close("thead");
                html.Open("tbody");
                foreach (var (route, count) in byRoute.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal))
                {
                    html.Open("tr").Cell(route, "id").Cell(ConsoleFormat.Count(count), "number").Close("tr");
                }
                html.Close("tbody").Close("table");
            }

            html.Element("h2", "Limits");
            html.Open("table", ("class", "limits"));
            html.Open("thead").HeaderRow("Limit", "Max", "Used", "Remaining").Close("thead");
            html.Open("tbody");
            foreach (var name in SpentLimits)
            {
                var limits = usage.Limits;
                html.Open("tr")
                    .Cell(name, "id")
                    .Cell(ConsoleFormat.Count(limits.Max(name)), "number")
                    .Cell(ConsoleFormat.Count(limits.Used(name)), "number")
                    .Cell(ConsoleFormat.Count(limits.Remaining(name)), "number")
                    .Close("tr");
            }
            html.Close("tbody").Close("table");
            html.Element("p", "DailyApiRequests is counted on every REST and Bulk call, as the Sforce-Limit-Info header and /limits report it; "
                + "DailyBulkApiBatches goes down by one per 10,000 records a job processed. POST /__emulator/limits sets them.", ("class", "muted"));

            html.Element("h2", "Jobs by state");
            var states = jobs.CountByState();
            if (states.Count == 0)
                html.Element("p", "No jobs.", ("class", "empty"));
            else
                html.Element("p", string.Join(", ", states.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}")));

            html.Element("h2", "Faults");
            if (plan.Count == 0)
            {
                html.Element("p", "No faults planned (--faults FILE or POST /__emulator/faults installs them).", ("class", "empty"));
                return;
            }
            html.Open("table", ("class", "faults"));
            html.Open("thead").HeaderRow("#", "Kind", "Rule as given", "Matched", "Fired").Close("thead");
            html.Open("tbody");
            var position = 0;
            foreach (var fault in plan)
            {
                html.Open("tr")
                    .Cell((++position).ToString(System.Globalization.CultureInfo.InvariantCulture), "number")
                    .Cell(FaultKindName(fault.Rule.Kind))
                    .Open("td").Element("code", RuleText(fault.Rule)).Close("td")
                    .Cell(ConsoleFormat.Count(fault.Matches), "number")
                    .Cell(ConsoleFormat.Count(fault.Fired), fault.Fired > 0 ? "number bad" : "number")
                    .Close("tr");
            }
            html.Close("tbody").Close("table");
        });
    }

    // The rule's JSON on one line; the page encodes it, so the JSON need not escape markup characters itself.
    private static readonly JsonSerializerOptions RuleJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string RuleText(FaultRule rule) =>
        rule.Definition.ValueKind == JsonValueKind.Undefined ? "" : JsonSerializer.Serialize(rule.Definition, RuleJson);

    /// <summary>The kind as a fault plan spells it (httpError, lockRows...).</summary>
    private static string FaultKindName(FaultKind kind) => JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());
}
