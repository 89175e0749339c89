using System.Globalization;
using System.Text;

namespace SalesforceEmulator.Rest.Soql;

/// <summary>Parses the SOQL subset; anything else is a MALFORMED_QUERY, as an unparsable query is on the real API.</summary>
public sealed class SoqlParser
{
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

    public static SoqlQuery Parse(string text) => new SoqlParser(text).ParseQuery();

    private SoqlQuery ParseQuery()
    {
        ExpectKeyword("SELECT");
        var isCount = false;
        var fields = new List<SoqlName>();
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
                fields.Add(ExpectName("a field name"));
            }
            while (TrySymbol(","));
        }
        ExpectKeyword("FROM");
        var objectName = ExpectName("an object name");

        var conditions = new List<SoqlCondition>();
        if (TryKeyword("WHERE"))
        {
            do
            {
                var field = ExpectName("a field name");
                var comparison = TrySymbol("=") ? SoqlComparison.Equal
                    : TrySymbol("!=") || TrySymbol("<>") ? SoqlComparison.NotEqual
                    : throw Malformed(Peek(), "expecting '=' or '!='");
                conditions.Add(new SoqlCondition(field, comparison, ExpectLiteral()));
            }
            while (TryKeyword("AND"));
        }

        SoqlOrder? order = null;
        if (TryKeyword("ORDER"))
        {
            ExpectKeyword("BY");
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
            order = new SoqlOrder(field, descending, nullsLast);
        }

        int? limit = null;
        if (TryKeyword("LIMIT"))
            limit = ExpectInteger();
        var offset = TryKeyword("OFFSET") ? ExpectInteger() : 0;
        if (Peek().Kind != Kind.End)
            throw Malformed(Peek(), $"unexpected token: '{Peek().Text}'");
        return new SoqlQuery(text, isCount, fields, objectName, conditions, order, limit, offset);
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
        "SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "ORDER", "BY", "LIMIT", "OFFSET", "NULLS", "ASC", "DESC",
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
            Kind.String => new SoqlLiteral(token.Text, true),
            Kind.Word when token.Text.Equals("null", StringComparison.OrdinalIgnoreCase) => new SoqlLiteral(null, false),
            Kind.Word => new SoqlLiteral(token.Text, false),
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
                // Names (Account, Owner.Name) and bare literals (42, -1.5, true, 2024-01-15, 2024-01-15T10:00:00Z).
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or '.' or '-' or '+' or ':'))
                    i++;
                tokens.Add(new Token(Kind.Word, text[start..i], start + 1));
                continue;
            }
            if ((c == '!' || c == '<') && i + 1 < text.Length && text[i + 1] is '=' or '>')
            {
                tokens.Add(new Token(Kind.Symbol, text.Substring(i, 2), start + 1));
                i += 2;
                continue;
            }
            if (c is ',' or '(' or ')' or '=')
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
