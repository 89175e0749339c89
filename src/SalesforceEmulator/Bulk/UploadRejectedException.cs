namespace SalesforceEmulator.Bulk;

/// <summary>
/// Job data the API refuses as a whole (unparsable CSV, unknown column, wrong line ending...): the job ends
/// Failed, and the message is its errorMessage, worded as Salesforce words it.
/// </summary>
public sealed class UploadRejectedException(string message) : Exception(message);
