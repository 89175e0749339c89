using SalesforceEmulator.Org;

namespace SalesforceEmulator.Bulk.Rows;

/// <summary>
/// sf__Error texts as Salesforce writes them: "STATUS_CODE:message:fields --", or "STATUS_CODE:message:--" when no
/// field is named. Texts marked UNVERIFIED in ORG-FORMAT.md are our closest documented guess.
/// </summary>
public static class RowErrors
{
    public static string ForValue(ValueProblem problem, SObjectField field, int column, string raw) => problem switch
    {
        ValueProblem.NotValidForType =>
            $"INVALID_FIELD:Failed to deserialize field at col {column}. Due to, '{raw}' is not a valid value for the type {field.Type.SoapType()}:{field.Name} --",
        ValueProblem.TooLong =>
            $"STRING_TOO_LONG:{field.Label}: data value too large: {raw} (max length={field.Length}):{field.Name} --",
        ValueProblem.NotInRestrictedPicklist =>
            $"INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST:{field.Label}: bad value for restricted picklist field: {raw}:{field.Name} --",
        ValueProblem.OutOfRange =>
            $"NUMBER_OUTSIDE_VALID_RANGE:{field.Label}: value outside of valid range on numeric field: {raw}:{field.Name} --",
        ValueProblem.InvalidEmail =>
            $"INVALID_EMAIL_ADDRESS:{field.Label}: invalid email address: {raw}:{field.Name} --",
        ValueProblem.MalformedId =>
            $"MALFORMED_ID:{field.Label}: id value of incorrect type: {raw}:{field.Name} --",
        _ => throw new ArgumentOutOfRangeException(nameof(problem)),
    };

    public static string RequiredFieldsMissing(IReadOnlyList<SObjectField> fields) =>
        $"REQUIRED_FIELD_MISSING:Required fields are missing: [{string.Join(", ", fields)}]:{string.Join(",", fields)} --";

    public static string NotWritable(IReadOnlyList<SObjectField> fields) =>
        $"INVALID_FIELD_FOR_INSERT_UPDATE:Unable to create/update fields: {string.Join(", ", fields)}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.:{string.Join(",", fields)} --";

    public static string MalformedId(string raw) => $"MALFORMED_ID:malformed id {raw}:--";

    public const string InvalidCrossReference = "INVALID_CROSS_REFERENCE_KEY:invalid cross reference id:--";

    public const string EntityIsDeleted = "ENTITY_IS_DELETED:entity is deleted:--";

    public static string WrongReferenceType(SObjectField field, string raw) =>
        $"FIELD_INTEGRITY_EXCEPTION:{field.Label}: id value of incorrect type: {raw}:{field.Name} --";

    public static string IdNotSpecified(IngestOperation operation) =>
        $"MISSING_ARGUMENT:Id not specified in an {(operation.IsDelete() ? "delete" : "update")} call:--";

    public static string KeyNotSpecified(SObjectField key) => $"MISSING_ARGUMENT:{key.Name} not specified:--";

    public static string DuplicateValue(SObjectField field, string existingId) =>
        $"DUPLICATE_VALUE:duplicate value found: {field.Name} duplicates value on record with id: {existingId}:--";

    public static string DuplicateKeyInJob(string value) => $"DUPLICATE_VALUE:Duplicate external id specified: {value}:--";

    public static string MoreThanOneMatch(SObjectField key, IReadOnlyList<SObjectRecord> matches) =>
        $"DUPLICATE_EXTERNAL_ID:{key.Label}: more than one record found for external id field: [{string.Join(", ", matches.Select(m => m.Id))}]:--";

    public static string ForeignKeyNotFound(string raw, SObjectField parentKey, SObjectSchema parent) =>
        $"INVALID_FIELD:Foreign key external ID: {raw} not found for field {parentKey.Name} in entity {parent.Name}:--";

    /// <summary>A row whose transaction could not lock <paramref name="id"/>; <paramref name="records"/> is how many the transaction saves.</summary>
    public static string UnableToLockRow(string? id, int records = 200) =>
        id is null
            ? "UNABLE_TO_LOCK_ROW:unable to obtain exclusive access to this record:--"
            : $"UNABLE_TO_LOCK_ROW:unable to obtain exclusive access to this record or {records} records: {id}:--";
}
