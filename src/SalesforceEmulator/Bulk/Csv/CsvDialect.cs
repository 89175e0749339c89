namespace SalesforceEmulator.Bulk.Csv;

/// <summary>A job's columnDelimiter and lineEnding, by their API names.</summary>
public sealed record CsvDialect(string ColumnDelimiter, string LineEnding)
{
    public static readonly IReadOnlyDictionary<string, char> Delimiters = new Dictionary<string, char>(StringComparer.Ordinal)
    {
        ["BACKQUOTE"] = '`',
        ["CARET"] = '^',
        ["COMMA"] = ',',
        ["PIPE"] = '|',
        ["SEMICOLON"] = ';',
        ["TAB"] = '\t',
    };

    public static readonly IReadOnlyList<string> LineEndings = ["LF", "CRLF"];

    public char Delimiter => Delimiters[ColumnDelimiter];

    public bool Crlf => LineEnding == "CRLF";
}
