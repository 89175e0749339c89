using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using RichardSzalay.MockHttp;

namespace TargetSalesforce.Tests.Salesforce.Query;

/// <summary>
/// Bulk API 2.0 query jobs on MockHttp, as Salesforce documents them: a job is created UploadComplete, polls show
/// InProgress then JobComplete, results come as CSV sets of at most maxRecords rows with `Sforce-Locator` naming the
/// next set (the text `null` after the last), and a job is deleted with 204. It answers the lookups the target sends,
/// `SELECT Id, Key[, IsDeleted] FROM Object WHERE Key IN ('a','b')`, from <see cref="Rows"/>.
/// </summary>
internal sealed partial class FakeBulkQueryApi
{
    private int jobs;

    public FakeBulkQueryApi(MockHttpMessageHandler mock)
    {
        mock.When(HttpMethod.Post, TestOrg.Data + "/jobs/query").Respond(request =>
        {
            var body = JObject.Parse(request.Content!.ReadAsStringAsync().Result);
            var id = $"750Q{Interlocked.Increment(ref jobs)}";
            Jobs[id] = new Job(id, body);
            return Answer(Jobs[id], "UploadComplete");
        });
        mock.When(HttpMethod.Get, TestOrg.Data + "/jobs/query/*/results").Respond(request =>
        {
            var job = Jobs[request.RequestUri!.Segments[^2].TrimEnd('/')];
            var query = System.Web.HttpUtility.ParseQueryString(request.RequestUri.Query);
            job.MaxRecords.Add(int.Parse(query["maxRecords"] ?? "0", System.Globalization.CultureInfo.InvariantCulture));
            var start = query["locator"] is { } locator ? int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(locator)), System.Globalization.CultureInfo.InvariantCulture) : 0;
            var size = Math.Min(job.MaxRecords[^1] > 0 ? job.MaxRecords[^1] : int.MaxValue, SetSize);
            var rows = Results(job);
            var set = rows.Skip(start).Take(size).ToList();
            var next = start + set.Count < rows.Count ? Convert.ToBase64String(Encoding.UTF8.GetBytes((start + set.Count).ToString(System.Globalization.CultureInfo.InvariantCulture))) : "null";
            var keyField = Regex.Match(job.Soql, @"^SELECT Id, (\w+)").Groups[1].Value;
            var extra = Extra is { } e && job.Soql.Contains(", " + e.Name + " FROM", StringComparison.Ordinal) ? e : ((string Name, Func<string, string> Value)?)null;
            var csv = new StringBuilder(job.WithIsDeleted ? $"\"Id\",\"{keyField}\",\"IsDeleted\"" : $"\"Id\",\"{keyField}\"");
            csv.Append(extra is { } named ? $",\"{named.Name}\"\n" : "\n");
            foreach (var row in set)
            {
                csv.Append('"').Append(row.Id).Append("\",\"").Append(row.Key.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
                csv.Append(job.WithIsDeleted ? (row.Deleted ? ",\"true\"" : ",\"false\"") : string.Empty);
                csv.Append(extra is { } value ? $",\"{value.Value(row.Id)}\"" : string.Empty).Append('\n');
            }

            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(csv.ToString(), Encoding.UTF8, "text/csv") };
            response.Headers.Add("Sforce-Locator", next);
            response.Headers.Add("Sforce-NumberOfRecords", set.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            job.SetsRead++;
            return response;
        });
        mock.When(HttpMethod.Patch, TestOrg.Data + "/jobs/query/*").Respond(request =>
        {
            var job = Jobs[request.RequestUri!.Segments[^1]];
            job.StateChanges.Add((string)JObject.Parse(request.Content!.ReadAsStringAsync().Result)["state"]!);
            return Answer(job, "Aborted");
        });
        mock.When(HttpMethod.Delete, TestOrg.Data + "/jobs/query/*").Respond(request =>
        {
            Jobs[request.RequestUri!.Segments[^1]].Deleted = true;
            return new HttpResponseMessage(HttpStatusCode.NoContent);
        });
        mock.When(HttpMethod.Get, TestOrg.Data + "/jobs/query/*").Respond(request =>
        {
            var job = Jobs[request.RequestUri!.Segments[^1]];
            job.Polls++;
            return Answer(job, job.Polls == 1 ? "InProgress" : FinalState, FinalState == "Failed" ? new JObject { ["errorMessage"] = "INVALID_FIELD: No such column 'Key__c'" } : null);
        });
    }

    /// <summary>The object's rows: Id, key, and whether it is in the Recycle Bin.</summary>
    public List<(string Id, string Key, bool Deleted)> Rows { get; } = [];

    public ConcurrentDictionary<string, Job> Jobs { get; } = new();

    /// <summary>The most rows one set holds, whatever maxRecords asks (Salesforce's own size limit).</summary>
    public int SetSize { get; set; } = int.MaxValue;

    public string FinalState { get; set; } = "JobComplete";

    /// <summary>A statement without an IN list (a sweep's scope query) returns every live row.</summary>
    public bool AllRowsWithoutInList { get; set; }

    /// <summary>A third column the results carry, when the statement selects it: its name and its value per Id.</summary>
    public (string Name, Func<string, string> Value)? Extra { get; set; }

    private List<(string Id, string Key, bool Deleted)> Results(Job job)
    {
        if (AllRowsWithoutInList && !job.Soql.Contains(" IN (", StringComparison.Ordinal))
        {
            return Rows.Where(r => !r.Deleted).ToList();
        }

        var keys = Literal().Matches(job.Soql).Select(m => m.Groups[1].Value.Replace("\\'", "'", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return Rows.Where(r => keys.Contains(r.Key) && (!r.Deleted || job.Operation == "queryAll")).ToList();
    }

    private static HttpResponseMessage Answer(Job job, string state, JObject? extra = null)
    {
        var body = new JObject { ["id"] = job.Id, ["operation"] = job.Operation, ["state"] = state, ["contentType"] = "CSV" };
        if (extra is not null)
        {
            body.Merge(extra);
        }

        return new HttpResponseMessage(HttpStatusCode.OK) { Content = TestOrg.Json(body.ToString()) };
    }

    [GeneratedRegex(@"'((?:[^'\\]|\\.)*)'")]
    private static partial Regex Literal();

    internal sealed class Job(string id, JObject request)
    {
        public string Id { get; } = id;

        public string Soql { get; } = (string)request["query"]!;

        public string Operation { get; } = (string)request["operation"]!;

        public bool WithIsDeleted => Soql.Contains("IsDeleted", StringComparison.Ordinal);

        public int Polls { get; set; }

        public int SetsRead { get; set; }

        public List<int> MaxRecords { get; } = [];

        public List<string> StateChanges { get; } = [];

        public bool Deleted { get; set; }
    }
}
