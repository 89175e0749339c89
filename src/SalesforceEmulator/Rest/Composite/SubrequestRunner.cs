using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using SalesforceEmulator.Org;
using SalesforceEmulator.Rest.Query;
using SalesforceEmulator.Rest.Records;

namespace SalesforceEmulator.Rest.Composite;

/// <summary>
/// Runs one subrequest of a composite or batch request through the same handlers the HTTP routes use: sObject
/// records (create, read, update, upsert, delete, by id or external id), object summary and describe, query and
/// queryAll and their next pages. Other resources answer 404 NOT_FOUND, as a URL the org does not serve. A create,
/// update or upsert locks the parents its record names while it saves, as the single-record route does
/// (<see cref="RestWriteLocks"/>): each subrequest is a transaction of its own for locking.
/// </summary>
public sealed class SubrequestRunner(OrgStore org, SObjectRecordEndpoints records, QueryEndpoint queries, VersionGate versions, RestWriteLocks writeLocks)
{
    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement;

    /// <summary>
    /// Runs METHOD url (/services/data/vXX.X/…, with any query string) as the given user; a record write first locks the
    /// parents its record names.
    /// </summary>
    public Task<RestReply> RunAsync(string method, string url, JsonElement? body, string userId, WriteJournal? journal,
        CancellationToken cancellationToken)
    {
        var question = url.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? url : url[..question];
        var query = QueryHelpers.ParseQuery(question < 0 ? "" : url[question..]);
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        if (segments.Length < 3 || segments[0] != "services" || segments[1] != "data")
            return Task.FromResult(ApiResponses.NotFound());
        if (versions.Refusal(segments[2]) is RestReply refusal)
            return Task.FromResult(refusal);
        var version = ApiVersionRange.FromSegment(segments[2]);
        var rest = segments[3..];
        RestReply Reply() => Run(method, version, rest, body ?? EmptyObject, query, userId, journal);
        return (method, rest) is ("POST", ["sobjects", _]) or ("PATCH", ["sobjects", _, _]) or ("PATCH", ["sobjects", _, _, _]) && body is { } record
            ? writeLocks.SaveOneAsync(rest[1], record, Reply, cancellationToken)
            : Task.FromResult(Reply());
    }

    private RestReply Run(string method, string version, string[] rest, JsonElement input, Dictionary<string, StringValues> query,
        string userId, WriteJournal? journal)
    {
        string Query(string name) => query.TryGetValue(name, out var value) ? value.ToString() : "";

        return (method, rest) switch
        {
            ("GET", ["query"]) => queries.Run(version, Query("q"), false, false, null, userId),
            ("GET", ["queryAll"]) => queries.Run(version, Query("q"), true, false, null, userId),
            ("GET", ["query", var locator]) => queries.More(version, locator, false, userId),
            ("GET", ["queryAll", var locator]) => queries.More(version, locator, true, userId),
            ("GET", ["sobjects", var objectName]) => records.Summary(version, objectName),
            ("POST", ["sobjects", var objectName]) => records.Create(version, objectName, input, journal),
            ("GET", ["sobjects", var objectName, "describe"]) => Describe(version, objectName),
            ("GET", ["sobjects", var objectName, var id]) => records.Get(version, objectName, id, Query("fields")),
            ("PATCH", ["sobjects", var objectName, var id]) => records.Update(version, objectName, id, input, journal),
            ("DELETE", ["sobjects", var objectName, var id]) => records.Delete(version, objectName, id, journal),
            ("GET", ["sobjects", var objectName, var field, var value]) => records.GetByExternalId(version, objectName, field, value, Query("fields")),
            ("PATCH", ["sobjects", var objectName, var field, var value]) => records.Upsert(version, objectName, field, value, input, journal),
            _ => ApiResponses.NotFound(),
        };
    }

    private RestReply Describe(string version, string objectName) =>
        org.Find(objectName) is { } table
            ? ApiResponses.Json(writer => DescribeJson.WriteDescribe(writer, table.Schema, version, org))
            : ApiResponses.Error(StatusCodes.Status404NotFound, "NOT_FOUND", "The requested resource does not exist");
}
