using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SalesforceEmulator.Rest.Records;

namespace SalesforceEmulator.Rest.Collections;

/// <summary>
/// The HTTP routes of sObject Collections under /services/data/vXX.X/composite/sobjects, from API 42.0 (older versions
/// answer 404, as the resource did not exist). Each call counts once against DailyApiRequests, whatever it holds.
/// </summary>
public sealed class SObjectCollectionsRoutes(SObjectCollectionsEndpoint collections, VersionGate versions, ApiUsage usage)
{
    public void Map(WebApplication app)
    {
        var group = RestRoutes.VersionedGroup(app, versions, usage, "/composite/sobjects");
        group.MapPost("/", (HttpRequest request) =>
            SObjectRecordRoutes.WithBodyAsync(request, body => collections.CreateAsync(body, request.HttpContext.RequestAborted)));
        group.MapPatch("/", (HttpRequest request) =>
            SObjectRecordRoutes.WithBodyAsync(request, body => collections.UpdateAsync(body, request.HttpContext.RequestAborted)));
        group.MapDelete("/", (HttpRequest request) =>
            collections.Delete(request.Query["ids"].ToString(), IsTrue(request.Query["allOrNone"].ToString())));
        group.MapPatch("/{objectName}/{fieldName}", (HttpRequest request, string version, string objectName, string fieldName) =>
            SObjectRecordRoutes.WithBodyAsync(request, body =>
                collections.UpsertAsync(V(version), objectName, fieldName, body, request.HttpContext.RequestAborted)));
        group.MapGet("/{objectName}", (HttpRequest request, string version, string objectName) =>
            collections.Retrieve(V(version), objectName, Split(request.Query["ids"].ToString()), request.Query["fields"].ToString(),
                SObjectCollectionsEndpoint.MaxRetrieveIds));
        group.MapPost("/{objectName}", (HttpRequest request, string version, string objectName) =>
            SObjectRecordRoutes.WithBodyAsync(request, body => collections.Retrieve(V(version), objectName, Strings(body, "ids"),
                string.Join(',', Strings(body, "fields")), SObjectCollectionsEndpoint.MaxRetrieveIds)));
    }

    private static string V(string segment) => ApiVersionRange.FromSegment(segment);

    private static bool IsTrue(string value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    private static List<string> Split(string list) =>
        list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();

    /// <summary>The strings of a body's array property (empty when it is missing or not an array of strings).</summary>
    private static List<string> Strings(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
            : [];
}
