using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SalesforceEmulator.Auth;
using SalesforceEmulator.Bulk;
using SalesforceEmulator.Bulk.Query;
using SalesforceEmulator.Faults;
using SalesforceEmulator.Org;
using SalesforceEmulator.Rest.Assignment;
using SalesforceEmulator.Rest.Query;

namespace SalesforceEmulator.Admin;

/// <summary>
/// Test hooks under /__emulator: stats, reset, the fault plan, and forcing sessions or refresh tokens to end.
/// No authentication: the emulator only listens on loopback.
/// </summary>
public static class AdminRoutes
{
    public const string Prefix = "/__emulator";

    /// <summary>
    /// The emulator's own paths, never client traffic, so never faulted or counted: the hooks and the web console under
    /// /__emulator, and `/`, the console's front door.
    /// </summary>
    public static bool IsAdminPath(PathString path) =>
        path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase) || path == "/";

    public static void MapAdminApi(this WebApplication app, OrgStore org, JobStore jobs, FaultPlan faults, TokenStore tokens, EmulatorStats stats,
        QueryCursors cursors, QueryJobStore queryJobs, AutoAssignUses autoAssign)
    {
        var admin = app.MapGroup(Prefix);

        admin.MapGet("/stats", (HttpRequest request) => Results.Json(new Dictionary<string, object>
        {
            ["requests"] = new Dictionary<string, object>
            {
                ["total"] = stats.TotalRequests,
                ["byRoute"] = stats.RequestsByRoute(),
            },
            ["jobs"] = new SortedDictionary<string, int>(jobs.CountByState().ToDictionary(), StringComparer.Ordinal),
            ["queryJobs"] = new SortedDictionary<string, int>(queryJobs.CountByState().ToDictionary(), StringComparer.Ordinal),
            ["rows"] = org.RowsByObjectAndOperation(),
            ["assignmentRules"] = AssignmentRulesView.Read(jobs, autoAssign),
            ["process"] = ProcessFigures.Read(collectFirst: string.Equals(request.Query["gc"], "true", StringComparison.OrdinalIgnoreCase)),
        }));

        admin.MapPost("/reset", () =>
        {
            org.Reset();
            jobs.Reset();
            queryJobs.Reset();
            cursors.Reset();
            faults.Clear();
            stats.Reset();
            autoAssign.Reset();
            return Results.NoContent();
        });

        admin.MapGet("/faults", () => Results.Json(FaultsView(faults)));

        // Replaces the plan; ?append=true adds to it instead. Body: the fault-file format.
        admin.MapPost("/faults", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var json = await reader.ReadToEndAsync(http.RequestAborted);
            IReadOnlyList<FaultRule> rules;
            try
            {
                rules = FaultPlanReader.Read(json, "request body");
            }
            catch (FaultPlanException e)
            {
                return Results.Json(new { error = e.Message }, statusCode: StatusCodes.Status400BadRequest);
            }

            if (string.Equals(http.Request.Query["append"], "true", StringComparison.OrdinalIgnoreCase))
            {
                faults.Add(rules);
            }
            else
            {
                faults.Replace(rules);
            }

            return Results.Json(FaultsView(faults));
        });

        admin.MapDelete("/faults", () =>
        {
            faults.Clear();
            return Results.NoContent();
        });

        admin.MapPost("/sessions/expire", () => Results.Json(new { expired = tokens.ExpireAll() }));

        // Body {"refresh_token": "..."} revokes that one; no body (or no field) revokes every refresh token.
        admin.MapPost("/refresh-tokens/revoke", async (HttpContext http) =>
        {
            string? token = null;
            if (http.Request.ContentLength is > 0 || http.Request.Headers.TransferEncoding.Count > 0)
            {
                try
                {
                    using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
                    if (body.RootElement.ValueKind == JsonValueKind.Object
                        && body.RootElement.TryGetProperty("refresh_token", out var value) && value.ValueKind == JsonValueKind.String)
                    {
                        token = value.GetString();
                    }
                }
                catch (JsonException e)
                {
                    return Results.Json(new { error = $"request body: not valid JSON: {e.Message}" }, statusCode: StatusCodes.Status400BadRequest);
                }
            }

            if (token is null)
            {
                return Results.Json(new { revoked = tokens.RevokeAllRefreshTokens() });
            }

            return tokens.RevokeRefreshToken(token)
                ? Results.Json(new { revoked = 1 })
                : Results.Json(new { error = "refresh_token: not a refresh token of this org" }, statusCode: StatusCodes.Status404NotFound);
        });
    }

    private static object FaultsView(FaultPlan faults) => new
    {
        faults = faults.Active.Select(f => new { rule = f.Rule.Definition, matches = f.Matches, fired = f.Fired }),
    };
}
