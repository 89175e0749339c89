namespace SalesforceEmulator.Rest.Soql;

/// <summary>A name in the query text and where it starts (1-based column, for the error caret).</summary>
public sealed record SoqlName(string Text, int Column);

public enum SoqlComparison
{
    Equal,
    NotEqual,
}

/// <summary>A literal: Text is null for the null literal; IsString tells 'quoted' from bare (numbers, booleans, dates).</summary>
public sealed record SoqlLiteral(string? Text, bool IsString);

public sealed record SoqlCondition(SoqlName Field, SoqlComparison Comparison, SoqlLiteral Value);

public sealed record SoqlOrder(SoqlName Field, bool Descending, bool NullsLast);

/// <summary>The supported subset: SELECT fields | COUNT() FROM object [WHERE a = x AND ...] [ORDER BY f [ASC|DESC]] [LIMIT n].</summary>
public sealed record SoqlQuery(
    string Text,
    bool IsCount,
    IReadOnlyList<SoqlName> Fields,
    SoqlName Object,
    IReadOnlyList<SoqlCondition> Conditions,
    SoqlOrder? Order,
    int? Limit,
    int Offset);
