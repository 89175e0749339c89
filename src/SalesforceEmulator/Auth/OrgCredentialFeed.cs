using System.Diagnostics.CodeAnalysis;
using SalesforceEmulator.Org;

namespace SalesforceEmulator.Auth;

/// <summary>Adds the users and connected apps an org definition names to the login directory (the defaults stay).</summary>
internal static class OrgCredentialFeed
{
    /// <param name="orgFile">The org definition's path (null: the built-in org), which certificate files are relative to.</param>
    [SuppressMessage("Reliability", "CA2000", Justification = "A loaded certificate belongs to the app it is stored in, for the emulator's whole life.")]
    public static void Apply(LoginDirectory directory, OrgStore org, string? orgFile)
    {
        directory.OrganizationId = org.OrganizationId;
        foreach (var user in org.Definition.Credentials.Users)
        {
            if (directory.FindUserByName(user.Username) is not null)
            {
                continue;
            }

            var token = user.SecurityToken.Length == 0 ? null : user.SecurityToken;

            // The login's user id is the org's User record when there is one, so userinfo and sobjects/User agree.
            if (org.FindUserId(user.Username) is { } userId)
            {
                directory.AddUser(new OrgUser(userId, user.Username, user.Password, token, "Emulator", user.Username, user.Username));
            }
            else
            {
                directory.AddUser(user.Username, user.Password, token);
            }
        }

        // Identity answers (userinfo, the SOAP login's userInfo) give the name and email the user's User row holds.
        foreach (var known in directory.Users)
        {
            if (UserRow(org, known.Username) is { } row)
                directory.ReplaceUser(known with { UserId = row.Id, FirstName = row.FirstName ?? "", LastName = row.LastName, Email = row.Email });
        }

        foreach (var app in org.Definition.Credentials.OauthClients)
        {
            if (directory.FindApp(app.ClientId) is null)
            {
                directory.AddApp(app.ClientId, app.ClientSecret.Length == 0 ? null : app.ClientSecret, app.RefreshTokens);
            }
            else
            {
                foreach (var refreshToken in app.RefreshTokens.Where(t => directory.FindRefreshToken(t) is null))
                {
                    directory.AddRefreshToken(new GrantedRefreshToken(refreshToken, app.ClientId, LoginDirectory.DefaultUsername));
                }
            }

            // The flows beyond refresh token and password: a trusted certificate, a run-as user, pre-authorized users.
            var certificate = AppCertificates.Load(app, orgFile);
            if (certificate is not null || app.RunAsUser is not null || app.PreAuthorizedUsers.Count > 0)
            {
                var known = directory.FindApp(app.ClientId)!;
                directory.ReplaceApp(known with
                {
                    Certificate = certificate ?? known.Certificate,
                    RunAsUsername = app.RunAsUser ?? known.RunAsUsername,
                    PreAuthorizedUsers = [.. known.PreAuthorizedUsers.Union(app.PreAuthorizedUsers, StringComparer.OrdinalIgnoreCase)],
                });
            }
        }
    }

    private sealed record UserDetails(string Id, string? FirstName, string LastName, string Email);

    /// <summary>The live User row with this username, if the org has one with a last name and an email.</summary>
    private static UserDetails? UserRow(OrgStore org, string username)
    {
        var users = org.Find("User");
        if (users is null || users.Schema.FindField("Username") is not { } key || users.Schema.FindField("LastName") is not { } last
            || users.Schema.FindField("Email") is not { } email)
            return null;
        var first = users.Schema.FindField("FirstName");
        lock (users.SyncRoot)
        {
            var found = users.FindByValue(key, username);
            if (found.Count == 0 || found[0][last.Ordinal] is not { } lastName || found[0][email.Ordinal] is not { } address)
                return null;
            return new UserDetails(found[0].Id, first is null ? null : found[0][first.Ordinal], lastName, address);
        }
    }
}
