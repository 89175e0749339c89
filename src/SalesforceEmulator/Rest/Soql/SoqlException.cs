namespace SalesforceEmulator.Rest.Soql;

/// <summary>A query the API refuses: the errorCode (MALFORMED_QUERY, INVALID_TYPE, INVALID_FIELD) and its message.</summary>
public sealed class SoqlException(string errorCode, string message) : Exception(message)
{
    public string ErrorCode { get; } = errorCode;
}
