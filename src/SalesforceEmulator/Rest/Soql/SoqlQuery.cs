namespace SalesforceEmulator.Rest.Soql;

/// <summary>
/// A name in the query text and where it starts (1-based column, for the error caret). A field may be a path through
/// lookups, dotted as written: <c>Account.External_Id__c</c>, <c>Account__r.Name</c>.
/// </summary>
public sealed record SoqlName(string Text, int Column);

public enum SoqlOperator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Like,
}

/// <summary>
/// A literal: Text is null for the null literal; IsString tells 'quoted' from bare (numbers, booleans, dates).
/// DateLiteral is set for a relative date such as TODAY or LAST_N_DAYS:7, resolved against the org's clock.
/// </summary>
public sealed record SoqlLiteral(string? Text, bool IsString, int Column = 0, SoqlDateLiteral? DateLiteral = null);

/// <summary>A WHERE clause: comparisons and IN lists joined by AND, OR and NOT, with parentheses as written.</summary>
public abstract record SoqlCondition;

public sealed record SoqlComparison(SoqlName Field, SoqlOperator Operator, SoqlLiteral Value) : SoqlCondition;

public sealed record SoqlIn(SoqlName Field, bool Negated, IReadOnlyList<SoqlLiteral> Values) : SoqlCondition;

public sealed record SoqlAnd(IReadOnlyList<SoqlCondition> Parts) : SoqlCondition;

public sealed record SoqlOr(IReadOnlyList<SoqlCondition> Parts) : SoqlCondition;

public sealed record SoqlNot(SoqlCondition Inner) : SoqlCondition;

public sealed record SoqlOrder(SoqlName Field, bool Descending, bool NullsLast);

/// <summary>
/// The supported subset: SELECT fields (lookup paths allowed) | COUNT() FROM object [WHERE condition]
/// [ORDER BY f [ASC|DESC] [NULLS FIRST|LAST], …] [LIMIT n] [OFFSET n]. A parent-to-child subquery in the select list
/// is recognised (so Bulk API 2.0 can refuse it as Salesforce does) but not run.
/// </summary>
public sealed record SoqlQuery(
    string Text,
    bool IsCount,
    IReadOnlyList<SoqlName> Fields,
    SoqlName Object,
    SoqlCondition? Where,
    IReadOnlyList<SoqlOrder> Order,
    int? Limit,
    int? Offset)
{
    /// <summary>Where the first parent-to-child subquery of the select list starts, if there is one.</summary>
    public SoqlName? Subquery { get; init; }
}
