using System.Text.Json;
using SalesforceEmulator.Org;

namespace SalesforceEmulator.Bulk.Query;

/// <summary>
/// Query job bodies in the key order of the Bulk API 2.0 guide's examples ("Create a Query Job", "Get Information About
/// a Query Job", "Abort a Query Job", "Get Information About All Query Jobs"). Each route answers a different subset.
/// </summary>
public static class QueryJobJson
{
    public enum Shape
    {
        /// <summary>The create response: the settings and state, no counters.</summary>
        Created,
        /// <summary>The abort (PATCH) response: settings up to apiVersion.</summary>
        StateChanged,
        /// <summary>GET job info: everything.</summary>
        Info,
        /// <summary>An entry of the job list: the settings, state and jobType.</summary>
        ListEntry,
    }

    public static void Write(Utf8JsonWriter writer, QueryJob job, Shape shape, DateTimeOffset now)
    {
        JobState state;
        string? errorMessage;
        DateTimeOffset modstamp;
        DateTimeOffset? started, ended;
        long processed;
        lock (job.Gate)
        {
            state = job.State;
            errorMessage = job.ErrorMessage;
            modstamp = job.SystemModstamp;
            started = job.ProcessingStarted;
            ended = job.ProcessingEnded;
            processed = job.Processed;
        }
        writer.WriteStartObject();
        writer.WriteString("id", job.Id);
        writer.WriteString("operation", job.Operation);
        writer.WriteString("object", job.ObjectName);
        writer.WriteString("createdById", job.CreatedById);
        writer.WriteString("createdDate", FieldValues.FormatDateTime(job.CreatedDate));
        writer.WriteString("systemModstamp", FieldValues.FormatDateTime(modstamp));
        writer.WriteString("state", state.ToString());
        writer.WriteString("concurrencyMode", "Parallel");
        writer.WriteString("contentType", "CSV");
        writer.WritePropertyName("apiVersion");
        writer.WriteRawValue(job.ApiVersion);
        if (shape == Shape.StateChanged)
        {
            writer.WriteEndObject();
            return;
        }
        if (shape is Shape.Info or Shape.ListEntry)
            writer.WriteString("jobType", "V2Query");
        writer.WriteString("lineEnding", job.Dialect.LineEnding);
        writer.WriteString("columnDelimiter", job.Dialect.ColumnDelimiter);
        if (shape == Shape.Info)
        {
            writer.WriteNumber("numberRecordsProcessed", processed);
            writer.WriteNumber("retries", 0);
            var processingMs = started is { } from ? Math.Max(0, (long)((ended ?? now) - from).TotalMilliseconds) : 0;
            writer.WriteNumber("totalProcessingTime", processingMs);
            writer.WriteBoolean("isPkChunkingSupported", true);
            if (state == JobState.Failed && errorMessage is not null)
                writer.WriteString("errorMessage", errorMessage);
        }
        writer.WriteEndObject();
    }
}
