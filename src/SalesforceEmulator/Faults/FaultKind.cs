namespace SalesforceEmulator.Faults;

/// <summary>What a fault does. The JSON names are the camel-case forms (httpError, requestLimit, …).</summary>
public enum FaultKind
{
    /// <summary>Answer an HTTP error status (500, 502, 503, …) instead of running the route.</summary>
    HttpError,

    /// <summary>Answer 403 REQUEST_LIMIT_EXCEEDED (the concurrent or the daily form).</summary>
    RequestLimit,

    /// <summary>Answer an HTML page (as an edge proxy does), 200 by default.</summary>
    HtmlBody,

    /// <summary>Answer an empty body, 200 by default.</summary>
    EmptyBody,

    /// <summary>Delay the request on the emulator's clock, then run it.</summary>
    Latency,

    /// <summary>Drop the connection: after the route ran and part of its answer was sent, or before it ran.</summary>
    DropConnection,

    /// <summary>End sessions after a number of requests or seconds, so the next call gets 401 INVALID_SESSION_ID.</summary>
    SessionExpiry,

    /// <summary>Fail a share of ingest rows with UNABLE_TO_LOCK_ROW.</summary>
    LockRows,

    /// <summary>Make an ingest job end Failed with an error message.</summary>
    FailJob,
}
