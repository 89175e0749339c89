namespace TargetSalesforce.Salesforce.Http;

internal static class Urls
{
    /// <summary>Appends a path to a base URL, keeping any path the base already has (unlike Uri's relative rules).</summary>
    public static Uri Combine(Uri baseUrl, string path) =>
        new(baseUrl.ToString().TrimEnd('/') + "/" + path.TrimStart('/'));
}
