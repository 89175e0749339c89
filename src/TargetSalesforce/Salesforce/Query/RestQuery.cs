using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using TargetSalesforce.Salesforce.Api;
using TargetSalesforce.Salesforce.Http;

namespace TargetSalesforce.Salesforce.Query;

/// <summary>
/// One SOQL statement through the REST query resource (`GET …/query?q=`), following `nextRecordsUrl` until `done`.
/// For a handful of rows this is one request, where a Bulk query job takes four (create, status, results, delete)
/// and one of the org's daily Bulk query jobs; so small lookups (record types, users by name) come this way.
/// </summary>
internal sealed class RestQuery(SalesforceApi api)
{
    /// <summary>
    /// The longest query string (`q=` escaped) one request may carry. Salesforce takes at most 16,384 bytes of URI and
    /// headers together and advises URIs of about 2,000 characters (help article 000386264); callers split IN lists under it.
    /// </summary>
    public const int MaxEscapedLength = 2_000;

    /// <summary>Every record the statement selects, each as its JSON object (`attributes` and the selected fields).</summary>
    public async Task<List<JObject>> RunAsync(string soql, CancellationToken cancellationToken)
    {
        var records = new List<JObject>();
        var path = api.DataPath("query?q=" + Uri.EscapeDataString(soql));
        var pages = 0;
        while (path is not null)
        {
            var request = new ApiRequest(HttpMethod.Get, path, pages == 0 ? "query" : "query, next records", ReplayRule.Idempotent);
            var response = await api.SendAsync(request, cancellationToken).ConfigureAwait(false);
            JObject page;
            try
            {
                page = JObject.Parse(response.BodyText);
            }
            catch (JsonReaderException ex)
            {
                throw new UnreadableAnswerException($"{request.Description}: the answer is not JSON: {ex.Message}", response.Status, inner: ex);
            }

            if (page["records"] is JArray rows)
            {
                records.AddRange(rows.OfType<JObject>());
            }

            pages++;
            path = page.Value<bool?>("done") == false ? page.Value<string>("nextRecordsUrl") : null;
        }

        return records;
    }
}
