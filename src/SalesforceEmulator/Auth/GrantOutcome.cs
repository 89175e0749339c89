namespace SalesforceEmulator.Auth;

/// <summary>What a grant decided: a login for a user through an app, or a refusal in Salesforce's words.</summary>
public sealed record GrantOutcome
{
    private GrantOutcome()
    {
    }

    public OrgUser? User { get; private init; }

    public ConnectedApp? App { get; private init; }

    public string? Error { get; private init; }

    public string? Description { get; private init; }

    public bool Granted => User is not null;

    public static GrantOutcome For(OrgUser user, ConnectedApp app) => new() { User = user, App = app };

    public static GrantOutcome Refused(string error, string description) => new() { Error = error, Description = description };

    /// <summary>HTTP 400 invalid_grant with the reason, the answer most refusals get.</summary>
    public static GrantOutcome InvalidGrant(string description) => Refused("invalid_grant", description);
}
