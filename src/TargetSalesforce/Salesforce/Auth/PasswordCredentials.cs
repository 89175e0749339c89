namespace TargetSalesforce.Salesforce.Auth;

/// <summary>A user name and password, with the security token Salesforce appends to it off trusted networks (SOAP login).</summary>
public sealed class PasswordCredentials(string username, string password, string? securityToken) : SalesforceCredentials
{
    public string Username { get; } = username;

    public string Password { get; } = password;

    public string? SecurityToken { get; } = securityToken;

    public override IEnumerable<string> Secrets => SecurityToken is null ? [Password] : [Password, SecurityToken];

    public override string ToString() => "username and password";
}
