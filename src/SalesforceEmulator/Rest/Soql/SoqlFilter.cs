using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using SalesforceEmulator.Org;

namespace SalesforceEmulator.Rest.Soql;

/// <summary>
/// A WHERE clause compiled to a test of one record. Literals are brought to the field's stored form once, so each
/// record costs a read and a compare: text compares ignoring case (as SOQL does), numbers as numbers, dates and
/// datetimes by their sortable stored form. As in SOQL, null is a value: <c>X != 'a'</c> keeps the rows where X is
/// null, and <c>X = null</c> finds them.
/// </summary>
public sealed class SoqlFilter
{
    private readonly OrgStore org;
    private readonly SObjectSchema schema;
    private readonly string query;
    private readonly DateTimeOffset now;

    private SoqlFilter(OrgStore org, SObjectSchema schema, string query, DateTimeOffset now)
    {
        this.org = org;
        this.schema = schema;
        this.query = query;
        this.now = now;
    }

    /// <summary>Compiles a condition; throws the SOQL error for an unknown field or a literal of the wrong kind.</summary>
    public static Func<SObjectRecord, bool> Compile(OrgStore org, SObjectSchema schema, SoqlCondition condition, string query, DateTimeOffset now) =>
        new SoqlFilter(org, schema, query, now).Build(condition);

    private Func<SObjectRecord, bool> Build(SoqlCondition condition)
    {
        switch (condition)
        {
            case SoqlAnd and:
            {
                var parts = and.Parts.Select(Build).ToArray();
                return record => parts.All(part => part(record));
            }
            case SoqlOr or:
            {
                var parts = or.Parts.Select(Build).ToArray();
                return record => parts.Any(part => part(record));
            }
            case SoqlNot not:
            {
                var inner = Build(not.Inner);
                return record => !inner(record);
            }
            case SoqlIn list:
                return BuildIn(list);
            case SoqlComparison comparison:
                return BuildComparison(comparison);
            default:
                throw new InvalidOperationException($"Unknown condition {condition.GetType().Name}");
        }
    }

    private Func<SObjectRecord, bool> BuildIn(SoqlIn list)
    {
        var column = SoqlColumn.Resolve(org, schema, list.Field, query);
        var field = column.Field;
        var matchesNull = false;
        Func<SObjectRecord, bool> test;
        if (field.Type.IsNumeric())
        {
            var numbers = new HashSet<double>();
            foreach (var literal in list.Values)
            {
                var stored = Stored(field, literal);
                if (stored is null)
                    matchesNull = true;
                else
                    numbers.Add(double.Parse(stored, CultureInfo.InvariantCulture));
            }
            test = record => column.Value(record) is { } value ? numbers.Contains(double.Parse(value, CultureInfo.InvariantCulture)) : matchesNull;
        }
        else
        {
            var texts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var literal in list.Values)
            {
                var stored = Stored(field, literal);
                if (stored is null)
                    matchesNull = true;
                else
                    texts.Add(Unescape(stored));
            }
            test = record => column.Value(record) is { } value ? texts.Contains(value) : matchesNull;
        }
        return list.Negated ? record => !test(record) : test;
    }

    private Func<SObjectRecord, bool> BuildComparison(SoqlComparison comparison)
    {
        var column = SoqlColumn.Resolve(org, schema, comparison.Field, query);
        var field = column.Field;
        var literal = comparison.Value;
        var op = comparison.Operator;

        if (op == SoqlOperator.Like)
        {
            if (!field.Type.IsText() && field.Type is not (FieldType.Id or FieldType.Reference))
                throw SoqlErrors.InvalidOperator(query, literal.Column, "LIKE", field);
            var pattern = Stored(field, literal);
            if (pattern is null)
                return _ => false;
            var regex = LikePattern(pattern);
            return record => column.Value(record) is { } value && regex.IsMatch(value);
        }

        if (literal.DateLiteral is { } relative)
        {
            if (field.Type is not (FieldType.Date or FieldType.DateTime))
                throw SoqlErrors.WrongLiteral(query, literal.Column, field, field.Type.IsText());
            var (start, end) = relative.Range(now);
            return record => column.Value(record) is { } value && InRange(value, start, end, op);
        }

        var target = Stored(field, literal);
        if (target is null)
        {
            return op switch
            {
                SoqlOperator.Equal => record => column.Value(record) is null,
                SoqlOperator.NotEqual => record => column.Value(record) is not null,
                _ => _ => false,
            };
        }
        if (op is not (SoqlOperator.Equal or SoqlOperator.NotEqual) && field.Type == FieldType.Boolean)
            throw SoqlErrors.InvalidOperator(query, literal.Column, OperatorText(op), field);
        if (field.Type.IsText())
            target = Unescape(target);
        var numeric = field.Type.IsNumeric();
        var number = numeric ? double.Parse(target, CultureInfo.InvariantCulture) : 0;
        return record =>
        {
            var value = column.Value(record);
            if (value is null)
                return op == SoqlOperator.NotEqual;
            var order = numeric
                ? double.Parse(value, CultureInfo.InvariantCulture).CompareTo(number)
                : string.Compare(value, target, StringComparison.OrdinalIgnoreCase);
            return op switch
            {
                SoqlOperator.Equal => order == 0,
                SoqlOperator.NotEqual => order != 0,
                SoqlOperator.Less => order < 0,
                SoqlOperator.LessOrEqual => order <= 0,
                SoqlOperator.Greater => order > 0,
                _ => order >= 0,
            };
        };
    }

    /// <summary>A stored date or datetime against a whole-day range; a datetime counts by its UTC day.</summary>
    private static bool InRange(string value, DateOnly start, DateOnly end, SoqlOperator op)
    {
        if (value.Length < 10 || !DateOnly.TryParseExact(value.AsSpan(0, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return false;
        return op switch
        {
            SoqlOperator.Equal => day >= start && day < end,
            SoqlOperator.NotEqual => day < start || day >= end,
            SoqlOperator.Less => day < start,
            SoqlOperator.LessOrEqual => day < end,
            SoqlOperator.Greater => day >= end,
            SoqlOperator.GreaterOrEqual => day >= start,
            _ => false,
        };
    }

    /// <summary>The literal in the field's stored form (null for the null literal), so comparisons are of like with like.</summary>
    private string? Stored(SObjectField field, SoqlLiteral literal)
    {
        if (literal.Text is null)
            return null;
        var textual = field.Type.IsText() || field.Type is FieldType.Id or FieldType.Reference;
        if (textual != literal.IsString)
            throw SoqlErrors.WrongLiteral(query, literal.Column, field, textual);
        if (field.Type.IsText())
            return literal.Text;
        return FieldValues.Normalize(field, literal.Text, out var stored) == ValueProblem.None ? stored : literal.Text;
    }

    /// <summary>\% and \_ stand for % and _ outside LIKE too.</summary>
    private static string Unescape(string text) =>
        text.Contains('\\', StringComparison.Ordinal) ? text.Replace("\\%", "%", StringComparison.Ordinal).Replace("\\_", "_", StringComparison.Ordinal) : text;

    /// <summary>LIKE: % any run of characters, _ exactly one, \% and \_ themselves; whole value, any case.</summary>
    private static Regex LikePattern(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length && pattern[i + 1] is '%' or '_')
            {
                regex.Append(Regex.Escape(pattern[++i].ToString()));
                continue;
            }
            regex.Append(c switch
            {
                '%' => ".*",
                '_' => ".",
                _ => Regex.Escape(c.ToString()),
            });
        }
        regex.Append('$');
        return new Regex(regex.ToString(), RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant);
    }

    private static string OperatorText(SoqlOperator op) => op switch
    {
        SoqlOperator.Less => "<",
        SoqlOperator.LessOrEqual => "<=",
        SoqlOperator.Greater => ">",
        SoqlOperator.GreaterOrEqual => ">=",
        SoqlOperator.NotEqual => "!=",
        SoqlOperator.Like => "LIKE",
        _ => "=",
    };
}
