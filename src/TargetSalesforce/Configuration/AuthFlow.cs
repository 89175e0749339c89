namespace TargetSalesforce.Configuration;

/// <summary>The `auth_flow` setting: how the run logs in to Salesforce.</summary>
public enum AuthFlow
{
    /// <summary>Chosen from the credentials given (see <see cref="AuthFlowChoice"/>).</summary>
    Auto,
    RefreshToken,
    Password,
    Jwt,
    ClientCredentials,
    AccessToken,
}
