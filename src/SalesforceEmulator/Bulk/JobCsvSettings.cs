using Microsoft.AspNetCore.Http;
using SalesforceEmulator.Bulk.Csv;
using SalesforceEmulator.Rest;

namespace SalesforceEmulator.Bulk;

/// <summary>The CSV settings of a job's create body (contentType, lineEnding, columnDelimiter), read alike for ingest and query jobs.</summary>
public static class JobCsvSettings
{
    /// <summary>
    /// The dialect the settings name (LF and COMMA when absent), or the INVALIDJOB refusal of the first the API does
    /// not take. <paramref name="text"/> gives a body property's string value, null when absent.
    /// </summary>
    public static RestReply? Read(Func<string, string?> text, out CsvDialect dialect)
    {
        dialect = new CsvDialect("COMMA", "LF");
        var contentType = text("contentType") ?? "CSV";
        if (contentType != "CSV")
            return Invalid($"Invalid value for contentType: {contentType}. Only CSV is supported.");
        var lineEnding = text("lineEnding") ?? "LF";
        if (!CsvDialect.LineEndings.Contains(lineEnding))
            return Invalid($"Invalid value for lineEnding: {lineEnding}. Expected LF or CRLF.");
        var delimiter = text("columnDelimiter") ?? "COMMA";
        if (!CsvDialect.Delimiters.ContainsKey(delimiter))
            return Invalid($"Invalid value for columnDelimiter: {delimiter}. Expected one of {string.Join(", ", CsvDialect.Delimiters.Keys)}.");
        dialect = new CsvDialect(delimiter, lineEnding);
        return null;
    }

    private static RestReply Invalid(string message) => ApiResponses.Error(StatusCodes.Status400BadRequest, "INVALIDJOB", message);
}
