using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SalesforceEmulator.Rest.Records;

namespace SalesforceEmulator.Rest.Composite;

/// <summary>The composite resources under /services/data/vXX.X/composite: the list, composite, batch and sObject tree.</summary>
public sealed class CompositeRoutes(CompositeEndpoint composite, CompositeBatchEndpoint batch, SObjectTreeEndpoint tree,
    VersionGate versions, ApiUsage usage)
{
    public void Map(WebApplication app)
    {
        var group = RestRoutes.VersionedGroup(app, versions, usage, "/composite");
        group.MapGet("/", (string version) => List(ApiVersionRange.FromSegment(version)));
        group.MapPost("/", (HttpRequest request) =>
            SObjectRecordRoutes.WithBodyAsync(request, body =>
                composite.HandleAsync(body, RestRoutes.UserId(request.HttpContext), request.HttpContext.RequestAborted)));
        group.MapPost("/batch", (HttpRequest request) =>
            SObjectRecordRoutes.WithBodyAsync(request, body =>
                batch.HandleAsync(body, RestRoutes.UserId(request.HttpContext), request.HttpContext.RequestAborted)));
        group.MapPost("/tree/{objectName}", (HttpRequest request, string objectName) =>
            SObjectRecordRoutes.WithBodyAsync(request, body => tree.Handle(objectName, body)));
    }

    /// <summary>GET /composite: the composite resources, as a real org lists them.</summary>
    private static RestReply List(string version) => ApiResponses.Json(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("tree", $"/services/data/v{version}/composite/tree");
        writer.WriteString("batch", $"/services/data/v{version}/composite/batch");
        writer.WriteString("sobjects", $"/services/data/v{version}/composite/sobjects");
        writer.WriteString("graph", $"/services/data/v{version}/composite/graph");
        writer.WriteEndObject();
    });
}
