namespace TargetSalesforce.Salesforce.Bulk;

/// <summary>Reads `sf__Error` values: `STATUS_CODE:message:fields --`.</summary>
internal static class ResultErrors
{
    public static (string Code, string Message) Split(string error)
    {
        var text = error.Trim();
        if (text.EndsWith("--", StringComparison.Ordinal))
        {
            text = text[..^2].TrimEnd().TrimEnd(':');
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon <= 0 ? ("UNKNOWN_ERROR", text) : (text[..colon], text[(colon + 1)..]);
    }
}
