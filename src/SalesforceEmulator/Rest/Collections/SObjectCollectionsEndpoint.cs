using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SalesforceEmulator.Org;
using SalesforceEmulator.Rest.Records;

namespace SalesforceEmulator.Rest.Collections;

/// <summary>
/// sObject Collections (/composite/sobjects): create, update, upsert on an external id and delete up to 200 records in
/// one call, and retrieve by ids. Records are written one by one in request order through <see cref="RecordSaver"/>,
/// so each is judged by the rules a Bulk row and a single REST record are; the answer is 200 with one result per
/// record, in order. With allOrNone every write of the call is undone when one record fails, and the others answer
/// ALL_OR_NONE_OPERATION_ROLLED_BACK. A request that is not well formed is 400 and writes nothing. A call is one
/// transaction: it locks the parents its records name (<see cref="RestWriteLocks"/>), and a record naming one that stays
/// locked by another transaction fails with UNABLE_TO_LOCK_ROW.
/// </summary>
public sealed class SObjectCollectionsEndpoint(OrgStore org, RecordSaver saver, RestWriteLocks writeLocks)
{
    /// <summary>Records (or ids) one create, update, upsert or delete call takes.</summary>
    public const int MaxRecords = 200;

    /// <summary>Runs of records of one type a create or update call may hold ({A, A, B, A} is three).</summary>
    public const int MaxChunks = 10;

    /// <summary>Records one retrieve with a request body returns.</summary>
    public const int MaxRetrieveIds = 2000;

    /// <summary>Collections appeared in API 42.0 (Spring '18).</summary>
    public const int FirstVersion = 42;

    /// <summary>The upsert verb appeared in API 46.0 (Summer '19).</summary>
    public const int FirstUpsertVersion = 46;

    /// <summary>
    /// A record of the call, read once: its <see cref="Input"/>, or the <see cref="Error"/> it fails with (its body cannot
    /// be read, or the call could not lock a parent it names).
    /// </summary>
    private sealed record Item(SObjectTable Table, JsonElement Body, RecordInput? Input, SaveError? Error);

    public Task<RestReply> CreateAsync(JsonElement request, CancellationToken cancellationToken = default) =>
        WithRecordsAsync(request, (items, journal) =>
            items.Select(item => Create(item, journal)).ToList(), cancellationToken);

    public Task<RestReply> UpdateAsync(JsonElement request, CancellationToken cancellationToken = default) =>
        WithRecordsAsync(request, (items, journal) =>
            items.Select(item => Update(item, journal)).ToList(), cancellationToken);

    public async Task<RestReply> UpsertAsync(string version, string objectName, string fieldName, JsonElement request,
        CancellationToken cancellationToken = default)
    {
        if (Major(version) < FirstUpsertVersion || org.Find(objectName) is not { } table)
            return ApiResponses.NotFound();
        if (table.Schema.FindField(fieldName) is not { IsLookupKey: true } key)
        {
            return ApiResponses.Error(StatusCodes.Status404NotFound, "NOT_FOUND",
                $"Provided external ID field does not exist or is not accessible: {fieldName}");
        }
        if (key.Ordinal == SObjectSchema.IdOrdinal)
        {
            // UNVERIFIED wording: the guide says only external ids are supported, never record ids.
            return ApiResponses.Error(StatusCodes.Status400BadRequest, "INVALID_FIELD",
                "An sObject Collections upsert takes an external ID field, not Id.");
        }
        return await WithRecordsAsync(request, (items, journal) =>
        {
            var inputs = items.Select(item => item.Input is { } input
                ? (Input: input.Without(key.Name, out var cell), Cell: cell, item.Error)
                : (Input: (RecordInput?)null, Cell: (string?)null, item.Error)).ToList();
            var repeated = inputs.Where(i => i.Cell is not null && i.Cell != RecordInput.NullCell)
                .GroupBy(i => i.Cell!, StringComparer.OrdinalIgnoreCase)
                .Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
            return inputs.Select(i => i.Input is null
                ? new CollectionResult(null, i.Error, false)
                : CollectionResult.Of(saver.Upsert(table, key, i.Cell ?? "", i.Input, journal, i.Cell is not null && repeated.Contains(i.Cell)), upsert: true))
                .ToList();
        }, cancellationToken, requiredType: table).ConfigureAwait(false);
    }

    public RestReply Delete(string? idList, bool allOrNone)
    {
        var ids = (idList ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (ids.Length == 0)
            return AtLeastOneRecord();
        if (ids.Length > MaxRecords)
            return TooManyRecords();
        var journal = allOrNone ? new WriteJournal() : null;
        var results = ids.Select(id => Delete(id, journal)).ToList();
        return Answer(results, journal);
    }

    /// <summary>GET ?ids=&amp;fields= (or POST {ids, fields}): the records of one object, null for an id it cannot read.</summary>
    public RestReply Retrieve(string version, string objectName, IReadOnlyList<string> ids, string fieldList, int maxIds)
    {
        if (org.Find(objectName) is not { } table)
            return ApiResponses.NotFound();
        // UNVERIFIED wording: the guide names ids and fields required without giving the refusal.
        if (ids.Count == 0 || string.IsNullOrWhiteSpace(fieldList))
            return ApiResponses.Error(StatusCodes.Status400BadRequest, "MISSING_ARGUMENT", "Both ids and fields are required.");
        if (ids.Count > maxIds)
            return TooManyRecords(maxIds);
        if (SObjectRecordEndpoints.SelectedFields(table.Schema, fieldList, out var fields) is { } fieldError)
            return fieldError;
        var records = new List<SObjectRecord?>(ids.Count);
        lock (table.SyncRoot)
        {
            foreach (var id in ids)
            {
                var record = SalesforceId.TryNormalize(id, out var id18) ? table.FindById(id18) : null;
                records.Add(record is { IsDeleted: false } ? record : null);
            }
        }
        return ApiResponses.Json(writer =>
        {
            writer.WriteStartArray();
            foreach (var record in records)
            {
                if (record is null)
                    writer.WriteNullValue();
                else
                    RecordJson.Write(writer, table.Schema, record, fields, version);
            }
            writer.WriteEndArray();
        });
    }

    private CollectionResult Create(Item item, WriteJournal? journal) =>
        item.Input is { } input
            ? CollectionResult.Of(saver.Create(item.Table, input, journal), upsert: false) with { IsCreate = true }
            : new CollectionResult(null, item.Error, null) { IsCreate = true };

    private CollectionResult Update(Item item, WriteJournal? journal) =>
        item.Input is { } input
            ? CollectionResult.Of(saver.UpdateById(item.Table, IdOf(item.Body) ?? "", input.Without("Id", out _), journal), upsert: false)
            : new CollectionResult(IdOf(item.Body), item.Error, null);

    private CollectionResult Delete(string id, WriteJournal? journal)
    {
        // The object comes from the id's key prefix; a malformed id or one of no object fails as a Bulk delete row would.
        var table = SalesforceId.TryNormalize(id, out var id18) ? org.FindByKeyPrefix(id18[..3]) : null;
        if (table is null)
        {
            var error = SalesforceId.TryNormalize(id, out _)
                ? SaveError.FromRowError(Bulk.Rows.RowErrors.InvalidCrossReference)
                : SaveError.FromRowError(Bulk.Rows.RowErrors.MalformedId(id));
            return new CollectionResult(null, error, null);
        }
        return CollectionResult.Of(saver.DeleteById(table, id, journal), upsert: false);
    }

    /// <summary>The record's Id (any case), as the cell text an update row carries.</summary>
    private static string? IdOf(JsonElement record)
    {
        foreach (var property in record.EnumerateObject())
        {
            if (property.Name.Equals("Id", StringComparison.OrdinalIgnoreCase))
                return property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
        }
        return null;
    }

    /// <summary>
    /// Reads {allOrNone, records}: each record an object whose attributes name a known type (the URL's, for an
    /// upsert), at most 200 of them in at most 10 runs of one type; then locks their parents, writes them and answers.
    /// </summary>
    private async Task<RestReply> WithRecordsAsync(JsonElement request, Func<IReadOnlyList<Item>, WriteJournal?, List<CollectionResult>> write,
        CancellationToken cancellationToken, SObjectTable? requiredType = null)
    {
        if (request.ValueKind != JsonValueKind.Object)
            return Malformed("The request body must be a JSON object with a records array.");
        var allOrNone = false;
        if (request.TryGetProperty("allOrNone", out var flag))
        {
            if (flag.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                return Malformed("allOrNone must be true or false.");
            allOrNone = flag.GetBoolean();
        }
        if (!request.TryGetProperty("records", out var records) || records.ValueKind != JsonValueKind.Array || records.GetArrayLength() == 0)
            return AtLeastOneRecord();
        if (records.GetArrayLength() > MaxRecords)
            return TooManyRecords();

        var items = new List<Item>();
        foreach (var record in records.EnumerateArray())
        {
            if (record.ValueKind != JsonValueKind.Object)
                return Malformed("Every record must be a JSON object.");
            var type = record.TryGetProperty("attributes", out var attributes) && attributes.ValueKind == JsonValueKind.Object
                && attributes.TryGetProperty("type", out var typeValue) && typeValue.ValueKind == JsonValueKind.String
                    ? typeValue.GetString()
                    : null;
            // UNVERIFIED: a record without a type, or of a type the org lacks, refuses the whole request.
            if (string.IsNullOrEmpty(type))
                return ApiResponses.Error(StatusCodes.Status400BadRequest, "INVALID_TYPE", "Must send a concrete entity type.");
            if (org.Find(type) is not { } table)
                return ApiResponses.Error(StatusCodes.Status400BadRequest, "INVALID_TYPE", $"sObject type '{type}' is not supported.");
            if (requiredType is not null && table != requiredType)
            {
                return ApiResponses.Error(StatusCodes.Status400BadRequest, "INVALID_TYPE",
                    $"Every record of this upsert must be of type {requiredType.Schema.Name}, as the URL names; one is {table.Schema.Name}.");
            }
            var input = RecordInput.Read(table.Schema, org, record, out var error);
            items.Add(new Item(table, record, input, error));
        }
        var chunks = 1 + items.Zip(items.Skip(1)).Count(pair => pair.First.Table != pair.Second.Table);
        if (chunks > MaxChunks)
        {
            // UNVERIFIED code: the limit is documented; the words are the platform's DML message.
            return ApiResponses.Error(StatusCodes.Status400BadRequest, "INVALID_INPUT",
                $"Cannot have more than {MaxChunks} chunks in a single operation. Please rearrange the data to reduce chunking.");
        }

        var journal = allOrNone ? new WriteJournal() : null;
        var parents = items.Select(item => item.Input is { } input ? writeLocks.ParentsOf(item.Table, input) : new HashSet<string>()).ToList();
        var triggerTime = items.Aggregate(TimeSpan.Zero, (sum, item) => sum + RestWriteLocks.TriggerTime(item.Table, 1));
        return await writeLocks.SaveAsync(parents, triggerTime, lockedParent =>
        {
            var locked = items.Select((item, index) => lockedParent(index) is { } parent
                ? item with { Input = null, Error = RestWriteLocks.Refusal(parent, items.Count) }
                : item).ToList();
            return Answer(write(locked, journal), journal);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>200 with the results in request order; an all-or-none call with a failure is undone first.</summary>
    private static RestReply Answer(List<CollectionResult> results, WriteJournal? journal)
    {
        if (journal is not null && results.Exists(result => !result.Success))
        {
            journal.RollBack();
            results = results.Select(result => result.AfterRollBack()).ToList();
        }
        return ApiResponses.Json(writer =>
        {
            writer.WriteStartArray();
            foreach (var result in results)
                result.Write(writer);
            writer.WriteEndArray();
        });
    }

    // The recorded real answer to an empty records list.
    private static RestReply AtLeastOneRecord() =>
        ApiResponses.Error(StatusCodes.Status400BadRequest, "REQUIRED_FIELD_MISSING", "At least 1 record is required");

    // The platform's words for more records than a call takes (observed from the SOAP calls and Collections alike).
    private static RestReply TooManyRecords(int max = MaxRecords) =>
        ApiResponses.Error(StatusCodes.Status400BadRequest, "EXCEEDED_ID_LIMIT",
            $"record limit reached. cannot submit more than {max} records into this call");

    // UNVERIFIED: the emulator's words for a body that is not {allOrNone, records}.
    private static RestReply Malformed(string message) => ApiResponses.Error(StatusCodes.Status400BadRequest, "JSON_PARSER_ERROR", message);

    internal static int Major(string version) =>
        int.TryParse(version.AsSpan(0, Math.Max(0, version.IndexOf('.', StringComparison.Ordinal))), out var major) ? major : 0;
}
