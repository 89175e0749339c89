using System.Globalization;
using System.Text;

namespace SalesforceEmulator.Rest.Soql;

/// <summary>Parses the SOQL subset; anything else is a MALFORMED_QUERY, as an unparsable query is on the real API.</summary>
public sealed class SoqlParser
{
    /// <summary>The longest query Salesforce takes by default ("Maximum length of SOQL statements").</summary>
    public const int MaxLength = 100_000;

    private readonly string text;
    private readonly List<Token> tokens = [];
    private int next;

    private SoqlParser(string text)
    {
        this.text = text;
        Tokenize();
    }

    private enum Kind
    {
        Word,
        String,
        Symbol,
        End,
    }

    private sealed record Token(Kind Kind, string Text, int Column);

    public static SoqlQuery Parse(string text)
    {
        // UNVERIFIED: the limit is documented, its refusal is not; the emulator answers MALFORMED_QUERY naming it.
        if (text.Length > MaxLength)
            throw new SoqlException("MALFORMED_QUERY",
                $"Query is too long: {text.Length} characters; a SOQL statement may have at most {MaxLength} characters");
        return new SoqlParser(text).ParseQuery();
    }

    private SoqlQuery ParseQuery()
    {
        ExpectKeyword("SELECT");
        var isCount = false;
        var fields = new List<SoqlName>();
        SoqlName? subquery = null;
        if (PeekKeyword("COUNT") && tokens[next + 1].Text == "(")
        {
            next += 2;
            ExpectSymbol(")");
            isCount = true;
        }
        else
        {
            do
            {
                if (Peek().Kind == Kind.Symbol && Peek().Text == "(")
                    subquery ??= SkipSubquery();
                else
                    fields.Add(ExpectName("a field name"));
            }
            while (TrySymbol(","));
        }
        ExpectKeyword("FROM");
        // Group is a keyword (GROUP BY) and the name of the object queues live in; after FROM it is the object.
        SoqlName objectName;
        if (Peek() is { Kind: Kind.Word } named && named.Text.Equals("Group", StringComparison.OrdinalIgnoreCase))
        {
            next++;
            objectName = new SoqlName(named.Text, named.Column);
        }
        else
        {
            objectName = ExpectName("an object name");
        }

        var where = TryKeyword("WHERE") ? ParseCondition() : null;

        var order = new List<SoqlOrder>();
        if (TryKeyword("ORDER"))
        {
            ExpectKeyword("BY");
            do
            {
                var field = ExpectName("a field name");
                var descending = TryKeyword("DESC");
                if (!descending)
                    TryKeyword("ASC");
                // SOQL puts nulls first when ascending and last when descending unless told otherwise.
                var nullsLast = descending;
                if (TryKeyword("NULLS"))
                {
                    nullsLast = TryKeyword("LAST");
                    if (!nullsLast)
                        ExpectKeyword("FIRST");
                }
                order.Add(new SoqlOrder(field, descending, nullsLast));
            }
            while (TrySymbol(","));
        }

        int? limit = TryKeyword("LIMIT") ? ExpectInteger() : null;
        int? offset = TryKeyword("OFFSET") ? ExpectInteger() : null;
        if (Peek().Kind != Kind.End)
            throw Malformed(Peek(), $"unexpected token: '{Peek().Text}'");
        return new SoqlQuery(text, isCount, fields, objectName, where, order, limit, offset) { Subquery = subquery };
    }

    /// <summary>Skips a parenthesised subquery of the select list, returning where it starts.</summary>
    private SoqlName SkipSubquery()
    {
        var start = Peek();
        next++;
        if (!PeekKeyword("SELECT"))
            throw Malformed(Peek(), "expecting 'SELECT'");
        var depth = 1;
        while (depth > 0)
        {
            var token = Peek();
            if (token.Kind == Kind.End)
                throw Malformed(token, "expecting ')'");
            if (token.Kind == Kind.Symbol && token.Text == "(")
                depth++;
            else if (token.Kind == Kind.Symbol && token.Text == ")")
                depth--;
            next++;
        }
        return new SoqlName(text[(start.Column - 1)..Math.Min(text.Length, tokens[next - 1].Column)], start.Column);
    }

    /// <summary>
    /// Terms joined by AND or by OR; as in SOQL, mixing the two needs parentheses ("a AND b OR c" is refused).
    /// </summary>
    private SoqlCondition ParseCondition()
    {
        var first = ParseUnary();
        if (!PeekKeyword("AND") && !PeekKeyword("OR"))
            return first;
        var joiner = Peek().Text.ToUpperInvariant();
        var parts = new List<SoqlCondition> { first };
        while (TryKeyword(joiner))
            parts.Add(ParseUnary());
        if (PeekKeyword("AND") || PeekKeyword("OR"))
            throw Malformed(Peek(), "AND and OR together need parentheses");
        return joiner == "AND" ? new SoqlAnd(parts) : new SoqlOr(parts);
    }

    private SoqlCondition ParseUnary()
    {
        if (TryKeyword("NOT"))
            return new SoqlNot(ParseUnary());
        if (TrySymbol("("))
        {
            var inner = ParseCondition();
            ExpectSymbol(")");
            return inner;
        }
        var field = ExpectName("a field name");
        if (TryKeyword("IN"))
            return new SoqlIn(field, false, ExpectList());
        if (PeekKeyword("NOT") && tokens[next + 1].Kind == Kind.Word && tokens[next + 1].Text.Equals("IN", StringComparison.OrdinalIgnoreCase))
        {
            next += 2;
            return new SoqlIn(field, true, ExpectList());
        }
        if (TryKeyword("LIKE"))
            return new SoqlComparison(field, SoqlOperator.Like, ExpectLiteral());
        var token = Peek();
        SoqlOperator? comparison = token.Kind != Kind.Symbol ? null : token.Text switch
        {
            "=" => SoqlOperator.Equal,
            "!=" or "<>" => SoqlOperator.NotEqual,
            "<" => SoqlOperator.Less,
            "<=" => SoqlOperator.LessOrEqual,
            ">" => SoqlOperator.Greater,
            ">=" => SoqlOperator.GreaterOrEqual,
            _ => null,
        };
        if (comparison is null)
            throw Malformed(token, "expecting a comparison operator: =, !=, <, <=, >, >=, LIKE, IN or NOT IN");
        next++;
        return new SoqlComparison(field, comparison.Value, ExpectLiteral());
    }

    private List<SoqlLiteral> ExpectList()
    {
        ExpectSymbol("(");
        var values = new List<SoqlLiteral>();
        do
        {
            values.Add(ExpectLiteral());
        }
        while (TrySymbol(","));
        ExpectSymbol(")");
        return values;
    }

    private Token Peek() => tokens[next];

    private bool PeekKeyword(string keyword) => Peek().Kind == Kind.Word && Peek().Text.Equals(keyword, StringComparison.OrdinalIgnoreCase);

    private bool TryKeyword(string keyword)
    {
        if (!PeekKeyword(keyword))
            return false;
        next++;
        return true;
    }

    private void ExpectKeyword(string keyword)
    {
        if (!TryKeyword(keyword))
            throw Malformed(Peek(), $"expecting '{keyword}'");
    }

    private bool TrySymbol(string symbol)
    {
        if (Peek().Kind != Kind.Symbol || Peek().Text != symbol)
            return false;
        next++;
        return true;
    }

    private void ExpectSymbol(string symbol)
    {
        if (!TrySymbol(symbol))
            throw Malformed(Peek(), $"expecting '{symbol}'");
    }

    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "IN", "LIKE", "ORDER", "BY", "LIMIT", "OFFSET", "NULLS", "ASC", "DESC",
        "GROUP", "HAVING", "TYPEOF", "WITH", "FOR", "USING", "INCLUDES", "EXCLUDES",
    };

    private SoqlName ExpectName(string what)
    {
        var token = Peek();
        if (token.Kind != Kind.Word || !char.IsAsciiLetter(token.Text[0]) || Reserved.Contains(token.Text))
            throw Malformed(token, $"expecting {what}");
        next++;
        return new SoqlName(token.Text, token.Column);
    }

    private int ExpectInteger()
    {
        var token = Peek();
        if (token.Kind != Kind.Word || !int.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            throw Malformed(token, "expecting a non-negative integer");
        next++;
        return value;
    }

    private SoqlLiteral ExpectLiteral()
    {
        var token = Peek();
        next++;
        return token.Kind switch
        {
            Kind.String => new SoqlLiteral(token.Text, true, token.Column),
            Kind.Word when token.Text.Equals("null", StringComparison.OrdinalIgnoreCase) => new SoqlLiteral(null, false, token.Column),
            Kind.Word when SoqlDateLiteral.TryRead(token.Text) is { } date => new SoqlLiteral(token.Text, false, token.Column, date),
            Kind.Word => new SoqlLiteral(token.Text, false, token.Column),
            _ => throw Malformed(token, "expecting a value"),
        };
    }

    private SoqlException Malformed(Token at, string problem) =>
        new("MALFORMED_QUERY", SoqlErrors.Located(text, at.Column, $"unexpected token: '{(at.Kind == Kind.End ? "<EOF>" : at.Text)}' ({problem})"));

    private void Tokenize()
    {
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            var start = i;
            if (c == '\'')
            {
                var value = new StringBuilder();
                i++;
                while (true)
                {
                    if (i >= text.Length)
                        throw new SoqlException("MALFORMED_QUERY", SoqlErrors.Located(text, start + 1, "unterminated string literal"));
                    var s = text[i++];
                    if (s == '\'')
                        break;
                    if (s == '\\' && i < text.Length)
                    {
                        var escaped = text[i++];
                        // \% and \_ keep their backslash: they mean a literal % or _ to LIKE, and plain text elsewhere.
                        if (escaped is '%' or '_')
                            value.Append('\\');
                        value.Append(escaped switch { 'n' => '\n', 'r' => '\r', 't' => '\t', _ => escaped });
                        continue;
                    }
                    value.Append(s);
                }
                tokens.Add(new Token(Kind.String, value.ToString(), start + 1));
                continue;
            }
            if (char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' or '+' or ':')
            {
                // Names (Account, Owner.Name) and bare literals (42, -1.5, true, 2024-01-15, 2024-01-15T10:00:00Z, LAST_N_DAYS:7).
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or '.' or '-' or '+' or ':'))
                    i++;
                tokens.Add(new Token(Kind.Word, text[start..i], start + 1));
                continue;
            }
            if (c is '!' or '<' or '>' && i + 1 < text.Length && (text[i + 1] == '=' || (c == '<' && text[i + 1] == '>')))
            {
                tokens.Add(new Token(Kind.Symbol, text.Substring(i, 2), start + 1));
                i += 2;
                continue;
            }
            if (c is ',' or '(' or ')' or '=' or '<' or '>')
            {
                tokens.Add(new Token(Kind.Symbol, c.ToString(), start + 1));
                i++;
                continue;
            }
            throw new SoqlException("MALFORMED_QUERY", SoqlErrors.Located(text, start + 1, $"unexpected token: '{c}'"));
        }
        tokens.Add(new Token(Kind.End, "", text.Length + 1));
    }
}
