namespace SalesforceEmulator.Bulk;

/// <summary>The Bulk API 2.0 ingest job states.</summary>
public enum JobState
{
    Open,
    UploadComplete,
    InProgress,
    JobComplete,
    Failed,
    Aborted,
}

public static class JobStates
{
    public static bool IsTerminal(this JobState state) =>
        state is JobState.JobComplete or JobState.Failed or JobState.Aborted;
}
