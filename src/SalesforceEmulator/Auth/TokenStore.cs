namespace SalesforceEmulator.Auth;

/// <summary>STUB (owned by the host/auth/faults work): issued sessions and refresh tokens.</summary>
public sealed class TokenStore(EmulatorContext context)
{
    public EmulatorContext Context { get; } = context;

    /// <summary>Issues a fresh access token for the default admin user (tests use it to call routes directly).</summary>
    public string IssueAccessToken() => "00D000000000001!stub";
}
