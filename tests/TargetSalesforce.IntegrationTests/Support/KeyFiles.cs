using System.Runtime.Versioning;
using System.Security.Cryptography;

namespace TargetSalesforce.IntegrationTests.Support;

/// <summary>Private key files for JWT bearer runs: the demo key the emulator trusts, or any other PEM text, with the file mode a test needs.</summary>
[UnsupportedOSPlatform("windows")]
internal sealed class KeyFiles : IDisposable
{
    private readonly TempFolder folder = new();

    public static string DemoKeyPem => File.ReadAllText(Path.Combine(RepoPaths.Examples, "keys", "jwt-demo.key"));

    /// <summary>A fresh RSA key no app trusts.</summary>
    public static string UntrustedKeyPem()
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportPkcs8PrivateKeyPem();
    }

    /// <summary>Writes <paramref name="pem"/> (default: the demo key) to a file readable by its owner alone, unless told otherwise.</summary>
    public string Write(string? pem = null, UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite)
    {
        var path = folder.File($"key-{Guid.NewGuid():N}.pem");
        File.WriteAllText(path, pem ?? DemoKeyPem);
        File.SetUnixFileMode(path, mode);
        return path;
    }

    public void Dispose() => folder.Dispose();
}
