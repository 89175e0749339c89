using TargetSalesforce.Loading;
using TargetSalesforce.Salesforce.Bulk;
using TargetSalesforce.Salesforce.Describe;

namespace TargetSalesforce.Salesforce;

/// <summary>The pipeline's Salesforce: describes the object once, maps the stream, hands out a writer.</summary>
internal sealed class SalesforceObjectLoader(DescribeCache describes, FieldMapper mapper, BulkJobRunner runner) : IObjectLoader
{
    public async Task<IObjectWriter> OpenAsync(LoadTarget target, StreamShape shape, CancellationToken cancellationToken)
    {
        var describe = await describes.GetAsync(target.ObjectName, cancellationToken).ConfigureAwait(false);
        var map = await mapper.MapAsync(target, shape, describe, parent => describes.GetAsync(parent, cancellationToken)).ConfigureAwait(false);
        return new SalesforceObjectWriter(map, runner);
    }
}
