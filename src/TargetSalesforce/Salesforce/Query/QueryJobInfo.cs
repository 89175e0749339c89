using TargetSalesforce.Salesforce.Bulk;

namespace TargetSalesforce.Salesforce.Query;

/// <summary>The states of a Bulk API 2.0 query job: it starts at UploadComplete, as nothing is uploaded to it.</summary>
internal enum QueryJobState
{
    UploadComplete,
    InProgress,
    JobComplete,
    Failed,
    Aborted,
}

/// <summary>A query job's status as Salesforce reports it.</summary>
internal sealed record QueryJobInfo(string Id, QueryJobState State, long RecordsProcessed, string? ErrorMessage)
{
    public bool IsFinished => State is QueryJobState.JobComplete or QueryJobState.Failed or QueryJobState.Aborted;

    /// <exception cref="FormatException">The answer is not a job object this client can read.</exception>
    public static QueryJobInfo Parse(string json, string source)
    {
        var (body, id, state) = JobAnswer.Read<QueryJobState>(json, source, "query job");
        return new QueryJobInfo(id, state, JobAnswer.Counter(body, "numberRecordsProcessed"), (string?)body["errorMessage"]);
    }
}
