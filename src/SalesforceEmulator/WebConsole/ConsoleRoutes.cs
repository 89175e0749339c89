using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SalesforceEmulator.Admin;
using SalesforceEmulator.Bulk;
using SalesforceEmulator.Faults;
using SalesforceEmulator.Org;
using SalesforceEmulator.Rest;

namespace SalesforceEmulator.WebConsole;

/// <summary>
/// The read-only web console: `/` leads to it, its pages live under /__emulator/ui. Like the admin hooks it needs no
/// session (the emulator listens on loopback only), and its requests are neither faulted nor counted as API traffic,
/// so the Activity page shows the client's calls alone. Pages are rendered on the server; there is no script.
/// </summary>
internal static class ConsoleRoutes
{
    public static void MapConsole(this WebApplication app, OrgStore org, JobStore jobs, FaultPlan faults, EmulatorStats stats, ApiUsage usage)
    {
        app.MapGet("/", () => Results.Redirect(ConsoleLinks.Home));

        var ui = app.MapGroup(ConsoleLinks.Prefix);
        ui.MapGet("/", () => JobsPage.Render(jobs));
        ui.MapGet("/jobs", () => JobsPage.Render(jobs));
        ui.MapGet("/jobs/{jobId}", (string jobId, HttpRequest request) =>
            WithPage(request, ConsoleSection.Jobs, page => JobPage.Render(jobs.Find(jobId), jobId, page)));
        ui.MapGet("/jobs/{jobId}/{results}", (string jobId, string results) => ResultFile(jobs.Find(jobId), jobId, results));
        ui.MapGet("/objects", () => ObjectsPage.Render(org));
        ui.MapGet("/objects/{objectName}", (string objectName, HttpRequest request) =>
            WithPage(request, ConsoleSection.Objects, page => ObjectPage.Render(org, objectName, request.Query["columns"], page)));
        ui.MapGet("/objects/{objectName}/{id}", (string objectName, string id) => RecordPage.Render(org, objectName, id));
        ui.MapGet("/activity", () => ActivityPage.Render(stats, usage, faults, jobs));
        ui.MapGet("/console.css", () => ConsoleAssets.Stylesheet);
        ui.MapGet("/favicon.svg", () => ConsoleAssets.Icon);
        app.MapFallback(ConsoleLinks.Prefix + "/{**rest}", (HttpRequest request) => ConsolePage.Problem(StatusCodes.Status404NotFound,
            "No such page", $"The console has no page {request.Path}.", ConsoleSection.Jobs, ConsoleLinks.Home, "The jobs"));
    }

    /// <summary>Renders a paged page once `page` (1 when absent) is a whole number from 1 on; otherwise says what is wrong.</summary>
    private static IResult WithPage(HttpRequest request, ConsoleSection section, Func<int, IResult> render)
    {
        var text = request.Query["page"].ToString();
        if (text.Length == 0)
            return render(1);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page >= 1
            ? render(page)
            : ConsolePage.Problem(StatusCodes.Status400BadRequest, "Bad page number",
                $"page={text}: expected a whole number from 1 on.", section, request.Path, "The first page");
    }

    /// <summary>A job's result file, as the API serves it, for a browser that holds no session.</summary>
    private static IResult ResultFile(IngestJob? job, string jobId, string results)
    {
        if (job is null)
            return JobPage.Render(null, jobId, 1);
        if (!ResultsCsv.TryParseKind(results, out var kind))
            return ConsolePage.Problem(StatusCodes.Status404NotFound, "No such result file",
                $"A job has successfulResults, failedResults and unprocessedrecords, not {results}.", ConsoleSection.Jobs, ConsoleLinks.Job(job.Id), $"Job {job.Id}");
        lock (job.Gate)
        {
            if (!job.State.IsTerminal())
                return ConsolePage.Problem(StatusCodes.Status409Conflict, "Not yet available",
                    $"Job {job.Id} is {job.State}: its result files are ready once it has ended.", ConsoleSection.Jobs, ConsoleLinks.Job(job.Id), $"Job {job.Id}");
        }
        return new ResultFileDownload(job, kind);
    }

    private sealed class ResultFileDownload(IngestJob job, ResultsCsv.Kind kind) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "text/csv; charset=utf-8";
            var name = kind switch
            {
                ResultsCsv.Kind.Successful => "successfulResults",
                ResultsCsv.Kind.Failed => "failedResults",
                _ => "unprocessedrecords",
            };
            response.Headers.ContentDisposition = $"attachment; filename=\"{job.Id}-{name}.csv\"";
            ConsolePage.ApplySafetyHeaders(response);
            return ResultsCsv.WriteAsync(job, kind, response.Body, httpContext.RequestAborted);
        }
    }
}
