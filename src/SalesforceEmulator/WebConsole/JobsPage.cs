using SalesforceEmulator.Bulk;

namespace SalesforceEmulator.WebConsole;

/// <summary>Every job, newest first, with its counts and the client that created it: what a dry run did at a glance.</summary>
internal static class JobsPage
{
    public static ConsolePage Render(JobStore jobs)
    {
        var all = jobs.All().Reverse().ToList();
        return ConsolePage.Render("Jobs", ConsoleSection.Jobs, page =>
        {
            if (all.Count == 0)
            {
                page.Element("p", "No jobs yet. A Bulk API 2.0 load shows up here as soon as it creates its job.", ("class", "empty"));
                return;
            }

            var byState = all.GroupBy(j => j.State).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key}");
            page.Element("p", $"{all.Count} ingest job{(all.Count == 1 ? "" : "s")}: {string.Join(", ", byState)}. "
                + $"{ConsoleFormat.Count(all.Sum(j => j.Processed))} rows processed, {ConsoleFormat.Count(all.Sum(j => j.Failed))} failed.",
                ("class", "summary"));

            page.Open("div", ("class", "scroll")).Open("table", ("class", "jobs"));
            page.Open("thead").HeaderRow("Job", "Object", "Operation", "State", "Processed", "Failed", "Created (UTC)", "Finished (UTC)", "Took", "Client").Close("thead");
            page.Open("tbody");
            foreach (var job in all)
                Row(page, job);
            page.Close("tbody").Close("table").Close("div");
        }, refresh: all.Any(j => ConsoleFormat.IsRunning(j.State)));
    }

    private static void Row(HtmlWriter page, IngestJob job)
    {
        page.Open("tr", ("id", job.Id));
        page.LinkCell(ConsoleLinks.Job(job.Id), job.Id, "id");
        page.Open("td").Link(ConsoleLinks.Object(job.ObjectName), job.ObjectName).Close("td");
        page.Open("td").Text(job.Operation.ApiName());
        if (job.ExternalIdFieldName is not null)
            page.Element("span", $"on {job.ExternalIdFieldName}", ("class", "sub"));
        page.Close("td");
        page.Open("td").Element("span", job.State.ToString(), ("class", ConsoleFormat.StateClass(job.State))).Close("td");
        page.Cell(ConsoleFormat.Count(job.Processed), "number");
        page.Cell(ConsoleFormat.Count(job.Failed), job.Failed > 0 ? "number bad" : "number");
        page.Cell(ConsoleFormat.TableTime(job.CreatedDate), "time");
        page.Cell(ConsoleFormat.TableTime(job.ProcessingEnded), "time");
        page.Cell(job.ProcessingEnded is { } ended ? ConsoleFormat.Duration(ended - job.CreatedDate) : "", "number");
        page.Cell(job.CreatedByClient ?? "(none sent)", job.CreatedByClient is null ? "client muted" : "client");
        page.Close("tr");
    }
}
