namespace TargetSalesforce.Destination;

/// <summary>Encodes records of one stream for one object and loads batches of them.</summary>
public interface IObjectWriter
{
    /// <summary>The object this writer writes, what it does to it, and on which key.</summary>
    ObjectOperation Operation { get; }

    /// <summary>The CSV header of every batch this writer loads (exact field API names).</summary>
    IReadOnlyList<string> Columns { get; }

    /// <summary>
    /// Other objects whose records this writer's relationship columns look up by key. Salesforce
    /// resolves such a column only against records already committed, so their earlier rows load first.
    /// </summary>
    IReadOnlyCollection<string> ParentObjects { get; }

    /// <summary>
    /// Whether the rows this writer encodes name parents the destination locks while saving them
    /// (<see cref="EncodedRecord.ParentLock"/>): then loading keeps one parent's rows out of jobs that may run together.
    /// </summary>
    bool LocksParents => false;

    /// <summary>
    /// Encodes one record as one CSV row (terminated by LF) with its key: the Id or external id
    /// that names the Salesforce row it writes, or null for an insert. A record that cannot be
    /// encoded (a value the field cannot take, a delete without Id) comes back as a rejection.
    /// The record is read only during the call and never kept.
    /// </summary>
    EncodedRecord Encode(IRecordView record);

    /// <summary>
    /// Creates the batch's job and uploads its rows without closing it, so the upload can happen while
    /// the job still waits for its turn. The caller then completes or aborts the returned load.
    /// </summary>
    Task<IStagedLoad> StageAsync(RowBatch batch, CancellationToken cancellationToken);

    /// <summary>
    /// Loads one batch as one job (or more, when the CSV passes the size cap) and reports each
    /// row that failed. Throws <see cref="JobFailedException"/> when Salesforce failed the job as
    /// a whole: those records were not eligible, whatever allow_failures says.
    /// </summary>
    async Task<BatchOutcome> LoadAsync(RowBatch batch, CancellationToken cancellationToken)
    {
        var staged = await StageAsync(batch, cancellationToken).ConfigureAwait(false);
        return await staged.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }
}
