using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SalesforceEmulator.Org;
using SalesforceEmulator.Rest.Records;

namespace SalesforceEmulator.Rest.Composite;

/// <summary>
/// POST /services/data/vXX.X/composite/tree/{Object}: record trees (each record tagged with attributes {type,
/// referenceId}, its children nested under the child relationship name, {"Contacts": {"records": [...]}}), up to 200
/// records and 5 levels, created all or nothing. Success: 201 {hasErrors: false, results: [{referenceId, id}]}, roots
/// first, then each level below; failure: 400 {hasErrors: true, results} naming only the record that failed, and
/// nothing stays created. `sf data import tree` sends these.
/// </summary>
public sealed class SObjectTreeEndpoint(OrgStore org, RecordSaver saver)
{
    public const int MaxRecords = 200;
    public const int MaxDepth = 5;

    private sealed record TreeRecord(SObjectTable Table, string ReferenceId, JsonElement Body, TreeRecord? Parent, SObjectField? ParentField,
        IReadOnlyCollection<string> ChildCollections, int Depth);

    public RestReply Handle(string objectName, JsonElement request)
    {
        if (org.Find(objectName) is not { } root)
            return ApiResponses.NotFound();
        if (request.ValueKind != JsonValueKind.Object || !request.TryGetProperty("records", out var roots)
            || roots.ValueKind != JsonValueKind.Array || roots.GetArrayLength() == 0)
            return Invalid("The request needs a records array with at least one record.");

        var levels = new List<List<TreeRecord>>();
        var problems = new List<(string ReferenceId, SaveError Error)>();
        Collect(roots, root, null, null, 1, levels, problems);
        var all = levels.SelectMany(level => level).ToList();
        if (all.Count > MaxRecords)
            return Invalid($"The request has {all.Count} records; an sObject tree request takes at most {MaxRecords}.");
        foreach (var duplicate in all.GroupBy(r => r.ReferenceId, StringComparer.Ordinal).Where(g => g.Count() > 1).SelectMany(g => g))
            problems.Add((duplicate.ReferenceId, new SaveError("INVALID_INPUT", "Duplicate ReferenceId provided in the request.")));
        if (problems.Count > 0)
            return Failure(problems);

        var journal = new WriteJournal();
        var ids = new Dictionary<TreeRecord, string>(ReferenceEqualityComparer.Instance);
        var results = new List<(string ReferenceId, string Id)>();
        foreach (var record in levels.SelectMany(level => level))
        {
            if (RecordInput.Read(record.Table.Schema, org, record.Body, out var inputError, record.ChildCollections) is not { } input)
                return RolledBack(journal, record.ReferenceId, inputError!);
            if (record.Parent is not null)
                input = input.With(record.ParentField!.Name, ids[record.Parent]);
            var outcome = saver.Create(record.Table, input, journal);
            if (outcome.Error is { } error)
                return RolledBack(journal, record.ReferenceId, error);
            ids[record] = outcome.Record!.Id;
            results.Add((record.ReferenceId, outcome.Record.Id));
        }

        return ApiResponses.Json(StatusCodes.Status201Created, writer =>
        {
            writer.WriteStartObject();
            writer.WriteBoolean("hasErrors", false);
            writer.WriteStartArray("results");
            foreach (var (referenceId, id) in results)
            {
                writer.WriteStartObject();
                writer.WriteString("referenceId", referenceId);
                writer.WriteString("id", id);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    /// <summary>Reads a records array into levels (depth 1 = roots), noting every record that is not a well-formed tree node.</summary>
    private void Collect(JsonElement records, SObjectTable table, TreeRecord? parent, SObjectField? parentField, int depth,
        List<List<TreeRecord>> levels, List<(string, SaveError)> problems)
    {
        while (levels.Count < depth)
            levels.Add([]);
        var children = DescribeJson.ChildRelationships(table.Schema, org)
            .GroupBy(pair => DescribeJson.ChildRelationshipName(pair.Child, pair.Field), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var index = 0;
        foreach (var item in records.EnumerateArray())
        {
            index++;
            var attributes = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("attributes", out var a) && a.ValueKind == JsonValueKind.Object ? a : default;
            var referenceId = Text(attributes, "referenceId") ?? $"(record {index} of {table.Schema.Name})";
            if (Text(attributes, "referenceId") is null || Text(attributes, "type") is not { } type)
            {
                problems.Add((referenceId, new SaveError("INVALID_INPUT", "Every record needs attributes with its type and a referenceId.")));
                continue;
            }
            if (!type.Equals(table.Schema.Name, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add((referenceId, new SaveError("INVALID_INPUT", $"The record's type {type} is not {table.Schema.Name}, the object its place in the tree names.")));
                continue;
            }
            if (depth > MaxDepth)
            {
                problems.Add((referenceId, new SaveError("INVALID_INPUT", $"An sObject tree is at most {MaxDepth} levels deep.")));
                continue;
            }
            var collections = item.EnumerateObject()
                .Where(p => p.Value.ValueKind == JsonValueKind.Object && children.ContainsKey(p.Name))
                .ToList();
            var node = new TreeRecord(table, referenceId, item, parent, parentField, collections.Select(p => p.Name).ToList(), depth);
            levels[depth - 1].Add(node);
            foreach (var collection in collections)
            {
                var (childSchema, field) = children[collection.Name];
                if (!collection.Value.TryGetProperty("records", out var nested) || nested.ValueKind != JsonValueKind.Array)
                {
                    problems.Add((referenceId, new SaveError("INVALID_INPUT", $"{collection.Name} needs a records array.")));
                    continue;
                }
                Collect(nested, org.Find(childSchema.Name)!, node, field, depth + 1, levels, problems);
            }
        }
    }

    private static RestReply RolledBack(WriteJournal journal, string referenceId, SaveError error)
    {
        journal.RollBack();
        return Failure([(referenceId, error)]);
    }

    private static RestReply Failure(IReadOnlyList<(string ReferenceId, SaveError Error)> problems) =>
        ApiResponses.Json(StatusCodes.Status400BadRequest, writer =>
        {
            writer.WriteStartObject();
            writer.WriteBoolean("hasErrors", true);
            writer.WriteStartArray("results");
            foreach (var (referenceId, error) in problems)
            {
                writer.WriteStartObject();
                writer.WriteString("referenceId", referenceId);
                writer.WriteStartArray("errors");
                error.WriteSaveResultError(writer);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        });

    // UNVERIFIED: the emulator's wording for a request that is not a record tree; the real one answers 400 too.
    private static RestReply Invalid(string message) => ApiResponses.Error(StatusCodes.Status400BadRequest, "INVALID_INPUT", message);

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
