namespace TargetSalesforce.Salesforce.Auth;

/// <summary>Login or session refresh failed: the run cannot go on. Carries Salesforce's words, never a secret.</summary>
public sealed class AuthenticationFailedException(string message, Exception? inner = null) : Exception(message, inner);
