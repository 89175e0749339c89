namespace SalesforceEmulator.Org;

/// <summary>Why a value cannot be stored in a field; each maps to one Salesforce status code.</summary>
public enum ValueProblem
{
    None,
    /// <summary>INVALID_FIELD "Failed to deserialize field ..." (bad number, date, datetime, boolean).</summary>
    NotValidForType,
    /// <summary>STRING_TOO_LONG.</summary>
    TooLong,
    /// <summary>INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST.</summary>
    NotInRestrictedPicklist,
    /// <summary>NUMBER_OUTSIDE_VALID_RANGE.</summary>
    OutOfRange,
    /// <summary>INVALID_EMAIL_ADDRESS.</summary>
    InvalidEmail,
    /// <summary>MALFORMED_ID (an id or reference value that is not an id).</summary>
    MalformedId,
}
