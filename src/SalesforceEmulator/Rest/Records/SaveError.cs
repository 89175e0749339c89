using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace SalesforceEmulator.Rest.Records;

/// <summary>
/// Why one record was not saved: a status code, its message and the fields concerned. Read from the row checks the
/// Bulk path writes as sf__Error text ("CODE:message:Field1,Field2 --", or "CODE:message:--" without fields), so REST
/// writes are judged by exactly the same rules.
/// </summary>
public sealed record SaveError(string StatusCode, string Message, IReadOnlyList<string> Fields)
{
    public SaveError(string statusCode, string message)
        : this(statusCode, message, [])
    {
    }

    /// <summary>Splits an sf__Error text: the code ends at the first colon, the fields follow the last one.</summary>
    public static SaveError FromRowError(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
            return new SaveError("UNKNOWN_EXCEPTION", text);
        var code = text[..colon];
        var rest = text[(colon + 1)..];
        if (rest.EndsWith(":--", StringComparison.Ordinal))
            return new SaveError(code, rest[..^3]);
        if (rest.EndsWith(" --", StringComparison.Ordinal))
        {
            var withoutEnd = rest[..^3];
            var lastColon = withoutEnd.LastIndexOf(':');
            if (lastColon >= 0)
                return new SaveError(code, withoutEnd[..lastColon], withoutEnd[(lastColon + 1)..].Split(','));
        }
        return new SaveError(code, rest);
    }

    /// <summary>The REST error array element: {message, errorCode, fields}, in the real key order.</summary>
    public void WriteRestError(Utf8JsonWriter writer) => Write(writer, codeFirst: false, codeName: "errorCode");

    /// <summary>The save-result error of sObject Tree and Collections answers: {statusCode, message, fields}.</summary>
    public void WriteSaveResultError(Utf8JsonWriter writer) => Write(writer, codeFirst: true, codeName: "statusCode");

    // The two answers carry the same three facts; only the code's key and its place differ.
    private void Write(Utf8JsonWriter writer, bool codeFirst, string codeName)
    {
        writer.WriteStartObject();
        if (codeFirst)
            writer.WriteString(codeName, StatusCode);
        writer.WriteString("message", Message);
        if (!codeFirst)
            writer.WriteString(codeName, StatusCode);
        writer.WriteStartArray("fields");
        foreach (var field in Fields)
            writer.WriteStringValue(field);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>A single-record REST answer: the error alone in an array, with the status that goes with its code.</summary>
    public RestReply ToReply() => new(HttpStatus, writer =>
    {
        writer.WriteStartArray();
        WriteRestError(writer);
        writer.WriteEndArray();
    });

    /// <summary>404 for a record that is not there or is deleted, 400 for everything wrong with the data.</summary>
    private int HttpStatus => StatusCode is "NOT_FOUND" or "ENTITY_IS_DELETED"
        ? StatusCodes.Status404NotFound
        : StatusCodes.Status400BadRequest;
}
