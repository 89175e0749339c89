using SalesforceEmulator.Org;

namespace SalesforceEmulator.Rest.Assignment;

/// <summary>The id of an AssignmentRule (Lead and Case assignment rules), as a Bulk job's assignmentRuleId and the REST header take it.</summary>
public static class AssignmentRuleId
{
    /// <summary>Key prefix of AssignmentRule ids.</summary>
    public const string KeyPrefix = "01Q";

    /// <summary>A well-formed id (15 or 18 characters) with the AssignmentRule key prefix; <paramref name="id18"/> is its 18-character form.</summary>
    public static bool TryNormalize(string value, out string id18) =>
        SalesforceId.TryNormalize(value, out id18) && id18.StartsWith(KeyPrefix, StringComparison.Ordinal);
}
