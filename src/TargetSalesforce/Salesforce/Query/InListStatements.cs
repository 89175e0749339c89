using System.Text;

namespace TargetSalesforce.Salesforce.Query;

/// <summary>
/// Packs SOQL literals into as few `head` + `a,b,…)` statements as a length limit allows, each literal once. The
/// limit is measured by the caller's rule: plain characters for a statement in a request body, escaped characters
/// for one carried in a URI.
/// </summary>
internal static class InListStatements
{
    /// <param name="head">The statement up to and including `IN (`.</param>
    /// <param name="literals">Values already written as SOQL literals (<see cref="SoqlLiteral.For"/>).</param>
    /// <param name="maxLength">The longest statement, as <paramref name="lengthOf"/> counts it.</param>
    /// <param name="lengthOf">How a piece of the statement counts against the limit.</param>
    /// <param name="limitName">The limit in words, for the error about a literal that fits in no statement.</param>
    public static List<string> Build(string head, IEnumerable<string> literals, int maxLength, Func<string, int> lengthOf, string limitName)
    {
        var headLength = lengthOf(head);
        var closing = lengthOf(")");
        var comma = lengthOf(",");
        var statements = new List<string>();
        var current = new StringBuilder(head);
        var length = headLength;
        var inList = 0;
        foreach (var literal in literals)
        {
            var literalLength = lengthOf(literal);
            if (headLength + literalLength + closing > maxLength)
            {
                throw new ArgumentException($"a value of {literal.Length} characters cannot fit in {limitName} of at most {maxLength}", nameof(literals));
            }

            // One more literal, its comma and the closing parenthesis must fit.
            if (inList > 0 && length + comma + literalLength + closing > maxLength)
            {
                statements.Add(current.Append(')').ToString());
                current.Clear().Append(head);
                length = headLength;
                inList = 0;
            }

            if (inList > 0)
            {
                current.Append(',');
                length += comma;
            }

            current.Append(literal);
            length += literalLength;
            inList++;
        }

        if (inList > 0)
        {
            statements.Add(current.Append(')').ToString());
        }

        return statements;
    }
}
