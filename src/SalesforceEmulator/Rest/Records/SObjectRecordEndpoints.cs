using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SalesforceEmulator.Org;

namespace SalesforceEmulator.Rest.Records;

/// <summary>
/// Single-record sObject REST: create (201 {id, success, errors}), read by id or external id, update (204), upsert by
/// external id (201 created / 200 updated from API 46.0, 204 before; 300 with the matching records' URLs when more
/// than one matches), delete (204). Errors are the REST array [{message, errorCode, fields}]. The handlers answer
/// <see cref="RestReply"/>, so the composite resources run them for their subrequests too.
/// </summary>
public sealed class SObjectRecordEndpoints(OrgStore org, RecordSaver saver)
{
    /// <summary>From this version an upsert that updates answers 200 with a body instead of 204.</summary>
    public const int FirstUpsertBodyVersion = 46;

    public RestReply Summary(string version, string objectName)
    {
        if (org.Find(objectName) is not { } table)
            return ApiResponses.NotFound();
        return ApiResponses.Json(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("objectDescribe");
            DescribeJson.WriteObjectSummary(writer, table.Schema, version);
            writer.WriteEndObject();
            writer.WriteStartArray("recentItems");
            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    public RestReply Create(string version, string objectName, JsonElement body, WriteJournal? journal = null)
    {
        if (org.Find(objectName) is not { } table)
            return ApiResponses.NotFound();
        if (RecordInput.Read(table.Schema, org, body, out var inputError) is not { } input)
            return inputError!.ToReply();
        var outcome = saver.Create(table, input, journal);
        if (outcome.Error is { } error)
            return error.ToReply();
        var id = outcome.Record!.Id;
        return SaveResult(StatusCodes.Status201Created, id, created: null).WithHeader("Location", RecordUrl(version, table.Schema, id));
    }

    public RestReply Get(string version, string objectName, string id, string? fieldList)
    {
        if (org.Find(objectName) is not { } table)
            return ApiResponses.NotFound();
        if (SelectedFields(table.Schema, fieldList, out var fields) is { } fieldError)
            return fieldError;
        var record = FindById(table, id, out var missing);
        if (record is null || record.IsDeleted)
            return missing ?? ApiResponses.NotFound();
        return ApiResponses.Json(writer => RecordJson.Write(writer, table.Schema, record, fields, version));
    }

    /// <summary>GET /sobjects/{object}/{field}/{value}: the record whose external id field holds the value.</summary>
    public RestReply GetByExternalId(string version, string objectName, string fieldName, string value, string? fieldList)
    {
        if (org.Find(objectName) is not { } table)
            return ApiResponses.NotFound();
        if (LookupKey(table.Schema, fieldName) is not { } key)
            return NoSuchExternalIdField(fieldName);
        if (SelectedFields(table.Schema, fieldList, out var fields) is { } fieldError)
            return fieldError;
        IReadOnlyList<SObjectRecord> matches;
        lock (table.SyncRoot)
            matches = table.FindByValue(key, value);
        return matches.Count switch
        {
            0 => ApiResponses.NotFound(),
            1 => ApiResponses.Json(writer => RecordJson.Write(writer, table.Schema, matches[0], fields, version)),
            _ => MultipleChoices(version, table.Schema, matches),
        };
    }

    public RestReply Update(string version, string objectName, string id, JsonElement body, WriteJournal? journal = null)
    {
        if (FindLive(objectName, id, out var table, out var record) is { } refusal)
            return refusal;
        // The URL names the record; an Id in the body (jsforce and the CLI leave it out) changes nothing.
        if (RecordInput.Read(table.Schema, org, body, out var inputError, "Id") is not { } input)
            return inputError!.ToReply();
        var outcome = saver.Update(table, record, input, journal);
        return outcome.Error is { } error ? error.ToReply() : RestReply.Empty(StatusCodes.Status204NoContent);
    }

    /// <summary>PATCH /sobjects/{object}/{field}/{value}: insert, or update the one record the external id matches.</summary>
    public RestReply Upsert(string version, string objectName, string fieldName, string value, JsonElement body, WriteJournal? journal = null)
    {
        if (org.Find(objectName) is not { } table)
            return ApiResponses.NotFound();
        if (LookupKey(table.Schema, fieldName) is not { } key)
            return NoSuchExternalIdField(fieldName);
        IReadOnlyList<SObjectRecord> matches;
        lock (table.SyncRoot)
            matches = table.FindByValue(key, value);
        if (matches.Count > 1)
            return MultipleChoices(version, table.Schema, matches);
        if (RecordInput.Read(table.Schema, org, body, out var inputError, key.Name) is not { } input)
            return inputError!.ToReply();
        var outcome = saver.Upsert(table, key, value, input, journal);
        if (outcome.Error is { } error)
            return error.ToReply();
        var id = outcome.Record!.Id;
        var withBody = Major(version) >= FirstUpsertBodyVersion;
        if (outcome.Created)
            return SaveResult(StatusCodes.Status201Created, id, withBody ? true : null).WithHeader("Location", RecordUrl(version, table.Schema, id));
        return withBody ? SaveResult(StatusCodes.Status200OK, id, created: false) : RestReply.Empty(StatusCodes.Status204NoContent);
    }

    public RestReply Delete(string version, string objectName, string id, WriteJournal? journal = null)
    {
        if (FindLive(objectName, id, out var table, out var record) is { } refusal)
            return refusal;
        var outcome = saver.Delete(table, record, journal);
        return outcome.Error is { } error ? error.ToReply() : RestReply.Empty(StatusCodes.Status204NoContent);
    }

    public static string RecordUrl(string version, SObjectSchema schema, string id) => $"/services/data/v{version}/sobjects/{schema.Name}/{id}";

    /// <summary>
    /// The live record a write names by id, or the answer that refuses the write: no such object or record (404), or
    /// a record in the recycle bin (ENTITY_IS_DELETED).
    /// </summary>
    private RestReply? FindLive(string objectName, string id, out SObjectTable table, out SObjectRecord record)
    {
        table = null!;
        record = null!;
        if (org.Find(objectName) is not { } found)
            return ApiResponses.NotFound();
        table = found;
        if (FindById(found, id, out var missing) is not { } match)
            return missing ?? ApiResponses.NotFound();
        if (match.IsDeleted)
            return EntityIsDeleted();
        record = match;
        return null;
    }

    /// <summary>A record by id; an id that is not one of this object's answers the real 404 about external ids.</summary>
    private static SObjectRecord? FindById(SObjectTable table, string id, out RestReply? missing)
    {
        missing = null;
        if (!SalesforceId.TryNormalize(id, out var id18) || !id18.StartsWith(table.Schema.KeyPrefix, StringComparison.Ordinal))
        {
            missing = ApiResponses.Error(StatusCodes.Status404NotFound, "NOT_FOUND", $"Provided external ID field does not exist or is not accessible: {id}");
            return null;
        }
        lock (table.SyncRoot)
            return table.FindById(id18);
    }

    private static SObjectField? LookupKey(SObjectSchema schema, string fieldName) =>
        schema.FindField(fieldName) is { IsLookupKey: true } key ? key : null;

    private static RestReply NoSuchExternalIdField(string fieldName) =>
        ApiResponses.Error(StatusCodes.Status404NotFound, "NOT_FOUND", $"Provided external ID field does not exist or is not accessible: {fieldName}");

    private static RestReply EntityIsDeleted() => new SaveError("ENTITY_IS_DELETED", "entity is deleted").ToReply();

    /// <summary>The fields a `fields=` list names, or all of them; an unknown name is the query's INVALID_FIELD.</summary>
    internal static RestReply? SelectedFields(SObjectSchema schema, string? fieldList, out IReadOnlyList<SObjectField> fields)
    {
        fields = schema.Fields;
        if (string.IsNullOrWhiteSpace(fieldList))
            return null;
        var selected = new List<SObjectField>();
        foreach (var name in fieldList.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (schema.FindField(name) is not { } field)
            {
                return ApiResponses.Error(StatusCodes.Status400BadRequest, "INVALID_FIELD",
                    $"No such column '{name}' on entity '{schema.Name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.");
            }
            if (!selected.Contains(field))
                selected.Add(field);
        }
        fields = selected;
        return null;
    }

    /// <summary>{id, success, errors} and, for upserts from 46.0, created.</summary>
    private static RestReply SaveResult(int status, string id, bool? created) => ApiResponses.Json(status, writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("id", id);
        writer.WriteBoolean("success", true);
        writer.WriteStartArray("errors");
        writer.WriteEndArray();
        if (created is { } value)
            writer.WriteBoolean("created", value);
        writer.WriteEndObject();
    });

    /// <summary>300 Multiple Choices: the URLs of the records an external id matched.</summary>
    private static RestReply MultipleChoices(string version, SObjectSchema schema, IReadOnlyList<SObjectRecord> matches) =>
        ApiResponses.Json(StatusCodes.Status300MultipleChoices, writer =>
        {
            writer.WriteStartArray();
            foreach (var match in matches)
                writer.WriteStringValue(RecordUrl(version, schema, match.Id));
            writer.WriteEndArray();
        });

    private static int Major(string version) =>
        int.TryParse(version.AsSpan(0, Math.Max(0, version.IndexOf('.', StringComparison.Ordinal))), out var major) ? major : 0;
}
