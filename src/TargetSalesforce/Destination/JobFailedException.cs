namespace TargetSalesforce.Destination;

/// <summary>Salesforce failed a whole job (a bad column, a CSV it could not parse): fatal for the run.</summary>
public sealed class JobFailedException(string jobId, string message)
    : Exception($"Bulk job {jobId} failed: {message}")
{
    public string JobId { get; } = jobId;
}
