using Microsoft.Extensions.Logging;
using TargetSalesforce.Destination;
using TargetSalesforce.Salesforce.Api;
using TargetSalesforce.Salesforce.Auth;
using TargetSalesforce.Salesforce.Bulk;
using TargetSalesforce.Salesforce.Collections;
using TargetSalesforce.Salesforce.Csv;
using TargetSalesforce.Salesforce.Describe;
using TargetSalesforce.Salesforce.Limits;
using TargetSalesforce.Salesforce.Http;
using TargetSalesforce.Salesforce.Query;
using TargetSalesforce.Salesforce.References;

namespace TargetSalesforce.Salesforce;

/// <summary>
/// The pipeline's Salesforce: reads the org's allowances once, describes the object once, maps the stream,
/// hands out a writer.
/// </summary>
internal sealed class SalesforceObjectLoader(
    SalesforceApi api,
    OrgAllowance allowance,
    DescribeCache describes,
    FieldMapper mapper,
    BulkBatchLoader batches,
    CollectionsBatchLoader collections,
    SalesforceClientOptions options,
    ExternalIdLookup lookup,
    BulkQuery queries,
    ReferenceResolver references,
    TimeProvider time,
    ILogger logger) : IObjectLoader
{
    // One for the run: a null a field cannot hold is told once, whichever stream brought it.
    private readonly NonNillableNulls nullNotices = new(logger);

    public void InputEnded() => batches.InputEnded();

    public async Task<IObjectWriter> OpenAsync(ObjectOperation operation, StreamShape shape, CancellationToken cancellationToken)
    {
        try
        {
            // The allowances and the describe are asked for together: one round trip less before the first job.
            var allowances = allowance.StartAsync(api, cancellationToken);
            var describing = describes.GetAsync(operation.ObjectName, cancellationToken);
            await Task.WhenAll(allowances, describing).ConfigureAwait(false);
            var describe = await describing.ConfigureAwait(false);
            var map = await mapper.MapAsync(operation, shape, describe, parent => describes.GetAsync(parent, cancellationToken)).ConfigureAwait(false);
            return map.IdsByExternalId
                ? new ExternalIdKeyedWriter(map, lookup, batches, logger, nullNotices, references)
                : new SalesforceObjectWriter(
                    map, batches, collections, options.RestThresholdRows, new ScopeSweeper(map, describe, queries, batches, time, logger), nullNotices,
                    references);
        }
        catch (Exception ex) when (ex is AuthenticationFailedException or SalesforceApiException)
        {
            // The first describe is where the run logs in: a refused login is an answer, not a bug.
            throw new DestinationException(ex.Message, ex);
        }
    }
}
