namespace TargetSalesforce.Salesforce.Auth;

/// <summary>
/// Where the client hands every secret it learns at run time (access tokens, a rotated refresh
/// token) so the logging layer can redact them. Tokens are otherwise kept only in memory.
/// </summary>
public interface ISecretSink
{
    void Register(string secret);
}

/// <summary>For callers with no redaction to feed.</summary>
public sealed class NoSecretSink : ISecretSink
{
    public static readonly NoSecretSink Instance = new();

    public void Register(string secret)
    {
    }
}
