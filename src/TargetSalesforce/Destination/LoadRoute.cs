namespace TargetSalesforce.Destination;

/// <summary>The API a batch went through: the summary and the metrics count records by it.</summary>
public enum LoadRoute
{
    /// <summary>Bulk API 2.0 ingest jobs: asynchronous, for large batches and hard deletes.</summary>
    Bulk,

    /// <summary>Synchronous REST calls (sObject Collections, 200 records a call): for small batches.</summary>
    Rest,
}
