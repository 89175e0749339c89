using SalesforceEmulator.Bulk;
using SalesforceEmulator.Bulk.Csv;

namespace SalesforceEmulator.WebConsole;

/// <summary>One row a job rejected: its place in the upload, the id it named (if any), Salesforce's error text and its values.</summary>
internal sealed record FailedRow(int RowNumber, string? Id, string Error, IReadOnlyList<string> Values);

/// <summary>A slice of a job's failed rows, read back from its upload the way the failedResults file is.</summary>
internal sealed record FailedRowSlice(IReadOnlyList<string> Header, IReadOnlyList<FailedRow> Rows, string? Problem);

internal static class FailedRows
{
    /// <summary>
    /// The failed rows after the first <paramref name="skip"/>, at most <paramref name="take"/>, among the rows processed
    /// so far. The upload is read from the start each time, as a results download reads it.
    /// </summary>
    public static FailedRowSlice Read(IngestJob job, int skip, int take)
    {
        var errors = job.OutcomeErrors;
        var processed = errors.Length;
        if (job.Failed == 0 || string.IsNullOrEmpty(job.UploadPath))
            return new FailedRowSlice(job.Header, [], null);

        var rows = new List<FailedRow>();
        IReadOnlyList<string> header = job.Header;
        try
        {
            using var reader = job.OpenUpload();
            var row = new CsvRow();
            if (!reader.ReadRow(row))
                return new FailedRowSlice(header, [], null);
            if (header.Count == 0)
                header = row.ToStringArray();
            var seen = 0;
            for (var index = 0; index < processed && rows.Count < take && reader.ReadRow(row); index++)
            {
                if (!job.IsRowDone(index) || errors[index] is not { } error || seen++ < skip)
                    continue;
                rows.Add(new FailedRow(index + 1, job.OutcomeId(index), error, row.ToStringArray()));
            }
        }
        catch (Exception e) when (e is IOException or UploadRejectedException)
        {
            // The job was deleted meanwhile, or its upload does not parse (the job failed for that already).
            return new FailedRowSlice(header, rows, $"The upload could not be read back: {e.Message}");
        }
        return new FailedRowSlice(header, rows, null);
    }
}
