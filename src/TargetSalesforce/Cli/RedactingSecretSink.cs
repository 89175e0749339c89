using TargetSalesforce.Logging;
using TargetSalesforce.Salesforce.Auth;

namespace TargetSalesforce.Cli;

/// <summary>Hands every token the Salesforce client obtains to the log redactor, the moment it exists.</summary>
internal sealed class RedactingSecretSink(SecretRedactor redactor) : ISecretSink
{
    public void Register(string secret) => redactor.Add(secret);
}
