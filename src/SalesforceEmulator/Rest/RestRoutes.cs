using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SalesforceEmulator.Auth;
using SalesforceEmulator.Hosting;
using SalesforceEmulator.Org;
using SalesforceEmulator.Rest.Query;

namespace SalesforceEmulator.Rest;

/// <summary>
/// REST routes: the version list, the resources of a version, limits, the sObject list, describe and SOQL queries.
/// Records, composite requests and Bulk jobs have route groups of their own. Paths may end in "/" and may start
/// with "//" (the sf CLI joins an instance URL ending in "/").
/// </summary>
public sealed class RestRoutes(OrgStore org, ApiUsage usage, VersionGate versions, LoginDirectory credentials, EmulatorAddress address,
    QueryEndpoint queries)
{
    /// <summary>The route prefix of every versioned resource; <see cref="VersionGate"/> checks the segment.</summary>
    public const string VersionedPrefix = "/services/data/{version}";

    /// <summary>A group under /services/data/{version}{suffix} whose requests are version-checked and counted.</summary>
    public static RouteGroupBuilder VersionedGroup(WebApplication app, VersionGate gate, ApiUsage usage, string suffix = "") =>
        app.MapGroup(VersionedPrefix + suffix).AddEndpointFilter(gate.CheckAsync).AddEndpointFilter(usage.CountAsync);

    public void Map(WebApplication app)
    {
        // Doubled slashes (//services/data) are collapsed by the host before routing.
        // The version list needs no session, as on the real API.
        app.MapGet("/services/data", Versions);

        var data = VersionedGroup(app, versions, usage);
        data.MapGet("/", (HttpContext http, string version) => Resources(http, ApiVersionRange.FromSegment(version)));
        data.MapGet("/limits", Limits);
        data.MapGet("/sobjects", (string version) => SObjects(ApiVersionRange.FromSegment(version)));
        data.MapGet("/sobjects/{objectName}/describe", (string version, string objectName) => Describe(ApiVersionRange.FromSegment(version), objectName));
        data.MapGet("/query", (HttpContext http, string version) => Query(http, version, includeDeleted: false));
        data.MapGet("/queryAll", (HttpContext http, string version) => Query(http, version, includeDeleted: true));
        data.MapGet("/query/{locator}", (HttpContext http, string version, string locator) =>
            queries.More(ApiVersionRange.FromSegment(version), locator, includeDeleted: false, UserId(http)));
        data.MapGet("/queryAll/{locator}", (HttpContext http, string version, string locator) =>
            queries.More(ApiVersionRange.FromSegment(version), locator, includeDeleted: true, UserId(http)));
        data.MapGet("/tooling/{**rest}", () => ApiResponses.NotFound());
        // Anything else under /services/data: 410 for a retired version (every resource of it is gone), else 404.
        app.MapFallback("/services/data/{**rest}", (HttpContext http) =>
            versions.Refusal(http.Request.Path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(2))
            ?? ApiResponses.NotFound());
    }

    /// <summary>The session's user (every versioned route is behind the session gate).</summary>
    public static string UserId(HttpContext http) => http.CurrentSession()?.User.UserId ?? "";

    private RestReply Versions() => ApiResponses.Json(writer =>
    {
        writer.WriteStartArray();
        foreach (var major in versions.Versions.All)
        {
            writer.WriteStartObject();
            writer.WriteString("label", ApiVersionRange.Label(major));
            writer.WriteString("url", $"/services/data/v{major}.0");
            writer.WriteString("version", $"{major}.0");
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    });

    private RestReply Resources(HttpContext http, string version)
    {
        var identity = IdentityUrls.Of(address.BaseUrlText, credentials, UserId(http));
        return ApiResponses.Json(writer => ResourceMap.Write(writer, version, identity));
    }

    private RestReply Limits()
    {
        var apps = credentials.Apps.Select(app => app.ClientId).ToList();
        return ApiResponses.Json(writer => OrgLimits.Write(writer, usage.Limits, apps));
    }

    private RestReply SObjects(string version) => ApiResponses.Json(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("encoding", "UTF-8");
        writer.WriteNumber("maxBatchSize", 200);
        writer.WriteStartArray("sobjects");
        foreach (var table in org.Tables)
        {
            writer.WriteStartObject();
            DescribeJson.WriteObjectSummary(writer, table.Schema, version);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    private RestReply Describe(string version, string objectName)
    {
        var table = org.Find(objectName);
        if (table is null)
            return ApiResponses.NotFound();
        return ApiResponses.Json(writer => DescribeJson.WriteDescribe(writer, table.Schema, version, org));
    }

    private RestReply Query(HttpContext http, string version, bool includeDeleted)
    {
        var request = http.Request;
        return queries.Run(ApiVersionRange.FromSegment(version), request.Query["q"].ToString(), includeDeleted,
            columnsOnly: string.Equals(request.Query["columns"], "true", StringComparison.OrdinalIgnoreCase),
            request.Headers["Sforce-Query-Options"].ToString(), UserId(http));
    }
}
