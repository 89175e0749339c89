using TargetSalesforce.Destination;
using TargetSalesforce.Salesforce.Describe;

namespace TargetSalesforce.Salesforce.Csv;

/// <summary>
/// The cell of a column whose records name their parent's type and key field in a nested object
/// (`{"What": {"type": "Account", "External_Id__c": "A-1"}}`, `{"Owner": {"Email": "…"}}`): the type is checked against
/// describe's `referenceTo` here, so a wrong one fails its record by line before anything is sent.
/// </summary>
internal static class ReferenceCell
{
    /// <summary>The names a nested object may give its type by: `type`, or REST's `attributes.type`.</summary>
    private const string TypeProperty = "type";

    private const string AttributesProperty = "attributes";

    /// <summary>`Type:KeyField:value` (<see cref="ColumnReference.Cell"/>), and the parent lock when the lookup takes one.</summary>
    public static bool TryWrite(
        string objectName, MappedColumn column, ColumnReference reference, RecordValue value, out string cell, out string? lockPart, out EncodedRecord rejection)
    {
        cell = string.Empty;
        lockPart = null;
        rejection = default;
        var relationship = reference.Relationship;
        if (value.Object is not { } parent)
        {
            rejection = EncodedRecord.Rejected(RecordEncoder.ConversionFailed,
                $"field '{column.Property}' is the relationship {relationship} and needs an object naming " +
                $"{(reference.Type is null ? "the parent's \"type\" and " : string.Empty)}its key field, not a JSON {ValueConverter.KindName(value)}");
            return false;
        }

        string? type = null;
        var keys = new List<(string Name, RecordValue Value)>();
        for (var i = 0; i < parent.Count; i++)
        {
            var name = parent.NameAt(i);
            var item = parent.ValueAt(i);
            if (name.Equals(TypeProperty, StringComparison.OrdinalIgnoreCase))
            {
                type = item.Text;
            }
            else if (name.Equals(AttributesProperty, StringComparison.OrdinalIgnoreCase))
            {
                var anywhere = -1;
                if (item.Object is { } attributes && attributes.TryFind(TypeProperty, ref anywhere, out var named))
                {
                    type = named.Text;
                }
            }
            else
            {
                keys.Add((name, item));
            }
        }

        if (keys.Count != 1)
        {
            rejection = EncodedRecord.Rejected(RecordEncoder.ConversionFailed,
                $"field '{column.Property}' ({relationship}) needs exactly one key field beside \"type\", and it has {keys.Count}" +
                (keys.Count == 0 ? string.Empty : $" ({string.Join(", ", keys.Select(k => k.Name))})"));
            return false;
        }

        var (keyField, keyValue) = keys[0];
        type ??= reference.Type ?? TypeOfKey(reference, keyField);
        if (type is null)
        {
            rejection = EncodedRecord.Rejected(RecordEncoder.ConversionFailed,
                $"field '{column.Property}' ({relationship}) needs a \"type\": one of {string.Join(", ", reference.Types)}");
            return false;
        }

        var known = reference.Types.FirstOrDefault(t => t.Equals(type, StringComparison.OrdinalIgnoreCase));
        if (known is null)
        {
            rejection = EncodedRecord.Rejected(RecordEncoder.WrongReferenceType,
                $"field '{column.Property}' names a {Cut(type)}, and {objectName}.{reference.Lookup.Name} can point to {string.Join(", ", reference.Types)} only");
            return false;
        }

        var keyDescribe = new FieldDescribe(keyField, "string", true, true, true, false, false, false, null, []);
        if (keyValue.Kind == ValueKind.Null || !ValueConverter.TryConvert(keyValue, keyDescribe, out var text, out _) || text.Length == 0)
        {
            rejection = EncodedRecord.Rejected(RecordEncoder.ConversionFailed,
                $"field '{column.Property}' ({relationship}) needs a value in '{keyField}', not a JSON {ValueConverter.KindName(keyValue)}" +
                $" (send \"{column.Property}\": null to clear {reference.Lookup.Name})");
            return false;
        }

        var key = ColumnReference.CanonicalKey(keyField);
        cell = ColumnReference.Cell(known, key, text);
        lockPart = reference.LocksParent ? $"{known}.{key}={text}" : null;
        return true;
    }

    /// <summary>An owner named by Username or Email is a user, whatever else the lookup may point to.</summary>
    private static string? TypeOfKey(ColumnReference reference, string keyField) =>
        reference.Types.Contains("User", StringComparer.OrdinalIgnoreCase) && ColumnReference.ResolvedByName("User", keyField) ? "User" : null;

    private static string Cut(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
