using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SalesforceEmulator.Org;
using SalesforceEmulator.Rest.Soql;

namespace SalesforceEmulator.Rest;

/// <summary>
/// REST routes: the version list, limits, the sObject list, describe, one record, and SOQL queries.
/// Paths may end in "/" and may start with "//" (the sf CLI joins an instance URL ending in "/").
/// </summary>
public static class RestRoutes
{
    /// <summary>The route prefix of every versioned resource; <see cref="VersionFilter"/> checks the segment.</summary>
    public const string VersionedPrefix = "/services/data/{version}";

    /// <summary>
    /// Endpoint filter that answers 404 unless the version segment is v + digits + "." + a digit (v60.0). A filter,
    /// not a route constraint, because the slim host has no regex constraints.
    /// </summary>
    public static ValueTask<object?> VersionFilter(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var segment = invocation.HttpContext.Request.RouteValues["version"] as string;
        return segment is not null && ApiVersions.IsValidSegment(segment)
            ? next(invocation)
            : ValueTask.FromResult<object?>(ApiResponses.NotFound());
    }

    public static void MapRestApi(this WebApplication app, OrgStore org, ApiUsage usage)
    {
        // Doubled slashes (//services/data) are collapsed by the host before routing.
        // The version list needs no session, as on the real API.
        app.MapGet("/services/data", () => Versions());

        var data = app.MapGroup(VersionedPrefix).AddEndpointFilter(VersionFilter).AddEndpointFilter(usage.CountAsync);
        data.MapGet("/limits", () => Limits(usage));
        data.MapGet("/sobjects", (string version) => SObjects(org, version));
        data.MapGet("/sobjects/{objectName}/describe", (string version, string objectName) => Describe(org, version, objectName));
        data.MapGet("/sobjects/{objectName}/{id}", (string version, string objectName, string id) => Record(org, version, objectName, id));
        data.MapGet("/query", (string version, HttpRequest request) =>
            Query(org, version, request.Query["q"].ToString(), string.Equals(request.Query["columns"], "true", StringComparison.OrdinalIgnoreCase)));
        data.MapGet("/tooling/{**rest}", () => ApiResponses.NotFound());
        app.MapFallback("/services/data/{**rest}", () => ApiResponses.NotFound());
    }

    private static IResult Versions() => ApiResponses.Json(writer =>
    {
        writer.WriteStartArray();
        for (var major = ApiVersions.Oldest; major <= ApiVersions.Latest; major++)
        {
            writer.WriteStartObject();
            writer.WriteString("label", ApiVersions.Label(major));
            writer.WriteString("url", $"/services/data/v{major}.0");
            writer.WriteString("version", $"{major}.0");
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    });

    private static IResult Limits(ApiUsage usage)
    {
        var used = usage.Used;
        return ApiResponses.Json(writer =>
        {
            writer.WriteStartObject();
            void Limit(string name, long max, long remaining)
            {
                writer.WriteStartObject(name);
                writer.WriteNumber("Max", max);
                writer.WriteNumber("Remaining", remaining);
                writer.WriteEndObject();
            }
            Limit("DailyApiRequests", ApiUsage.DailyMax, Math.Max(0, ApiUsage.DailyMax - used));
            Limit("DailyAsyncApexExecutions", 250000, 250000);
            Limit("DailyBulkApiBatches", 15000, 15000);
            Limit("DailyBulkV2QueryFileStorageMB", 976562, 976562);
            Limit("DailyBulkV2QueryJobs", 10000, 10000);
            Limit("DataStorageMB", 5, 5);
            Limit("FileStorageMB", 20, 20);
            writer.WriteEndObject();
        });
    }

    private static IResult SObjects(OrgStore org, string version)
    {
        var apiVersion = ApiVersions.FromSegment(version);
        return ApiResponses.Json(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("encoding", "UTF-8");
            writer.WriteNumber("maxBatchSize", 200);
            writer.WriteStartArray("sobjects");
            foreach (var table in org.Tables)
            {
                writer.WriteStartObject();
                DescribeJson.WriteObjectSummary(writer, table.Schema, apiVersion);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    private static IResult Describe(OrgStore org, string version, string objectName)
    {
        var table = org.Find(objectName);
        if (table is null)
            return ApiResponses.Error(StatusCodes.Status404NotFound, "NOT_FOUND", $"The requested resource does not exist");
        return ApiResponses.Json(writer => DescribeJson.WriteDescribe(writer, table.Schema, ApiVersions.FromSegment(version)));
    }

    private static IResult Record(OrgStore org, string version, string objectName, string id)
    {
        var table = org.Find(objectName);
        if (table is null)
            return ApiResponses.NotFound();
        if (!SalesforceId.TryNormalize(id, out var id18))
            return ApiResponses.Error(StatusCodes.Status404NotFound, "NOT_FOUND", $"Provided external ID field does not exist or is not accessible: {id}");
        SObjectRecord? record;
        lock (table.SyncRoot)
            record = table.FindById(id18);
        if (record is null || record.IsDeleted)
            return ApiResponses.NotFound();
        return ApiResponses.Json(writer => RecordJson.Write(writer, table.Schema, record, table.Schema.Fields, ApiVersions.FromSegment(version)));
    }

    private static IResult Query(OrgStore org, string version, string soql, bool columnsOnly)
    {
        if (string.IsNullOrWhiteSpace(soql))
            return ApiResponses.Error(StatusCodes.Status400BadRequest, "MALFORMED_QUERY", "A query string has to be specified");
        SoqlResult result;
        try
        {
            result = SoqlRunner.Run(org, SoqlParser.Parse(soql));
        }
        catch (SoqlException e)
        {
            return ApiResponses.Error(StatusCodes.Status400BadRequest, e.ErrorCode, e.Message);
        }
        if (columnsOnly)
            return ApiResponses.Json(writer => QueryColumnsJson.Write(writer, result));
        var apiVersion = ApiVersions.FromSegment(version);
        return ApiResponses.Json(writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("totalSize", result.TotalSize);
            writer.WriteBoolean("done", true);
            writer.WriteStartArray("records");
            foreach (var record in result.Records)
                RecordJson.Write(writer, result.Schema, record, result.Fields, apiVersion);
            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }
}
