using SalesforceEmulator.Org;

namespace SalesforceEmulator.Auth;

/// <summary>Adds the users and connected apps an org definition names to the login directory (the defaults stay).</summary>
internal static class OrgCredentialFeed
{
    public static void Apply(LoginDirectory directory, OrgStore org)
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
        }
    }
}
