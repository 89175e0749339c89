using System.Text.Json;
using SalesforceEmulator.Org;

namespace SalesforceEmulator.Bulk;

/// <summary>Job bodies in the key order of recorded real responses. Each route returns a different subset.</summary>
public static class JobJson
{
    public enum Shape
    {
        /// <summary>The create response: settings and contentUrl, no counters.</summary>
        Created,
        /// <summary>The PATCH (close/abort) response: the reduced set.</summary>
        StateChanged,
        /// <summary>GET job info: everything.</summary>
        Info,
        /// <summary>An entry of the job list: the settings and state, no counters.</summary>
        ListEntry,
    }

    /// <summary>The job as it is now.</summary>
    public static void Write(Utf8JsonWriter writer, IngestJob job, Shape shape, DateTimeOffset now)
    {
        JobStatus status;
        lock (job.Gate)
            status = job.Status;
        Write(writer, job, status, shape, now);
    }

    /// <summary>The job with the state, modstamp and error message of <paramref name="status"/>, taken earlier.</summary>
    public static void Write(Utf8JsonWriter writer, IngestJob job, JobStatus status, Shape shape, DateTimeOffset now)
    {
        var (state, modstamp, errorMessage) = status;
        writer.WriteStartObject();
        writer.WriteString("id", job.Id);
        writer.WriteString("operation", job.Operation.ApiName());
        writer.WriteString("object", job.ObjectName);
        writer.WriteString("createdById", job.CreatedById);
        writer.WriteString("createdDate", FieldValues.FormatDateTime(job.CreatedDate));
        writer.WriteString("systemModstamp", FieldValues.FormatDateTime(modstamp));
        writer.WriteString("state", state.ToString());
        if (job.ExternalIdFieldName is { } externalId)
            writer.WriteString("externalIdFieldName", externalId);
        if (job.AssignmentRuleId is { } assignmentRuleId)
            writer.WriteString("assignmentRuleId", assignmentRuleId);
        writer.WriteString("concurrencyMode", "Parallel");
        writer.WriteString("contentType", "CSV");
        writer.WritePropertyName("apiVersion");
        writer.WriteRawValue(job.ApiVersion);
        if (shape is Shape.Info or Shape.ListEntry)
            writer.WriteString("jobType", "V2Ingest");
        // The upload URL is "only valid if the job is in Open state" (a multipart create answers UploadComplete).
        if (shape != Shape.StateChanged && state == JobState.Open)
            writer.WriteString("contentUrl", $"services/data/v{job.ApiVersion}/jobs/ingest/{job.Id}/batches");
        if (shape != Shape.StateChanged)
        {
            writer.WriteString("lineEnding", job.Dialect.LineEnding);
            writer.WriteString("columnDelimiter", job.Dialect.ColumnDelimiter);
        }
        if (shape == Shape.Info)
        {
            writer.WriteNumber("numberRecordsProcessed", job.Processed);
            writer.WriteNumber("numberRecordsFailed", job.Failed);
            writer.WriteNumber("retries", 0);
            var processingMs = ProcessingMilliseconds(job, now);
            writer.WriteNumber("totalProcessingTime", processingMs);
            writer.WriteNumber("apiActiveProcessingTime", processingMs);
            writer.WriteNumber("apexProcessingTime", 0);
            if (state == JobState.Failed && errorMessage is not null)
                writer.WriteString("errorMessage", errorMessage);
        }
        writer.WriteEndObject();
    }

    private static long ProcessingMilliseconds(IngestJob job, DateTimeOffset now)
    {
        if (job.ProcessingStarted is not { } started)
            return 0;
        var ended = job.ProcessingEnded ?? now;
        return Math.Max(0, (long)(ended - started).TotalMilliseconds);
    }
}
