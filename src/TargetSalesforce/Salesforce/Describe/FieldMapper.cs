using Microsoft.Extensions.Logging;
using TargetSalesforce.Destination;
using TargetSalesforce.Naming;

namespace TargetSalesforce.Salesforce.Describe;

/// <summary>
/// Matches a stream's properties to an object's fields (case-insensitively) for one action, and
/// says once, at the start, what will be dropped or is missing.
/// </summary>
internal sealed class FieldMapper(bool failOnUnknownFields, ILogger logger)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> reported = new(StringComparer.Ordinal);

    public async Task<FieldMap> MapAsync(
        ObjectOperation operation, StreamShape shape, ObjectDescribe describe,
        Func<string, Task<ObjectDescribe>> describeParent)
    {
        var where = $"stream '{shape.Stream}' → {describe.Name}";
        // Update and delete name rows by Id: a stream with an `Id` property (spelt so, as Salesforce exports it) keeps
        // doing so. Otherwise a stream keyed by an external id (`external_id_name`) names them by that key, looked up
        // first, even when it carries an `id` column: a source table's own `id` is no Salesforce Id. A stream with
        // neither falls back to a key property that is an External ID field.
        var externalKey = operation.Action is LoadAction.Update or LoadAction.Delete or LoadAction.HardDelete
            && !shape.Properties.Contains("Id", StringComparer.Ordinal)
            && (NamesExternalId(operation) || FindProperty(shape, "Id") is null)
            ? LookupKey(operation, shape, describe, where)
            : null;
        if (operation.Action is LoadAction.Delete or LoadAction.HardDelete)
        {
            if (externalKey is not null)
            {
                var property = FindProperty(shape, externalKey.Name)!;
                return new FieldMap(operation, describe.Name, [new MappedColumn(externalKey.Name, property, null, externalKey)], 0, IdsByExternalId: true);
            }

            var idProperty = FindProperty(shape, "Id")
                ?? throw new LoadConfigurationException($"{where}: {ActionName(operation.Action)} needs an `Id` property and the stream has none.");
            var idField = describe.Field("Id") ?? IdField;
            return new FieldMap(operation, describe.Name, [new MappedColumn("Id", idProperty, null, idField)], 0);
        }

        var keyField = externalKey ?? KeyField(operation, describe, shape, where);
        var columns = new List<MappedColumn>();
        var headers = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var unknown = new List<string>();
        var notWritable = new List<string>();

        foreach (var property in shape.Properties)
        {
            var dot = property.IndexOf('.', StringComparison.Ordinal);
            var top = dot < 0 ? property : property[..dot];
            // A whole property is a compound only when it is an address or geolocation: a person's `Name` (FirstName,
            // LastName) stays the read-only field it is, unless the schema gives it as an object of components.
            if (describe.Components(top) is { Count: > 0 } components && (dot >= 0 || describe.Field(top)?.Type is "address" or "location"))
            {
                AddCompoundColumns(property, dot, top, components, operation.Action, keyField, columns, headers, unknown, notWritable);
                continue;
            }

            var field = dot < 0 ? describe.Field(property) : null;
            if (field is not null)
            {
                if (!IsWritable(field, operation.Action, keyField))
                {
                    notWritable.Add(property);
                }
                else if (headers.Add(field.Name))
                {
                    columns.Add(new MappedColumn(field.Name, property, null, field,
                        LockedObject: ParentLocking.LockedObject(describe.Name, field)));
                }

                continue;
            }

            var relationship = describe.Relationship(RelationshipPart(property, dot));
            if (relationship is null)
            {
                if (shape.SourceOf(property) is { } source)
                {
                    throw MappedToNoField(shape, describe, source, RelationshipPart(property, dot));
                }

                unknown.Add(property);
                continue;
            }

            if (!IsWritable(relationship, operation.Action, keyField))
            {
                notWritable.Add(property);
                continue;
            }

            MappedColumn column;
            try
            {
                column = await RelationshipColumnAsync(describe.Name, property, dot, relationship, describeParent, where).ConfigureAwait(false);
            }
            catch (LoadConfigurationException problem) when (shape.SourceOf(property) is { } source)
            {
                throw new LoadConfigurationException($"{problem.Message} (streams.{shape.Stream}.fields maps the property '{source.Split('.')[0]}' to it)");
            }

            if (headers.Add(column.Header))
            {
                columns.Add(column);
            }
        }

        CheckOneWriterPerLookup(where, columns);
        ReportDropped(where, unknown.Select(p => shape.SourceOf(p) ?? p).ToList(), notWritable.Select(p => shape.SourceOf(p) ?? p).ToList(), operation.Action);
        if (operation.Action is LoadAction.Insert or LoadAction.Upsert)
        {
            WarnMissingRequired(where, describe, columns);
        }

        var keyColumn = keyField is null ? -1 : columns.FindIndex(c => c.NestedKey is null && c.Field.Name == keyField.Name);
        return new FieldMap(operation, describe.Name, columns, keyColumn, IdsByExternalId: externalKey is not null);
    }

    /// <summary>
    /// An address or geolocation object (`BillingAddress`) as its component fields: all of them when the schema does not
    /// list the object's keys, else the one each listed key names (a key that names none is an unknown property).
    /// </summary>
    private static void AddCompoundColumns(
        string property, int dot, string top, IReadOnlyList<FieldDescribe> components, LoadAction action, FieldDescribe? keyField,
        List<MappedColumn> columns, HashSet<string> headers, List<string> unknown, List<string> notWritable)
    {
        var compound = components[0].CompoundFieldName!;
        List<(FieldDescribe Component, string Key)> parts;
        if (dot < 0)
        {
            parts = components.Where(c => IsWritable(c, action, keyField)).Select(c => (c, CompoundComponents.PartName(compound, c.Name))).ToList();
        }
        else if (CompoundComponents.Find(compound, components, property[(dot + 1)..]) is { } named)
        {
            if (!IsWritable(named, action, keyField))
            {
                notWritable.Add(property);
                return;
            }

            parts = [(named, property[(dot + 1)..])];
        }
        else
        {
            unknown.Add(property);
            return;
        }

        foreach (var (component, key) in parts)
        {
            if (headers.Add(component.Name))
            {
                columns.Add(new MappedColumn(component.Name, top, key, component, Compound: true));
            }
        }
    }

    /// <summary>A field map entry whose target the object has no field or relationship of: the config is wrong, not the data.</summary>
    private static LoadConfigurationException MappedToNoField(StreamShape shape, ObjectDescribe describe, string source, string target)
    {
        var known = describe.Fields.Select(f => f.Name)
            .Concat(describe.Fields.Select(f => f.RelationshipName).OfType<string>().Where(r => r.Length > 0));
        var nearest = NearestNames.Find(target, known, limit: 3);
        return new LoadConfigurationException(
            $"streams.{shape.Stream}.fields maps the property '{source.Split('.')[0]}' to '{target}', and {describe.Name} has no such field" +
            (nearest.Count == 0 ? "" : $" (nearest: {string.Join(", ", nearest)})"));
    }

    private static bool NamesExternalId(ObjectOperation operation) =>
        !string.IsNullOrEmpty(operation.ExternalIdField) && !string.Equals(operation.ExternalIdField, "Id", StringComparison.OrdinalIgnoreCase);

    /// <summary>The Id field, for an object whose describe leaves it out.</summary>
    internal static readonly FieldDescribe IdField = new("Id", "id", false, false, false, true, false, true, null, []);

    /// <summary>
    /// The external id an update or delete finds its rows by when the stream has no `Id`: `external_id_name` when it names
    /// one, else the stream's single key property when that is an External ID field.
    /// </summary>
    private static FieldDescribe? LookupKey(ObjectOperation operation, StreamShape shape, ObjectDescribe describe, string where)
    {
        var action = ActionName(operation.Action);
        if (NamesExternalId(operation))
        {
            var named = describe.Field(operation.ExternalIdField)
                ?? throw new LoadConfigurationException($"{where}: the external id '{operation.ExternalIdField}' is not a field of {describe.Name}.");
            if (!named.IsKey)
            {
                throw new LoadConfigurationException(
                    $"{where}: '{named.Name}' is neither an External ID nor an idLookup field of {describe.Name}, so {action} cannot find rows by it.");
            }

            if (FindProperty(shape, named.Name) is null)
            {
                // Not in the stream: its `Id` names the rows, as before external ids could.
                return FindProperty(shape, "Id") is not null
                    ? null
                    : throw new LoadConfigurationException(
                        $"{where}: {action} needs an `Id` property or the external id '{named.Name}' in the stream, and it has neither.");
            }

            return named;
        }

        if (shape.KeyProperties.Count == 1 && describe.Field(shape.KeyProperties[0]) is { ExternalId: true } keyProperty && FindProperty(shape, keyProperty.Name) is not null)
        {
            return keyProperty;
        }

        throw new LoadConfigurationException(
            $"{where}: {action} needs an `Id` property, or an external id to find rows by (`external_id_name`, or a single key property " +
            "that is an External ID field), and the stream has neither.");
    }

    private static FieldDescribe? KeyField(ObjectOperation operation, ObjectDescribe describe, StreamShape shape, string where)
    {
        switch (operation.Action)
        {
            case LoadAction.Update:
                _ = FindProperty(shape, "Id")
                    ?? throw new LoadConfigurationException($"{where}: update needs an `Id` property and the stream has none.");
                return describe.Field("Id");
            case LoadAction.Upsert:
                var key = describe.Field(operation.ExternalIdField)
                    ?? throw new LoadConfigurationException($"{where}: the upsert key '{operation.ExternalIdField}' is not a field of {describe.Name}.");
                if (!key.IsKey)
                {
                    throw new LoadConfigurationException(
                        $"{where}: the upsert key '{key.Name}' is neither an External ID nor an idLookup field of {describe.Name}; upsert needs one.");
                }

                _ = FindProperty(shape, key.Name)
                    ?? throw new LoadConfigurationException($"{where}: upsert on '{key.Name}' needs that property in the stream, and it has none.");
                return key;
            default:
                return null;
        }
    }

    private static bool IsWritable(FieldDescribe field, LoadAction action, FieldDescribe? keyField)
    {
        if (keyField is not null && field.Name == keyField.Name)
        {
            return true;
        }

        return action switch
        {
            LoadAction.Insert => field.Createable,
            LoadAction.Update => field.Updateable,
            _ => field.Createable || field.Updateable,
        };
    }

    /// <summary>The relationship a property names: `Account` of `Account.External_Id__c`, `What` of `Account:What.External_Id__c`.</summary>
    private static string RelationshipPart(string property, int dot)
    {
        var head = dot < 0 ? property : property[..dot];
        var colon = head.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? head : head[(colon + 1)..];
    }

    /// <summary>
    /// The column a relationship property becomes. `Rel.Key` and `Type:Rel.Key` name the parent's type and key field in the
    /// header (a record type by DeveloperName, a user by Username or Email and a queue by DeveloperName are looked up by
    /// name; any other key must be the parent's External ID or idLookup field). A bare `Rel` holds a nested object: a
    /// record type's DeveloperName; for a polymorphic lookup or one to users or queues, whatever type and key each record
    /// names (checked against describe when encoded and when sent); else the parent's one External ID field.
    /// </summary>
    private static async Task<MappedColumn> RelationshipColumnAsync(
        string objectName, string property, int dot, FieldDescribe relationship, Func<string, Task<ObjectDescribe>> describeParent, string where)
    {
        var types = relationship.ReferenceTo;
        var relationshipName = relationship.RelationshipName ?? relationship.Name;
        if (types.Count == 0)
        {
            throw new LoadConfigurationException($"{where}: '{property}' is the relationship {relationshipName}, and describe names no object it points to.");
        }

        var head = dot < 0 ? property : property[..dot];
        var colon = head.IndexOf(':', StringComparison.Ordinal);
        string? nestedKey = dot < 0 ? null : property[(dot + 1)..];
        string? type = null;
        if (colon >= 0)
        {
            var named = head[..colon];
            type = types.FirstOrDefault(t => t.Equals(named, StringComparison.OrdinalIgnoreCase))
                ?? throw new LoadConfigurationException(
                    $"{where}: '{property}' names the type {named}, and {objectName}.{relationship.Name} can point to {string.Join(", ", types)} only.");
        }
        else if (types.Count == 1)
        {
            type = types[0];
        }
        else if (nestedKey is not null && types.Contains("User", StringComparer.OrdinalIgnoreCase) && ColumnReference.ResolvedByName("User", nestedKey))
        {
            type = "User"; // Owner.Email on a Lead: only users have emails
        }

        // The property itself holds the value when it spells the type (`Account:What.External_Id__c`); else, as before,
        // the relationship's nested object does, or a flattened `Rel.Key` property.
        var valueProperty = colon >= 0 ? property : head;

        if (type is not null && (nestedKey ?? (type.Equals("RecordType", StringComparison.OrdinalIgnoreCase) ? "DeveloperName" : null)) is { } nameKey
            && ColumnReference.ResolvedByName(type, nameKey))
        {
            var key = ColumnReference.CanonicalKey(nameKey);
            var reference = new ColumnReference(ReferenceKind.ByName, relationship, types, type, key);
            return new MappedColumn(
                dot < 0 ? $"{relationshipName}.{key}" : property, valueProperty, key, NamedBy(relationship), LookupField: relationship.Name, Reference: reference,
                PolymorphicType: colon >= 0 ? type : null);
        }

        if (nestedKey is null && colon < 0 && (types.Count > 1 || ColumnReference.ResolvedByName(types[0], "Username") || ColumnReference.ResolvedByName(types[0], "DeveloperName")))
        {
            // Each record names the type (when it may vary) and the key field in the object it holds.
            var reference = new ColumnReference(
                types.Count > 1 ? ReferenceKind.Polymorphic : ReferenceKind.ByName, relationship, types, type, null,
                LocksParent: ParentLocking.LocksEachParent(objectName, relationship));
            return new MappedColumn(property, property, null, NamedBy(relationship), LookupField: relationship.Name, Reference: reference);
        }

        if (type is null)
        {
            throw new LoadConfigurationException(
                $"{where}: '{property}': {relationshipName} can point to {string.Join(", ", types)}; name the type in the property " +
                $"('{types[0]}:{property}'), or send an object with a \"type\" (\"{relationshipName}\": {{\"type\": \"{types[0]}\", \"{nestedKey}\": …}}).");
        }

        var parent = await describeParent(type).ConfigureAwait(false);
        if (nestedKey is null)
        {
            var externalIds = parent.Fields.Where(f => f.ExternalId).ToList();
            if (externalIds.Count != 1)
            {
                throw new LoadConfigurationException(
                    $"{where}: '{property}' is the relationship to {parent.Name}; name its key field as '{property}.<field>' " +
                    $"({parent.Name} has {externalIds.Count} External ID fields, so none can be assumed).");
            }

            nestedKey = externalIds[0].Name;
        }

        var keyField = parent.Field(nestedKey);
        if (keyField is null || !keyField.IsKey)
        {
            throw new LoadConfigurationException(
                $"{where}: '{relationshipName}.{nestedKey}' needs {parent.Name}.{nestedKey} to be an External ID or idLookup field" +
                (keyField is null ? ", and it does not exist." : ", and it is neither."));
        }

        var header = types.Count > 1 ? $"{parent.Name}:{relationshipName}.{keyField.Name}" : $"{relationshipName}.{keyField.Name}";
        return new MappedColumn(header, valueProperty, keyField.Name, keyField, parent.Name,
            LockedObject: ParentLocking.LockedObject(objectName, relationship, parent.Name), LookupField: relationship.Name,
            PolymorphicType: colon >= 0 ? parent.Name : null);
    }

    /// <summary>
    /// The describe a reference column's value is converted by before it is resolved: text, as names and keys are, under
    /// the lookup's name and nillability (so a null on `OwnerId`, which cannot be cleared, leaves it as it is).
    /// </summary>
    private static FieldDescribe NamedBy(FieldDescribe lookup) => new(lookup.Name, "string", true, true, lookup.Nillable, false, false, false, null, []);

    /// <summary>A lookup set both by its own column (`OwnerId`) and by a name (`Owner.Email`) would have two values for one field.</summary>
    private static void CheckOneWriterPerLookup(string where, List<MappedColumn> columns)
    {
        foreach (var column in columns.Where(c => c.Reference is not null))
        {
            var lookup = column.Reference!.Lookup.Name;
            if (columns.FirstOrDefault(c => c.Reference is null && c.NestedKey is null && c.Field.Name.Equals(lookup, StringComparison.OrdinalIgnoreCase)) is { } direct)
            {
                throw new LoadConfigurationException(
                    $"{where}: '{direct.Property}' and '{column.Property}' both set {lookup}; keep one of them (or drop one with the stream's field map).");
            }
        }
    }

    private void ReportDropped(string where, List<string> unknown, List<string> notWritable, LoadAction action)
    {
        if (unknown.Count > 0)
        {
            if (failOnUnknownFields)
            {
                throw new LoadConfigurationException($"{where}: the object has no field for these properties: {string.Join(", ", unknown)} (unknown_fields is `fail`).");
            }

            if (NotYetReported(where, "unknown", unknown) is { Count: > 0 } fresh)
            {
                logger.LogWarning("{Where}: dropping properties the object has no field for: {Properties}", where, string.Join(", ", fresh));
            }
        }

        if (NotYetReported(where, ActionName(action), notWritable) is { Count: > 0 } unwritable)
        {
            logger.LogWarning("{Where}: dropping properties whose fields {Action} cannot write: {Properties}",
                where, ActionName(action), string.Join(", ", unwritable));
        }
    }

    /// <summary>
    /// The properties not warned about yet for this stream: a stream whose SCHEMA comes again (taps send
    /// one per batch, or when the schema changes) is mapped again, and the same warning each time is noise.
    /// </summary>
    private List<string> NotYetReported(string where, string why, List<string> properties) =>
        properties.Where(property => reported.TryAdd($"{where}\n{why}\n{property}", 0)).ToList();

    private void WarnMissingRequired(string where, ObjectDescribe describe, List<MappedColumn> columns)
    {
        var written = new HashSet<string>(columns.Select(c => c.NestedKey is null ? c.Field.Name : c.Header.Split('.')[0]), StringComparer.OrdinalIgnoreCase);
        var missing = describe.Fields
            .Where(f => f.RequiredOnInsert && !written.Contains(f.Name) && !(f.RelationshipName is { } r && written.Contains(r)))
            .Select(f => f.Name)
            .ToList();
        if (missing.Count > 0)
        {
            logger.LogWarning("{Where}: fields required to create a record are not in the stream, so new records will fail: {Fields}",
                where, string.Join(", ", missing));
        }
    }

    private static string? FindProperty(StreamShape shape, string name) =>
        shape.Properties.FirstOrDefault(p => string.Equals(p, name, StringComparison.OrdinalIgnoreCase));

    internal static string ActionName(LoadAction action) => action switch
    {
        LoadAction.HardDelete => "hard_delete",
        _ => action.ToString().ToLowerInvariant(),
    };
}
