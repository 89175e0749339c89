namespace TargetSalesforce.Salesforce.Auth;

/// <summary>Checks the instance URL a login returned before any token is sent to it.</summary>
internal static class InstanceUrls
{
    public static Uri Parse(string? text, string source)
    {
        if (string.IsNullOrWhiteSpace(text) || !Uri.TryCreate(text.Trim().TrimEnd('/'), UriKind.Absolute, out var url))
        {
            throw new AuthenticationFailedException($"{source} returned no usable instance URL.");
        }

        LoginEndpoint.EnsureCredentialsMayTravel(url, $"the instance URL {source} returned");
        return url;
    }
}
