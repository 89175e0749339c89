using System.Net;

namespace TargetSalesforce.Salesforce.Http;

/// <summary>
/// A success status whose body is empty, an HTML page, or cut short: the answer was garbled on its
/// way, not refused, so a read (a status poll, a result download) may simply be asked again.
/// </summary>
public sealed class UnreadableAnswerException(string message, HttpStatusCode? status = null, Exception? inner = null)
    : SalesforceApiException(message, status, inner: inner);
