using System.Net;

namespace TargetSalesforce.Salesforce.Http;

/// <summary>A Salesforce call failed for good. The message names the request and quotes Salesforce, never a secret.</summary>
public class SalesforceApiException : Exception
{
    public SalesforceApiException(string message, HttpStatusCode? status = null, string? errorCode = null, Exception? inner = null)
        : base(message, inner)
    {
        Status = status;
        ErrorCode = errorCode;
    }

    public HttpStatusCode? Status { get; }

    /// <summary>Salesforce's errorCode (NOT_FOUND, INVALIDJOB…) when the body carried one.</summary>
    public string? ErrorCode { get; }
}
