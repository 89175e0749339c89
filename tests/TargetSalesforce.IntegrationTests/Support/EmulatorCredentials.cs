namespace TargetSalesforce.IntegrationTests.Support;

/// <summary>The emulator's documented default credentials.</summary>
internal static class EmulatorCredentials
{
    public const string ClientId = "emulator-client";
    public const string ClientSecret = "emulator-secret";
    public const string RefreshToken = "emulator-refresh-token";
    public const string Username = "admin@emulator.local";
    public const string Password = "password";
    public const string SecurityToken = "token";
}
