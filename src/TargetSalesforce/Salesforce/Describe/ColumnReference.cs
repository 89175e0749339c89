namespace TargetSalesforce.Salesforce.Describe;

/// <summary>How a column that names its parent record gets to Salesforce: by Ids the target looks up, or by type.</summary>
internal enum ReferenceKind
{
    /// <summary>
    /// A record type by DeveloperName, a user by Username or Email, a queue by DeveloperName: none is an External ID,
    /// so the target queries their Ids (<c>References/NameLookup</c>) and sends the lookup field (`RecordTypeId`) instead.
    /// </summary>
    ByName,

    /// <summary>
    /// A lookup that may point to several objects (`Task.What`): Bulk API takes `Type:Relationship.Key` columns, one
    /// per parent type, so the batch gets one column for each type its rows name.
    /// </summary>
    Polymorphic,
}

/// <summary>
/// A column whose cells the writer turns into other columns when a batch's turn comes (<c>References/ReferenceResolver</c>).
/// Its header is never sent. A cell holds the value alone when the column fixes the parent type and key field
/// (`RecordType.DeveloperName`, `Account:What.External_Id__c`), else <see cref="Cell"/>'s `Type:KeyField:value`, read
/// from a nested object (`{"What": {"type": "Account", "External_Id__c": "A-1"}}`).
/// </summary>
/// <param name="Kind">Looked up by name, or written as a polymorphic column.</param>
/// <param name="Lookup">The lookup field the column sets (`RecordTypeId`, `OwnerId`, `WhatId`); a null clears it.</param>
/// <param name="Types">The objects the lookup may point to (describe's `referenceTo`).</param>
/// <param name="Type">The parent type every cell names, or null when each record says it.</param>
/// <param name="KeyField">The parent's field every cell names, or null when each record says it.</param>
/// <param name="LocksParent">Saving the row locks the parent each cell names (<see cref="ParentLocking"/>).</param>
internal sealed record ColumnReference(
    ReferenceKind Kind, FieldDescribe Lookup, IReadOnlyList<string> Types, string? Type, string? KeyField, bool LocksParent = false)
{
    /// <summary>True when each record names its parent type and key field, so a cell is <see cref="Cell"/>'s triple.</summary>
    public bool PerRecord => Type is null || KeyField is null;

    /// <summary>The relationship's name, as headers spell it (`What`, `Owner`).</summary>
    public string Relationship => Lookup.RelationshipName ?? Lookup.Name;

    /// <summary>The triple a per-record cell holds: type and key field are API names, which never hold a colon.</summary>
    public static string Cell(string type, string keyField, string value) => $"{type}:{keyField}:{value}";

    /// <summary>Reads a per-record cell back; false for text no encoder wrote.</summary>
    public static bool TryReadCell(string cell, out string type, out string keyField, out string value)
    {
        type = keyField = value = string.Empty;
        var first = cell.IndexOf(':', StringComparison.Ordinal);
        var second = first < 0 ? -1 : cell.IndexOf(':', first + 1);
        if (second < 0)
        {
            return false;
        }

        type = cell[..first];
        keyField = cell[(first + 1)..second];
        value = cell[(second + 1)..];
        return true;
    }

    /// <summary>
    /// The (type, key field) pairs the target resolves by name: record types by DeveloperName, active users by Username or
    /// Email, queues (Group rows of Type Queue) by DeveloperName. Others go to Salesforce as relationship columns.
    /// </summary>
    public static bool ResolvedByName(string type, string keyField) =>
        (type.Equals("RecordType", StringComparison.OrdinalIgnoreCase) && keyField.Equals("DeveloperName", StringComparison.OrdinalIgnoreCase))
        || (type.Equals("User", StringComparison.OrdinalIgnoreCase)
            && (keyField.Equals("Username", StringComparison.OrdinalIgnoreCase) || keyField.Equals("Email", StringComparison.OrdinalIgnoreCase)))
        || (type.Equals("Group", StringComparison.OrdinalIgnoreCase) && keyField.Equals("DeveloperName", StringComparison.OrdinalIgnoreCase));

    /// <summary>The canonical spelling of a name-resolved key field (`email` → `Email`).</summary>
    public static string CanonicalKey(string keyField) =>
        keyField.Equals("Username", StringComparison.OrdinalIgnoreCase) ? "Username"
        : keyField.Equals("Email", StringComparison.OrdinalIgnoreCase) ? "Email"
        : keyField.Equals("DeveloperName", StringComparison.OrdinalIgnoreCase) ? "DeveloperName"
        : keyField;
}
