namespace TargetSalesforce.Salesforce.Bulk;

/// <summary>Reads `sf__Error` values: `STATUS_CODE:message:fields --` (the fields part may be empty).</summary>
internal static class ResultErrors
{
    public static (string Code, string Message, string Fields) Split(string error)
    {
        var text = error.Trim();
        var fields = string.Empty;
        if (text.EndsWith("--", StringComparison.Ordinal))
        {
            // The part after the last colon is the fields; the message itself may hold colons.
            text = text[..^2].TrimEnd();
            var last = text.LastIndexOf(':');
            var first = text.IndexOf(':', StringComparison.Ordinal);
            if (last > first && first > 0)
            {
                fields = text[(last + 1)..].Trim();
                text = text[..last];
            }
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon <= 0 ? ("UNKNOWN_ERROR", text, fields) : (text[..colon], text[(colon + 1)..], fields);
    }
}
