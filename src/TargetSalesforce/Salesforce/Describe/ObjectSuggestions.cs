using Newtonsoft.Json.Linq;
using TargetSalesforce.Naming;
using TargetSalesforce.Salesforce.Api;
using TargetSalesforce.Salesforce.Http;

namespace TargetSalesforce.Salesforce.Describe;

/// <summary>
/// For an object name that does not exist: the org's closest objects (GET …/sobjects), matched by
/// API name, label and plural label, so `contacts` points to Contact. Only ever a hint in the
/// error: the run never loads into a guessed object.
/// </summary>
internal static class ObjectSuggestions
{
    /// <summary>At most this many objects named in the hint.</summary>
    private const int Limit = 3;

    /// <summary>" Closest objects: Contact (label Contact, plural Contacts)." or "" when none is close or the list cannot be read.</summary>
    public static async Task<string> DescribeAsync(SalesforceApi api, string objectName, CancellationToken cancellationToken)
    {
        IReadOnlyList<(string Name, string Label, string Plural)> objects;
        try
        {
            var request = new ApiRequest(HttpMethod.Get, api.DataPath("sobjects"), "list the org's objects", ReplayRule.Idempotent);
            var response = await api.SendAllowingFailureAsync(request, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccess || JObject.Parse(response.BodyText)["sobjects"] is not JArray list)
            {
                return "";
            }

            objects = list.OfType<JObject>()
                .Select(o => ((string?)o["name"] ?? "", (string?)o["label"] ?? "", (string?)o["labelPlural"] ?? ""))
                .Where(o => o.Item1.Length > 0)
                .ToList();
        }
        catch (Exception ex) when (ex is SalesforceApiException or Newtonsoft.Json.JsonException)
        {
            return ""; // only a hint: the 404 itself is the error
        }

        var closest = Closest(objectName, objects);
        return closest.Count == 0
            ? ""
            : " Closest objects: " + string.Join(", ", closest.Select(o => $"{o.Name} (label {o.Label}, plural {o.Plural})")) + ".";
    }

    internal static IReadOnlyList<(string Name, string Label, string Plural)> Closest(
        string objectName, IReadOnlyList<(string Name, string Label, string Plural)> objects)
    {
        var byAlias = objects
            .SelectMany(o => new[] { o.Name, o.Label, o.Plural }.Where(a => a.Length > 0).Select(alias => (Alias: alias, Object: o)))
            .ToList();
        return NearestNames.Find(objectName, byAlias.Select(a => a.Alias), limit: Limit * 3)
            .SelectMany(alias => byAlias.Where(a => a.Alias == alias).Select(a => a.Object))
            .DistinctBy(o => o.Name)
            .Take(Limit)
            .ToList();
    }
}
