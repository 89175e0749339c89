namespace TargetSalesforce.Salesforce.Auth;

/// <summary>A private key that cannot sign JWT bearer assertions; the message names why, never the key.</summary>
public sealed class InvalidSigningKeyException(string reason) : Exception(reason);
