namespace TargetSalesforce.Destination;

/// <summary>What one stream's records do, and where: the object, the action, and the upsert key.</summary>
/// <param name="ObjectName">The Salesforce object's API name, as configured (the describe gives its exact casing).</param>
/// <param name="Action">The Bulk API operation.</param>
/// <param name="ExternalIdField">The upsert key (`external_id_name`); only meaningful for upsert.</param>
public sealed record ObjectOperation(string ObjectName, LoadAction Action, string ExternalIdField)
{
    /// <summary>The Lead or Case assignment rule the writes run (`assignment_rule_id`); null runs none.</summary>
    public string? AssignmentRuleId { get; init; }
}
