namespace SalesforceEmulator.Auth;

/// <summary>STUB (owned by the host/auth/faults work): issued sessions and refresh tokens.</summary>
public sealed class TokenStore(EmulatorContext context)
{
    public EmulatorContext Context { get; } = context;
}
