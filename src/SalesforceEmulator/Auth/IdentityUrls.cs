namespace SalesforceEmulator.Auth;

/// <summary>
/// A user's identity URL ({base}/id/{orgId}/{userId}), which token answers, introspection and the resources of a
/// version name, and the `urls` map the identity URL and userinfo both answer with.
/// </summary>
public static class IdentityUrls
{
    public static string Of(string baseUrl, LoginDirectory credentials, string userId) =>
        $"{baseUrl}/id/{credentials.OrganizationId}/{userId}";

    /// <summary>
    /// The endpoints a client may talk to, for <paramref name="version"/> ("{version}" keeps the documented
    /// placeholder); the SOAP URLs end in the 15-character org id, as Salesforce's do.
    /// </summary>
    public static Dictionary<string, string> Services(string baseUrl, LoginDirectory credentials, string userId, string version)
    {
        var org15 = credentials.OrganizationId15;
        string Data(string resource) => $"{baseUrl}/services/data/v{version}/{resource}";
        return new Dictionary<string, string>
        {
            ["enterprise"] = $"{baseUrl}/services/Soap/c/{version}/{org15}",
            ["metadata"] = $"{baseUrl}/services/Soap/m/{version}/{org15}",
            ["partner"] = $"{baseUrl}/services/Soap/u/{version}/{org15}",
            ["rest"] = Data(""),
            ["sobjects"] = Data("sobjects/"),
            ["search"] = Data("search/"),
            ["query"] = Data("query/"),
            ["recent"] = Data("recent/"),
            ["tooling_soap"] = $"{baseUrl}/services/Soap/T/{version}/{org15}",
            ["tooling_rest"] = Data("tooling/"),
            ["profile"] = $"{baseUrl}/{userId}",
            ["feeds"] = Data("chatter/feeds"),
            ["groups"] = Data("chatter/groups"),
            ["users"] = Data("chatter/users"),
            ["feed_items"] = Data("chatter/feed-items"),
            ["feed_elements"] = Data("chatter/feed-elements"),
            ["custom_domain"] = baseUrl,
        };
    }
}
