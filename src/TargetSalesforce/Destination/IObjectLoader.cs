namespace TargetSalesforce.Destination;

/// <summary>
/// Loading's one view of the destination. The real implementation describes Salesforce objects and
/// runs Bulk API 2.0 jobs; tests put an in-memory loader in its place.
/// </summary>
public interface IObjectLoader
{
    /// <summary>
    /// Prepares to write one stream's records into one object: describes it once, maps the
    /// stream's properties to fields, and logs the warnings that belong at the start.
    /// Throws <see cref="LoadConfigurationException"/> when the stream cannot be loaded at all.
    /// </summary>
    Task<IObjectWriter> OpenAsync(ObjectOperation operation, StreamShape shape, CancellationToken cancellationToken);

    /// <summary>
    /// The input has ended and every batch is handed over: what is in flight is all the run waits for, so the loader
    /// may watch it more closely.
    /// </summary>
    void InputEnded()
    {
    }
}
