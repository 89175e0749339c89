namespace TargetSalesforce.Destination;

/// <summary>
/// A batch already created and uploaded as a Bulk job but not yet closed, so Salesforce has not
/// started on it. Staging ahead lets the upload overlap the jobs still processing; closing waits for
/// the job's turn. Exactly one of <see cref="CompleteAsync"/> or <see cref="AbortAsync"/> is called.
/// </summary>
public interface IStagedLoad
{
    /// <summary>Closes the job, waits for it and reports each row that failed (as <see cref="IObjectWriter.LoadAsync"/> would).</summary>
    Task<BatchOutcome> CompleteAsync(CancellationToken cancellationToken);

    /// <summary>Drops a staged job that will never be closed, so no open job with data is left behind. Best effort: never throws.</summary>
    Task AbortAsync();
}
