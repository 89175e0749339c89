namespace TargetSalesforce.Salesforce.Http;

/// <summary>An upload may or may not have reached its job: the job must not be used again.</summary>
internal sealed class UploadOutcomeUnknownException(string message, Exception? inner = null) : Exception(message, inner);
