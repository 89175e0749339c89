namespace TargetSalesforce.Destination;

/// <summary>One row Salesforce accepted: its index in the batch, the record's Id, and whether the row created it.</summary>
public sealed record RowSuccess(int RowIndex, string Id, bool Created);
