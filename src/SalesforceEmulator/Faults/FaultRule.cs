using System.Text.Json;

namespace SalesforceEmulator.Faults;

/// <summary>One fault as written in a fault plan (see the README for the JSON format).</summary>
public sealed record FaultRule
{
    public required FaultKind Kind { get; init; }

    /// <summary>Which requests it applies to (request faults only).</summary>
    public RouteMatcher Route { get; init; } = RouteMatcher.Any;

    /// <summary>The share of matching requests, rows or jobs it hits, drawn from the seed.</summary>
    public double Share { get; init; } = 1.0;

    /// <summary>Fires first on the Nth match (1-based) and on later ones while <see cref="Times"/> allows.</summary>
    public int? Nth { get; init; }

    /// <summary>How many times it fires before it is spent; null is without end (1 when only Nth is given).</summary>
    public int? Times { get; init; }

    /// <summary>HTTP status for httpError, htmlBody and emptyBody.</summary>
    public int Status { get; init; }

    /// <summary>requestLimit: "concurrent" or "daily".</summary>
    public string Limit { get; init; } = "concurrent";

    /// <summary>httpError / failJob: replaces the default message.</summary>
    public string? Message { get; init; }

    /// <summary>latency: how long to hold the request.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>dropConnection: drop before the route runs (true) or after it ran and half its answer was sent.</summary>
    public bool BeforeRoute { get; init; }

    /// <summary>sessionExpiry: a session admits this many requests, then the next one gets 401.</summary>
    public int? AfterRequests { get; init; }

    /// <summary>sessionExpiry: a session lives this long (from issue, or from when the fault was installed).</summary>
    public TimeSpan? AfterSeconds { get; init; }

    /// <summary>failJob: only jobs on this object (case-insensitive); null is every object.</summary>
    public string? ObjectName { get; init; }

    /// <summary>The rule's JSON as given, echoed by GET /__emulator/faults.</summary>
    public JsonElement Definition { get; init; }
}
