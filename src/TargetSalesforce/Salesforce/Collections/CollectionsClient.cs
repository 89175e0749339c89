using System.Net.Http.Headers;
using TargetSalesforce.Destination;
using TargetSalesforce.Salesforce.Api;
using TargetSalesforce.Salesforce.Describe;
using TargetSalesforce.Salesforce.Http;

namespace TargetSalesforce.Salesforce.Collections;

/// <summary>
/// The four sObject Collections calls (`composite/sobjects`), at most 200 records each, `allOrNone` false:
/// insert (POST), update (PATCH), upsert on an external id (PATCH …/{Object}/{Field}) and delete (DELETE ?ids=).
/// <para>
/// An insert is sent once (<see cref="ReplayRule.UploadOnce"/>): repeated after a lost answer it could create
/// every record twice. Update, upsert by external id and delete leave the org the same however often they
/// arrive, so they are repeated on the common schedule (<see cref="ReplayRule.Idempotent"/>).
/// </para>
/// </summary>
internal sealed class CollectionsClient(SalesforceApi api)
{
    public async Task<IReadOnlyList<CollectionResult>> SendAsync(FieldMap map, IReadOnlyList<string[]> rows, CancellationToken cancellationToken)
    {
        var request = Request(map, rows);
        var response = await api.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return CollectionResult.ParseAll(request, response.BodyText, rows.Count);
    }

    private ApiRequest Request(FieldMap map, IReadOnlyList<string[]> rows)
    {
        var action = map.Operation.Action;
        var purpose = $"{FieldMapper.ActionName(action)} {rows.Count} {map.ObjectName} records";
        if (action == LoadAction.Delete)
        {
            var query = CollectionBody.DeleteQuery(rows.Select(r => r[map.KeyColumn]));
            return new ApiRequest(HttpMethod.Delete, api.DataPath("composite/sobjects") + "?" + query, purpose, ReplayRule.Idempotent);
        }

        var body = CollectionBody.Records(map, rows);
        var (method, path, replay) = action switch
        {
            LoadAction.Insert => (HttpMethod.Post, "composite/sobjects", ReplayRule.UploadOnce),
            LoadAction.Update => (HttpMethod.Patch, "composite/sobjects", ReplayRule.Idempotent),
            LoadAction.Upsert => (HttpMethod.Patch, $"composite/sobjects/{Uri.EscapeDataString(map.ObjectName)}/{Uri.EscapeDataString(map.Columns[map.KeyColumn].Header)}", ReplayRule.Idempotent),
            _ => throw new NotSupportedException($"sObject Collections cannot {FieldMapper.ActionName(action)}: it goes by Bulk."),
        };
        return new ApiRequest(method, api.DataPath(path), purpose, replay)
        {
            Content = () => Json(body),
            Headers = new Dictionary<string, string> { [AutoAssignHeader] = map.Operation.AssignmentRuleId ?? "FALSE" },
        };
    }

    /// <summary>
    /// REST's assignment rule header: the rule's Id runs that rule. Without the header REST runs the org's active rules
    /// (a Bulk job runs none unless named), so FALSE is sent when no rule is set: a record means the same by either route.
    /// </summary>
    public const string AutoAssignHeader = "Sforce-Auto-Assign";

    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "UTF-8" };
        return content;
    }
}
