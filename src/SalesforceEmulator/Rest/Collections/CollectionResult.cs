using System.Text.Json;
using SalesforceEmulator.Rest.Records;

namespace SalesforceEmulator.Rest.Collections;

/// <summary>
/// One record's entry in an sObject Collections answer: a SaveResult {id, success, errors}, an UpsertResult with
/// `created` too, or a DeleteResult. A failed entry carries the id only when the request named an existing record.
/// </summary>
public sealed record CollectionResult(string? Id, SaveError? Error, bool? Created)
{
    /// <summary>ALL_OR_NONE_OPERATION_ROLLED_BACK: what every record that did not fail itself answers when another one did.</summary>
    public static readonly SaveError RolledBack = new("ALL_OR_NONE_OPERATION_ROLLED_BACK",
        "Record rolled back because not all records were valid and the request was using AllOrNone header");

    public bool Success => Error is null;

    /// <summary>A record one verb wrote: its outcome as the answer reports it (<paramref name="upsert"/> adds `created`).</summary>
    public static CollectionResult Of(SaveOutcome outcome, bool upsert) =>
        new(outcome.Id, outcome.Error, upsert ? outcome.Created : null);

    /// <summary>
    /// The entry after an all-or-none request was rolled back: a record that was created has no id any more; one that
    /// was updated or deleted keeps the id the request named.
    /// </summary>
    public CollectionResult AfterRollBack()
    {
        if (!Success)
            return this;
        var keptId = Created == true || IsCreate ? null : Id;
        return new CollectionResult(keptId, RolledBack, Created is null ? null : false) { IsCreate = IsCreate };
    }

    /// <summary>Whether the entry is a create's (its id goes with a rollback).</summary>
    public bool IsCreate { get; init; }

    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        if (Id is not null)
            writer.WriteString("id", Id);
        writer.WriteBoolean("success", Success);
        writer.WriteStartArray("errors");
        Error?.WriteSaveResultError(writer);
        writer.WriteEndArray();
        if (Created is { } created)
            writer.WriteBoolean("created", created);
        writer.WriteEndObject();
    }
}
