namespace TargetSalesforce.Destination;

/// <summary>What a stream's records do to their Salesforce object (the `action` setting).</summary>
public enum LoadAction
{
    Insert,
    Update,
    Upsert,
    Delete,
    HardDelete,
}
