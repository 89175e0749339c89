using Newtonsoft.Json;

namespace TargetSalesforce.Logging;

/// <summary>
/// The last line of defence for secrets: knows every configured secret and every access token
/// obtained at run time, and replaces each with `***` in any text given to it. Code should not
/// log secrets in the first place; this catches the ones that slip into an exception message.
/// Thread-safe: tokens are registered while other threads log.
/// </summary>
public sealed class SecretRedactor
{
    public const string Mask = "***";

    private readonly object gate = new();
    private string[] secrets = [];

    /// <summary>Registers a secret, with the forms it takes in URLs and JSON, so each is masked too.</summary>
    public void Add(string? secret)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return;
        }

        var forms = new[]
        {
            secret,
            Uri.EscapeDataString(secret),
            JsonConvert.ToString(secret)[1..^1],
        };
        lock (gate)
        {
            // Longest first, so a secret that contains another is masked whole. (A plain sort: LINQ's ordering
            // would be compiled at every start for this one call.)
            var all = secrets.Concat(forms).Distinct(StringComparer.Ordinal).ToArray();
            Array.Sort(all, static (a, b) => b.Length.CompareTo(a.Length));
            secrets = all;
        }
    }

    public string Redact(string text)
    {
        var secrets = Volatile.Read(ref this.secrets);
        foreach (var secret in secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }
}
