using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace TargetSalesforce.Salesforce.Query;

/// <summary>The states of a Bulk API 2.0 query job: it starts at UploadComplete, as nothing is uploaded to it.</summary>
internal enum QueryJobState
{
    UploadComplete,
    InProgress,
    JobComplete,
    Failed,
    Aborted,
}

/// <summary>A query job's status as Salesforce reports it.</summary>
internal sealed record QueryJobInfo(string Id, QueryJobState State, long RecordsProcessed, string? ErrorMessage)
{
    public bool IsFinished => State is QueryJobState.JobComplete or QueryJobState.Failed or QueryJobState.Aborted;

    /// <exception cref="FormatException">The answer is not a job object this client can read.</exception>
    public static QueryJobInfo Parse(string json, string source)
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
        if (string.IsNullOrEmpty(id))
        {
            throw new FormatException($"{source}: the query job answer has no `id`.");
        }

        var stateText = (string?)body["state"];
        if (!Enum.TryParse<QueryJobState>(stateText, ignoreCase: false, out var state) || !Enum.IsDefined(state) || int.TryParse(stateText, out _))
        {
            throw new FormatException($"{source}: query job {id} is in a state this client does not know: '{stateText}'.");
        }

        var processed = body["numberRecordsProcessed"]?.Type is JTokenType.Integer or JTokenType.Float ? (long)body["numberRecordsProcessed"]! : 0;
        return new QueryJobInfo(id, state, processed, (string?)body["errorMessage"]);
    }
}
