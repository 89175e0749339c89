using System.Text;
using SalesforceEmulator.Bulk.Csv;

namespace SalesforceEmulator.Bulk;

/// <summary>
/// The three result files, formatted as the real ones: sf__ columns first and quoted, the uploaded header echoed as
/// uploaded, every value quoted, LF line endings, a header line alone when no row qualifies.
/// </summary>
public static class ResultsCsv
{
    public enum Kind
    {
        Successful,
        Failed,
        Unprocessed,
    }

    public static bool TryParseKind(string segment, out Kind kind)
    {
        kind = segment.ToLowerInvariant() switch
        {
            "successfulresults" => Kind.Successful,
            "failedresults" => Kind.Failed,
            "unprocessedrecords" => Kind.Unprocessed,
            _ => (Kind)(-1),
        };
        return Enum.IsDefined(kind);
    }

    public static async Task WriteAsync(IngestJob job, Kind kind, Stream body, CancellationToken cancellationToken)
    {
        var delimiter = job.Dialect.Delimiter;
        // The caller owns the stream (the response body, or a gzip stream it finishes itself).
        await using var output = new StreamWriter(body, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        var text = new StringBuilder(1 << 17);

        using var reader = job.UploadPath is null ? null : job.OpenUpload();
        var row = new CsvRow();
        IReadOnlyList<string> header = job.Header;
        IReadOnlyList<bool> quoted = job.HeaderQuoted;
        if (header.Count == 0 && reader is not null && TryRead(reader, row))
        {
            // The job failed before its header was read (e.g. a forced failure): read it now.
            header = row.ToStringArray();
            quoted = row.QuotedFlags();
        }
        else if (reader is not null)
        {
            TryRead(reader, row);
        }

        var first = kind == Kind.Unprocessed;
        if (kind != Kind.Unprocessed)
            text.Append("\"sf__Id\"").Append(delimiter).Append(kind == Kind.Successful ? "\"sf__Created\"" : "\"sf__Error\"");
        for (var i = 0; i < header.Count; i++)
        {
            if (!first)
                text.Append(delimiter);
            first = false;
            if (quoted.Count > i && quoted[i])
                AppendQuoted(text, header[i]);
            else
                text.Append(header[i]);
        }
        text.Append('\n');

        if (reader is not null && header.Count > 0)
        {
            for (var index = 0; TryRead(reader, row); index++)
            {
                if (!Include(job, kind, index))
                    continue;
                first = true;
                if (kind != Kind.Unprocessed)
                {
                    AppendQuoted(text, job.OutcomeId(index) ?? "");
                    text.Append(delimiter);
                    AppendQuoted(text, kind == Kind.Successful ? (job.IsRowCreated(index) ? "true" : "false") : job.OutcomeErrors[index]!);
                    first = false;
                }
                for (var column = 0; column < row.Count; column++)
                {
                    if (!first)
                        text.Append(delimiter);
                    first = false;
                    AppendQuoted(text, row[column]);
                }
                text.Append('\n');
                if (text.Length > 1 << 16)
                {
                    await output.WriteAsync(text, cancellationToken).ConfigureAwait(false);
                    text.Clear();
                }
            }
        }
        await output.WriteAsync(text, cancellationToken).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    // Chunks of a job may finish out of order, so a row's own flag says whether it was processed.
    private static bool Include(IngestJob job, Kind kind, int index) => kind switch
    {
        Kind.Successful => job.IsRowDone(index) && job.OutcomeErrors[index] is null,
        Kind.Failed => job.IsRowDone(index) && job.OutcomeErrors[index] is not null,
        _ => !job.IsRowDone(index),
    };

    /// <summary>Reads a row; a file that stops parsing ends the listing (its job already failed for it).</summary>
    private static bool TryRead(CsvRowReader reader, CsvRow row)
    {
        try
        {
            return reader.ReadRow(row);
        }
        catch (UploadRejectedException)
        {
            return false;
        }
    }

    private static void AppendQuoted(StringBuilder text, ReadOnlySpan<char> value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            if (c == '"')
                text.Append('"');
            text.Append(c);
        }
        text.Append('"');
    }
}
