namespace TargetSalesforce.Salesforce.Bulk;

/// <summary>A job ran past job_timeout_seconds and was aborted; its rows are not known to be loaded.</summary>
public sealed class BulkJobTimeoutException : Exception
{
    internal BulkJobTimeoutException(string jobId, TimeSpan limit, JobInfo last)
        : base($"Bulk job {jobId} was still {last.State} after {limit.TotalSeconds:0.#} s (job_timeout_seconds) with " +
               $"{last.Processed} records processed; it was aborted and its batch counts as not loaded.")
    {
        JobId = jobId;
    }

    public string JobId { get; }
}
