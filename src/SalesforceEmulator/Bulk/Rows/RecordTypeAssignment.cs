using SalesforceEmulator.Org;

namespace SalesforceEmulator.Bulk.Rows;

/// <summary>
/// A row's record type must be one of its own object's, and active: an Account may not take a Case record type, nor
/// a retired one. The org's RecordType rows say which object each belongs to (SobjectType) and whether it is active
/// (IsActive); an org without those fields checks only that the record type exists.
/// </summary>
public static class RecordTypeAssignment
{
    /// <summary>The Master record type every object has (describe's recordTypeInfos); it is no row of RecordType.</summary>
    public const string MasterId = "012000000000000AAA";

    public static bool IsRecordTypeObject(SObjectTable table) => table.Schema.Name.Equals("RecordType", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why <paramref name="recordType"/> (null: no such record) cannot be given to a row of <paramref name="target"/>; null when it can.</summary>
    public static string? Check(SObjectSchema target, SObjectTable recordTypes, SObjectRecord? recordType, SObjectField field, string given)
    {
        if (recordType is null || recordType.IsDeleted)
            return Invalid(field, given);
        var schema = recordTypes.Schema;
        if (schema.FindField("SobjectType") is { } sobjectType
            && !string.Equals(recordType[sobjectType.Ordinal], target.Name, StringComparison.OrdinalIgnoreCase))
            return Invalid(field, given);
        if (schema.FindField("IsActive") is { } isActive && recordType[isActive.Ordinal] == "false")
            return Invalid(field, given);
        return null;
    }

    // Salesforce answers a record type the user may not give this object, whatever the reason, this way
    // (INVALID_CROSS_REFERENCE_KEY on RecordTypeId), naming the id as sent.
    private static string Invalid(SObjectField field, string given) =>
        $"INVALID_CROSS_REFERENCE_KEY:Record Type ID: this ID value isn't valid for the user: {given}:{field.Name} --";
}
