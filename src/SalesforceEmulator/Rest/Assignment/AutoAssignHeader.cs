using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SalesforceEmulator.Hosting;

namespace SalesforceEmulator.Rest.Assignment;

/// <summary>
/// The REST Assignment Rule header, <c>Sforce-Auto-Assign</c>: TRUE or FALSE (any case) or the id of an assignment
/// rule, on the record writes (sobjects, composite). A valid value is recorded (<see cref="AutoAssignUses"/>, shown by
/// /__emulator/stats); one that is neither is refused before the write. The emulator runs no assignment rules, so the
/// header changes no record. Source: "Assignment Rule Header" (REST guide).
/// </summary>
public static class AutoAssignHeader
{
    public const string Name = "Sforce-Auto-Assign";

    public static IApplicationBuilder UseAutoAssignHeader(this IApplicationBuilder app, AutoAssignUses uses) =>
        app.Use(async (http, next) =>
        {
            if (http.Request.Headers[Name].ToString() is { Length: > 0 } value && http.GetEndpoint() is not null
                && IsRecordWrite(http.Request, out var target))
            {
                if (Normalize(value) is not { } normalized)
                {
                    // UNVERIFIED: the SOAP AssignmentRuleHeader answers MALFORMED_ID for an id of the wrong form; REST's text is ours.
                    await ApiErrors.WriteAsync(http, StatusCodes.Status400BadRequest, "MALFORMED_ID",
                        $"{Name}: expected TRUE, FALSE or the id of an assignment rule, got '{value}'");
                    return;
                }
                uses.Record(target, normalized);
            }
            await next(http);
        });

    /// <summary>TRUE, FALSE, or the 18-character rule id; null for anything else.</summary>
    public static string? Normalize(string value)
    {
        var trimmed = value.Trim();
        if (trimmed.Equals("TRUE", StringComparison.OrdinalIgnoreCase))
            return "TRUE";
        if (trimmed.Equals("FALSE", StringComparison.OrdinalIgnoreCase))
            return "FALSE";
        return AssignmentRuleId.TryNormalize(trimmed, out var id) ? id : null;
    }

    /// <summary>
    /// A write the header applies to: POST, PATCH or PUT under /services/data/vXX.X/sobjects/ or /composite;
    /// <paramref name="target"/> names what it wrote to (the object, or the composite resource).
    /// </summary>
    private static bool IsRecordWrite(HttpRequest request, out string target)
    {
        target = "";
        if (!(HttpMethods.IsPost(request.Method) || HttpMethods.IsPatch(request.Method) || HttpMethods.IsPut(request.Method)))
            return false;
        var segments = request.Path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        // services / data / vXX.X / sobjects|composite / …
        if (segments.Length < 4 || !segments[0].Equals("services", StringComparison.OrdinalIgnoreCase)
            || !segments[1].Equals("data", StringComparison.OrdinalIgnoreCase))
            return false;
        if (segments[3].Equals("sobjects", StringComparison.OrdinalIgnoreCase) && segments.Length >= 5)
        {
            target = segments[4];
            return true;
        }
        if (segments[3].Equals("composite", StringComparison.OrdinalIgnoreCase))
        {
            target = string.Join('/', segments.Skip(3).Take(2));
            return true;
        }
        return false;
    }
}
