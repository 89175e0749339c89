using TargetSalesforce.Salesforce.Query;

namespace TargetSalesforce.Salesforce.References;

/// <summary>
/// Rows the target finds by a name rather than an External ID: record types of one object by DeveloperName, active users
/// by Username or Email, queues by DeveloperName. One set is one query shape; its values go into the IN list.
/// </summary>
/// <param name="Type">RecordType, User or Group.</param>
/// <param name="KeyField">The field the names are values of (canonical spelling).</param>
/// <param name="SobjectType">For record types: the object they belong to; else null.</param>
internal sealed record NameSet(string Type, string KeyField, string? SobjectType)
{
    public static NameSet RecordTypes(string objectName) => new("RecordType", "DeveloperName", objectName);

    public static NameSet Users(string keyField) => new("User", keyField, null);

    public static NameSet Queues { get; } = new("Group", "DeveloperName", null);

    /// <summary>The statement up to `IN (`: the conditions that make a name mean one row.</summary>
    public string Head() => Type switch
    {
        "RecordType" => $"SELECT Id, DeveloperName FROM RecordType WHERE SobjectType = {SoqlLiteral.For(SobjectType ?? string.Empty, "string")} AND DeveloperName IN (",
        "User" => $"SELECT Id, {KeyField} FROM User WHERE IsActive = true AND {KeyField} IN (",
        _ => "SELECT Id, DeveloperName FROM Group WHERE Type = 'Queue' AND DeveloperName IN (",
    };

    /// <summary>What the rows are, for messages: "record type of Account", "active user", "queue".</summary>
    public string Noun => Type switch
    {
        "RecordType" => $"record type of {SobjectType}",
        "User" => "active user",
        _ => "queue",
    };

    public override string ToString() => $"{Noun} by {KeyField}";
}
