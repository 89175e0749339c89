using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SalesforceEmulator.Rest.Records;

/// <summary>
/// The HTTP routes of single-record sObject REST under /services/data/vXX.X/sobjects. A create, update or upsert locks
/// the parents its record names while it saves (<see cref="RestWriteLocks"/>).
/// </summary>
public sealed class SObjectRecordRoutes(SObjectRecordEndpoints records, RestWriteLocks writeLocks, VersionGate versions, ApiUsage usage)
{
    public void Map(WebApplication app)
    {
        var sobjects = RestRoutes.VersionedGroup(app, versions, usage, "/sobjects");
        sobjects.MapGet("/{objectName}", (string version, string objectName) => records.Summary(V(version), objectName));
        sobjects.MapPost("/{objectName}", (HttpRequest request, string version, string objectName) =>
            WithBodyAsync(request, body => Locked(request, objectName, body, () => records.Create(V(version), objectName, body))));
        sobjects.MapGet("/{objectName}/{id}", (HttpRequest request, string version, string objectName, string id) =>
            records.Get(V(version), objectName, id, request.Query["fields"].ToString()));
        sobjects.MapPatch("/{objectName}/{id}", (HttpRequest request, string version, string objectName, string id) =>
            WithBodyAsync(request, body => Locked(request, objectName, body, () => records.Update(V(version), objectName, id, body))));
        sobjects.MapDelete("/{objectName}/{id}", (string version, string objectName, string id) => records.Delete(V(version), objectName, id));
        sobjects.MapGet("/{objectName}/{field}/{value}", (HttpRequest request, string version, string objectName, string field, string value) =>
            records.GetByExternalId(V(version), objectName, field, value, request.Query["fields"].ToString()));
        sobjects.MapPatch("/{objectName}/{field}/{value}", (HttpRequest request, string version, string objectName, string field, string value) =>
            WithBodyAsync(request, body => Locked(request, objectName, body, () => records.Upsert(V(version), objectName, field, value, body))));
    }

    private Task<RestReply> Locked(HttpRequest request, string objectName, JsonElement body, Func<RestReply> save) =>
        writeLocks.SaveOneAsync(objectName, body, save, request.HttpContext.RequestAborted);

    private static string V(string segment) => ApiVersionRange.FromSegment(segment);

    /// <summary>Parses the JSON body; a body that is not JSON answers 400 JSON_PARSER_ERROR before the handler runs.</summary>
    public static Task<RestReply> WithBodyAsync(HttpRequest request, Func<JsonElement, RestReply> handle) =>
        WithBodyAsync(request, body => Task.FromResult(handle(body)));

    /// <summary>As above, for a handler that waits (for parent locks, say) before it answers.</summary>
    public static async Task<RestReply> WithBodyAsync(HttpRequest request, Func<JsonElement, Task<RestReply>> handle)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            return ApiResponses.Error(StatusCodes.Status400BadRequest, "JSON_PARSER_ERROR", $"The request body is not valid JSON: {e.Message}");
        }
        using (document)
            return await handle(document.RootElement).ConfigureAwait(false);
    }
}
