namespace TargetSalesforce.Salesforce.Bulk;

/// <summary>The states of a Bulk API 2.0 ingest job.</summary>
internal enum JobState
{
    Open,
    UploadComplete,
    InProgress,
    JobComplete,
    Failed,
    Aborted,
}

/// <summary>A job's status as Salesforce reports it. Counters missing from the answer read as 0.</summary>
internal sealed record JobInfo(string Id, JobState State, long Processed, long Failed, string? ErrorMessage)
{
    public bool IsFinished => State is JobState.JobComplete or JobState.Failed or JobState.Aborted;

    /// <exception cref="FormatException">The answer is not a job object this client can read.</exception>
    public static JobInfo Parse(string json, string source)
    {
        var (body, id, state) = JobAnswer.Read<JobState>(json, source, "job");
        return new JobInfo(id, state, JobAnswer.Counter(body, "numberRecordsProcessed"), JobAnswer.Counter(body, "numberRecordsFailed"),
            (string?)body["errorMessage"]);
    }
}
