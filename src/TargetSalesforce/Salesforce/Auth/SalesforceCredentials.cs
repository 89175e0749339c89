namespace TargetSalesforce.Salesforce.Auth;

/// <summary>
/// Who logs in, and by which flow: one subclass per flow. The secrets stay inside; <see cref="ToString"/>
/// names the flow only, so credentials never reach a log by accident.
/// </summary>
public abstract class SalesforceCredentials
{
    /// <summary>Every secret these credentials hold, for log redaction before any request is sent.</summary>
    public abstract IEnumerable<string> Secrets { get; }

    /// <summary>The flow's name, as errors and logs may show it.</summary>
    public abstract override string ToString();
}
