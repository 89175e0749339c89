using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace TargetSalesforce.Salesforce.Bulk;

/// <summary>The states of a Bulk API 2.0 ingest job.</summary>
internal enum JobState
{
    Open,
    UploadComplete,
    InProgress,
    JobComplete,
    Failed,
    Aborted,
}

/// <summary>A job's status as Salesforce reports it. Counters missing from the answer read as 0.</summary>
internal sealed record JobInfo(string Id, JobState State, long Processed, long Failed, string? ErrorMessage)
{
    public bool IsFinished => State is JobState.JobComplete or JobState.Failed or JobState.Aborted;

    public static JobInfo Parse(string json, string source)
    {
        JObject body;
        try
        {
            body = JObject.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{source}: the answer is not a JSON object ({ex.Message}).", ex);
        }

        var id = (string?)body["id"];
        var stateText = (string?)body["state"];
        if (string.IsNullOrEmpty(id))
        {
            throw new FormatException($"{source}: the job answer has no `id`.");
        }

        if (!Enum.TryParse<JobState>(stateText, ignoreCase: false, out var state) || !Enum.IsDefined(state) || int.TryParse(stateText, out _))
        {
            throw new FormatException($"{source}: job {id} is in a state this client does not know: '{stateText}'.");
        }

        return new JobInfo(id, state, Counter(body, "numberRecordsProcessed"), Counter(body, "numberRecordsFailed"), (string?)body["errorMessage"]);
    }

    private static long Counter(JObject body, string name) =>
        body[name]?.Type is JTokenType.Integer or JTokenType.Float ? (long)body[name]! : 0;
}
