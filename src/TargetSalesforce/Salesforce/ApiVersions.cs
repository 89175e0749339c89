using System.Globalization;

namespace TargetSalesforce.Salesforce;

/// <summary>API version text as Salesforce's URLs want it.</summary>
internal static class ApiVersions
{
    /// <summary>The newest version that still answers SOAP login(): Salesforce retires it from 65.0.</summary>
    public const decimal LastSoapLoginVersion = 64.0m;

    /// <summary>"v64", "64" and "64.0" all become "64.0".</summary>
    public static string Normalise(string version)
    {
        var text = version.Trim().TrimStart('v', 'V');
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            throw new ArgumentException($"api_version '{version}' is not a Salesforce API version such as 64.0.", nameof(version));
        }

        return value.ToString("0.0", CultureInfo.InvariantCulture);
    }

    /// <summary>The SOAP login version: the configured one, but never past <see cref="LastSoapLoginVersion"/>.</summary>
    public static string ForSoapLogin(string version)
    {
        var value = decimal.Parse(Normalise(version), CultureInfo.InvariantCulture);
        return Math.Min(value, LastSoapLoginVersion).ToString("0.0", CultureInfo.InvariantCulture);
    }
}
