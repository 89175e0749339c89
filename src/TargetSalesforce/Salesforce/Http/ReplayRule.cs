namespace TargetSalesforce.Salesforce.Http;

/// <summary>When a request may be sent again after a failure, by what a repeat would do to the org.</summary>
internal enum ReplayRule
{
    /// <summary>GET, DELETE, PATCH close/abort, token and login calls: a repeat changes nothing.</summary>
    Idempotent,

    /// <summary>
    /// POST create job: repeated after any transient failure. If the lost attempt did create a job, that
    /// job stays Open and empty: it never receives data, so it changes nothing in the org (Salesforce
    /// deletes it later). Halting the run instead would cost far more than an idle job.
    /// </summary>
    CreateOnce,

    /// <summary>PUT upload: never re-sent to the same job once it may have arrived (one upload per job).</summary>
    UploadOnce,
}
