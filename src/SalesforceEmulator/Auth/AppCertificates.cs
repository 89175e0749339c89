using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SalesforceEmulator.Org;

namespace SalesforceEmulator.Auth;

/// <summary>
/// The certificate an org definition gives an app for JWT bearer logins: PEM text inline, or a PEM file
/// named relative to the org file (for the built-in org, the files beside it are built in as well).
/// </summary>
internal static class AppCertificates
{
    /// <summary>Where the built-in org's own files live among the assembly's resources.</summary>
    public const string BuiltInPrefix = "SalesforceEmulator.DefaultOrg/";

    /// <exception cref="InvalidDataException">The file is missing, or is not a PEM certificate with an RSA key.</exception>
    public static X509Certificate2? Load(OAuthClientDefinition app, string? orgFile)
    {
        var where = $"org definition {orgFile ?? "(built in)"}: oauthClients[{app.ClientId}]";
        string pem;
        if (!string.IsNullOrEmpty(app.Certificate))
        {
            pem = app.Certificate;
            where += ".certificate";
        }
        else if (!string.IsNullOrEmpty(app.CertificateFile))
        {
            where += $".certificateFile {app.CertificateFile}";
            pem = Read(app.CertificateFile, orgFile) ?? throw new InvalidDataException($"{where}: no such file.");
        }
        else
        {
            return null;
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPem(pem);
        }
        catch (CryptographicException e)
        {
            throw new InvalidDataException($"{where}: not a PEM certificate ({e.Message}).", e);
        }

        using var key = certificate.GetRSAPublicKey();
        if (key is null)
        {
            certificate.Dispose();
            throw new InvalidDataException($"{where}: the certificate's key is not RSA (JWT bearer assertions are signed RS256).");
        }

        return certificate;
    }

    private static string? Read(string relative, string? orgFile)
    {
        if (orgFile is not null)
        {
            var path = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(orgFile)) ?? ".", relative);
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }

        using var resource = typeof(AppCertificates).Assembly.GetManifestResourceStream(BuiltInPrefix + relative.Replace('\\', '/'));
        if (resource is null)
        {
            return null;
        }

        using var reader = new StreamReader(resource);
        return reader.ReadToEnd();
    }
}
