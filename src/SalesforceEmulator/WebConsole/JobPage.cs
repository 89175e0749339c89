using Microsoft.AspNetCore.Http;
using SalesforceEmulator.Bulk;

namespace SalesforceEmulator.WebConsole;

/// <summary>One job: its settings and counts, links to its result files, and its failed rows with Salesforce's error text.</summary>
internal static class JobPage
{
    /// <summary>Failed rows on one page: enough to see the pattern, few enough to read the upload back quickly.</summary>
    public const int RowsPerPage = 100;

    public static ConsolePage Render(IngestJob? job, string requestedId, int page)
    {
        if (job is null)
            return ConsolePage.Problem(StatusCodes.Status404NotFound, "No such job",
                $"This emulator has no job {requestedId}. It may have been deleted, or the emulator was reset or restarted.", ConsoleSection.Jobs);

        return ConsolePage.Render($"Job {job.Id}", ConsoleSection.Jobs, html =>
        {
            Facts(html, job);
            ResultFiles(html, job);
            Failures(html, job, page);
        }, refresh: ConsoleFormat.IsRunning(job.State));
    }

    private static void Facts(HtmlWriter html, IngestJob job)
    {
        html.Open("dl", ("class", "facts"));
        html.Element("dt", "Object").Open("dd").Link(ConsoleLinks.Object(job.ObjectName), job.ObjectName).Close("dd");
        html.Element("dt", "Operation").Element("dd", job.Operation.ApiName());
        if (job.ExternalIdFieldName is not null)
            html.Element("dt", "External id field").Element("dd", job.ExternalIdFieldName);
        html.Element("dt", "State").Open("dd").Element("span", job.State.ToString(), ("class", ConsoleFormat.StateClass(job.State))).Close("dd");
        if (job.ErrorMessage is not null)
            html.Element("dt", "Error").Element("dd", job.ErrorMessage, ("class", "bad"));
        html.Element("dt", "Rows processed").Element("dd", ConsoleFormat.Count(job.Processed) + (job.RowCount > 0 ? $" of {ConsoleFormat.Count(job.RowCount)}" : ""));
        html.Element("dt", "Rows failed").Element("dd", ConsoleFormat.Count(job.Failed), ("class", job.Failed > 0 ? "bad" : null));
        html.Element("dt", "Created").Element("dd", ConsoleFormat.Time(job.CreatedDate));
        html.Element("dt", "Processing started").Element("dd", ConsoleFormat.Time(job.ProcessingStarted));
        html.Element("dt", "Finished").Element("dd", job.ProcessingEnded is { } ended
            ? $"{ConsoleFormat.Time(ended)} ({ConsoleFormat.Duration(ended - job.CreatedDate)} after it was created)"
            : "");
        html.Element("dt", "API version").Element("dd", job.ApiVersion);
        html.Element("dt", "CSV").Element("dd", $"columns split by {job.Dialect.ColumnDelimiter}, {job.Dialect.LineEnding} line endings");
        html.Element("dt", "Client").Element("dd", job.CreatedByClient ?? "(no User-Agent sent)");
        html.Close("dl");
    }

    private static void ResultFiles(HtmlWriter html, IngestJob job)
    {
        html.Element("h2", "Result files");
        if (!job.State.IsTerminal())
        {
            html.Element("p", $"Available once the job has ended (it is {job.State}).", ("class", "muted"));
            return;
        }
        html.Open("ul", ("class", "files"));
        foreach (var kind in new[] { "successfulResults", "failedResults", "unprocessedrecords" })
            html.Open("li").Link(ConsoleLinks.JobResults(job.Id, kind), $"{kind}.csv").Close("li");
        html.Close("ul");
        html.Element("p", $"The same files a client reads from /services/data/v{job.ApiVersion}/jobs/ingest/{job.Id}/… with its session.", ("class", "muted"));
    }

    private static void Failures(HtmlWriter html, IngestJob job, int page)
    {
        var failed = job.Failed;
        html.Element("h2", $"Failed rows ({ConsoleFormat.Count(failed)})");
        if (failed == 0)
        {
            html.Element("p", job.Processed == 0 ? "No rows processed yet." : "None: every processed row was accepted.", ("class", "empty"));
            return;
        }

        var slice = FailedRows.Read(job, (page - 1) * RowsPerPage, RowsPerPage);
        if (slice.Problem is not null)
            html.Element("p", slice.Problem, ("class", "problem"));
        if (slice.Rows.Count == 0)
        {
            html.Element("p", $"No failed rows on page {page}.", ("class", "empty"));
        }
        else
        {
            html.Open("div", ("class", "scroll")).Open("table", ("class", "failures"));
            html.Open("thead").HeaderRow(["Row", "sf__Id", "sf__Error", .. slice.Header]).Close("thead");
            html.Open("tbody");
            foreach (var row in slice.Rows)
            {
                html.Open("tr");
                html.Cell(ConsoleFormat.Count(row.RowNumber), "number");
                html.Cell(row.Id, "id");
                html.Cell(row.Error, "error");
                foreach (var value in row.Values)
                    html.Cell(value, "value");
                html.Close("tr");
            }
            html.Close("tbody").Close("table").Close("div");
        }
        Pager.Write(html, page, (int)((failed + RowsPerPage - 1) / RowsPerPage), p => ConsoleLinks.JobPage(job.Id, p));
    }
}
