namespace TargetSalesforce.IntegrationTests.Support;

/// <summary>
/// What Salesforce itself said of every row of every finished ingest job on one object (the jobs' result
/// files), read as any client would. Jobs still processing (a killed run leaves some) are waited for first.
/// </summary>
internal sealed class ServerResults
{
    private static readonly TimeSpan InFlightLimit = TimeSpan.FromSeconds(60);

    private ServerResults(IReadOnlyList<ResultRow> succeeded, IReadOnlyList<ResultRow> failed, IReadOnlyList<string> columns)
    {
        Succeeded = succeeded;
        Failed = failed;
        Columns = columns;
    }

    public IReadOnlyList<ResultRow> Succeeded { get; }

    public IReadOnlyList<ResultRow> Failed { get; }

    /// <summary>The columns uploaded to any job (field API names), without relationship columns.</summary>
    public IReadOnlyList<string> Columns { get; }

    public static async Task<ServerResults> ReadAsync(OrgClient org, string objectName)
    {
        var jobs = await FinishedJobsAsync(org, objectName);
        var succeeded = new List<ResultRow>();
        var failed = new List<ResultRow>();
        var columns = new List<string>();
        foreach (var (id, state) in jobs)
        {
            if (state is not ("JobComplete" or "Aborted" or "Failed"))
            {
                continue; // Open: never processed, so nothing in it reached the org
            }

            foreach (var (kind, into) in new[] { ("successfulResults", succeeded), ("failedResults", failed) })
            {
                var table = await org.JobResultsAsync(id, kind);
                into.AddRange(table.Rows.Select(cells => new ResultRow(id, table.Header, cells)));
                columns.AddRange(table.Header.Where(c => !c.StartsWith("sf__", StringComparison.Ordinal) && !c.Contains('.', StringComparison.Ordinal)));
            }
        }

        return new ServerResults(succeeded, failed, columns.Distinct(StringComparer.OrdinalIgnoreCase).ToList());
    }

    /// <summary>The object's jobs once none is closed and still processing (a condition, polled; not a timed wait).</summary>
    private static async Task<List<(string Id, string State)>> FinishedJobsAsync(OrgClient org, string objectName)
    {
        var deadline = DateTime.UtcNow + InFlightLimit;
        while (true)
        {
            var jobs = (await org.IngestJobsAsync())
                .Where(j => string.Equals(j.Object, objectName, StringComparison.OrdinalIgnoreCase))
                .Select(j => (j.Id, j.State)).ToList();
            if (!jobs.Any(j => j.State is "UploadComplete" or "InProgress"))
            {
                return jobs;
            }

            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"jobs of {objectName} still processing after {InFlightLimit.TotalSeconds} s");
            await Task.Delay(20);
        }
    }
}

/// <summary>One row of a result file: the job, the file's header and the row's cells.</summary>
internal sealed record ResultRow(string JobId, IReadOnlyList<string> Header, string[] Cells)
{
    /// <summary>The cell under <paramref name="column"/> (case ignored), or null when the file has no such column.</summary>
    public string? Cell(string column)
    {
        for (var i = 0; i < Header.Count && i < Cells.Length; i++)
        {
            if (string.Equals(Header[i], column, StringComparison.OrdinalIgnoreCase))
            {
                return Cells[i];
            }
        }

        return null;
    }

    /// <summary>Salesforce's sf__Error text (failed rows).</summary>
    public string Error => Cell("sf__Error") ?? string.Empty;

    /// <summary>The uploaded columns with this row's cells (the sf__ columns left out).</summary>
    public IEnumerable<(string Column, string Cell)> UploadedCells()
    {
        for (var i = 0; i < Header.Count && i < Cells.Length; i++)
        {
            if (!Header[i].StartsWith("sf__", StringComparison.Ordinal))
            {
                yield return (Header[i], Cells[i]);
            }
        }
    }
}
