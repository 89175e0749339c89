using System.Collections.Concurrent;
using System.Net;
using TargetSalesforce.Destination;
using TargetSalesforce.Salesforce.Api;
using TargetSalesforce.Salesforce.Http;

namespace TargetSalesforce.Salesforce.Describe;

/// <summary>Describes each object once per run (GET …/sobjects/{object}/describe).</summary>
internal sealed class DescribeCache(SalesforceApi api)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<ObjectDescribe>>> cache = new(StringComparer.OrdinalIgnoreCase);

    public Task<ObjectDescribe> GetAsync(string objectName, CancellationToken cancellationToken) =>
        cache.GetOrAdd(objectName, name => new Lazy<Task<ObjectDescribe>>(() => FetchAsync(name, cancellationToken))).Value;

    private async Task<ObjectDescribe> FetchAsync(string objectName, CancellationToken cancellationToken)
    {
        var request = new ApiRequest(HttpMethod.Get, api.DataPath($"sobjects/{Uri.EscapeDataString(objectName)}/describe"), $"describe {objectName}", ReplayRule.Idempotent);
        try
        {
            var response = await api.SendAllowingFailureAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.Status == HttpStatusCode.NotFound)
            {
                var hint = await ObjectSuggestions.DescribeAsync(api, objectName, cancellationToken).ConfigureAwait(false);
                throw new LoadConfigurationException(
                    $"Salesforce object '{objectName}' does not exist or this user cannot see it (describe answered 404 {ApiError.From(response).Text}).{hint}" +
                    " Name the object with streams.<stream>.object or table_name.");
            }

            if (!response.IsSuccess)
            {
                throw ApiError.ToException(request, response);
            }

            try
            {
                var describe = DescribeParser.Parse(response.BodyText, request.Description);
                Diagnostics.StartupPhases.Reached("described");
                return describe;
            }
            catch (FormatException ex)
            {
                throw new SalesforceApiException(ex.Message, response.Status, inner: ex);
            }
        }
        catch
        {
            // A failed describe (cancelled, network) must not poison the cache for a later try.
            cache.TryRemove(objectName, out _);
            throw;
        }
    }
}
