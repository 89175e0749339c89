namespace TargetSalesforce.Salesforce;

/// <summary>Limits Salesforce sets, each written here once.</summary>
public static class SalesforceLimits
{
    /// <summary>
    /// The most CSV bytes one Bulk API 2.0 upload may carry: 100 MB is Salesforce's documented safe size
    /// (150 MB once base64-encoded). The `batch_size_bytes` setting may not pass it.
    /// </summary>
    public const long MaxUploadBytes = 100L * 1024 * 1024;

    /// <summary>
    /// The longest SOQL statement Salesforce accepts: 100,000 characters by default ("SOQL and SOSL Limits for Search
    /// Queries"). Lookups by external id split their IN lists to stay under it.
    /// </summary>
    public const int MaxSoqlLength = 100_000;

    /// <summary>The most records one sObject Collections call may carry (create, update, upsert or delete).</summary>
    public const int MaxCollectionRecords = 200;
}
