namespace SalesforceEmulator.Bulk;

/// <summary>
/// An ingest job's state as of one moment, taken under its gate. A request that moves the job (a close, an abort, a
/// multipart create) takes it the moment it moves the job and answers with it: the state that request set, even when
/// processing has moved the job on by the time the answer is written.
/// </summary>
public readonly record struct JobStatus(JobState State, DateTimeOffset SystemModstamp, string? ErrorMessage);
