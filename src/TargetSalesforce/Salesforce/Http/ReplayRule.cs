namespace TargetSalesforce.Salesforce.Http;

/// <summary>When a request may be sent again after a failure, by what a repeat would do to the org.</summary>
internal enum ReplayRule
{
    /// <summary>GET, DELETE, PATCH close/abort, token and login calls: a repeat changes nothing.</summary>
    Idempotent,

    /// <summary>POST create job: repeated only when the server surely did not act (refused, or said so).</summary>
    CreateOnce,

    /// <summary>PUT upload: never re-sent to the same job once it may have arrived (one upload per job).</summary>
    UploadOnce,
}
