using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Newtonsoft.Json.Linq;
using RichardSzalay.MockHttp;

namespace TargetSalesforce.Tests.Salesforce.Bulk;

/// <summary>
/// A scripted Bulk 2.0 endpoint on MockHttp: records every job, its upload and its state changes,
/// answers polls from a script, and builds failedResults from the uploaded rows.
/// </summary>
internal sealed class FakeBulkApi
{
    private int jobs;

    public FakeBulkApi(MockHttpMessageHandler mock)
    {
        mock.When(HttpMethod.Post, TestOrg.Data + "/jobs/ingest").Respond(request =>
        {
            var body = JObject.Parse(request.Content!.ReadAsStringAsync().Result);
            var id = $"750J{Interlocked.Increment(ref jobs)}";
            Jobs[id] = new Job(id, body);
            return Answer(Jobs[id], "Open");
        });
        mock.When(HttpMethod.Put, TestOrg.Data + "/jobs/ingest/*/batches").Respond(request =>
        {
            var job = Jobs[request.RequestUri!.Segments[^2].TrimEnd('/')];
            job.Uploads++;
            job.Csv = request.Content!.ReadAsStringAsync().Result;
            return Upload?.Invoke(job) ?? new HttpResponseMessage(HttpStatusCode.Created);
        });
        mock.When(HttpMethod.Patch, TestOrg.Data + "/jobs/ingest/*").Respond(request =>
        {
            var job = Jobs[request.RequestUri!.Segments[^1]];
            var state = (string)JObject.Parse(request.Content!.ReadAsStringAsync().Result)["state"]!;
            job.StateChanges.Add(state);
            return StateChange?.Invoke(job, state) ?? Answer(job, state);
        });
        mock.When(HttpMethod.Get, TestOrg.Data + "/jobs/ingest/*/failedResults").Respond(request =>
            Csv(FailedResults(Jobs[request.RequestUri!.Segments[^2].TrimEnd('/')])));
        mock.When(HttpMethod.Get, TestOrg.Data + "/jobs/ingest/*/successfulResults").Respond(request =>
            Csv(SuccessfulResults(Jobs[request.RequestUri!.Segments[^2].TrimEnd('/')])));
        mock.When(HttpMethod.Get, TestOrg.Data + "/jobs/ingest/*/unprocessedrecords").Respond(request =>
            Csv(Unprocessed(Jobs[request.RequestUri!.Segments[^2].TrimEnd('/')])));
        mock.When(HttpMethod.Get, TestOrg.Data + "/jobs/ingest/*").Respond(request =>
        {
            var job = Jobs[request.RequestUri!.Segments[^1]];
            job.Polls++;
            var (state, extra) = Poll(job);
            return Answer(job, state, extra);
        });
    }

    public ConcurrentDictionary<string, Job> Jobs { get; } = new();

    /// <summary>Answers a PUT; null is 201 Created.</summary>
    public Func<Job, HttpResponseMessage?>? Upload { get; set; }

    /// <summary>Per PATCH (close or abort): a response in place of the normal answer, or null.</summary>
    public Func<Job, string, HttpResponseMessage?>? StateChange { get; set; }

    /// <summary>The job's state at each poll (and extra JSON properties). Default: done at the first poll, no failures.</summary>
    public Func<Job, (string State, JObject? Extra)> Poll { get; set; } = job => ("JobComplete", Counters(job.DataRows.Count, 0));

    /// <summary>failedResults body for a job. Default: header only.</summary>
    public Func<Job, string> FailedResults { get; set; } = job => $"\"sf__Id\",\"sf__Error\",{job.Header}\n";

    /// <summary>successfulResults body for a job. Default: every uploaded row, last first (Salesforce keeps no order), each created with an Id naming its job and upload position.</summary>
    public Func<Job, string> SuccessfulResults { get; set; } = job =>
        $"\"sf__Id\",\"sf__Created\",{job.Header}\n" +
        string.Concat(job.DataRows.Select((row, i) => $"\"{IdFor(job, i)}\",\"true\",{row}\n").Reverse());

    /// <summary>The Id the default successfulResults gives the job's row at <paramref name="position"/>.</summary>
    public static string IdFor(Job job, int position) => $"003J{job.Id[4..]}{position:D10}".PadRight(18, 'A');

    public Func<Job, string> Unprocessed { get; set; } = job => job.Header + "\n";

    public static JObject Counters(long processed, long failed) => new() { ["numberRecordsProcessed"] = processed, ["numberRecordsFailed"] = failed };

    private static HttpResponseMessage Answer(Job job, string state, JObject? extra = null)
    {
        var body = new JObject { ["id"] = job.Id, ["state"] = state, ["object"] = job.Request["object"] };
        if (extra is not null)
        {
            body.Merge(extra);
        }

        return new HttpResponseMessage(HttpStatusCode.OK) { Content = TestOrg.Json(body.ToString()) };
    }

    private static HttpResponseMessage Csv(string body) =>
        new(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "text/csv") };

    internal sealed class Job(string id, JObject request)
    {
        public string Id { get; } = id;

        public JObject Request { get; } = request;

        public string Csv { get; set; } = string.Empty;

        public int Uploads { get; set; }

        public int Polls { get; set; }

        public List<string> StateChanges { get; } = [];

        public string Header => Csv.Split('\n')[0];

        /// <summary>The uploaded data lines (these tests use values without embedded newlines).</summary>
        public List<string> DataRows => Csv.Split('\n').Skip(1).Where(l => l.Length > 0).ToList();
    }
}
