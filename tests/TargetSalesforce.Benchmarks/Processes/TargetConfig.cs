using System.Text.Json;
using System.Text.Json.Nodes;
using TargetSalesforce.Benchmarks.Input;

namespace TargetSalesforce.Benchmarks.Processes;

/// <summary>
/// The target's config for a benchmark run: the emulator's default OAuth credentials, its URL as
/// the domain, the run's action, and every other setting at the target's default unless the user
/// overrides it with --target-arg. Written owner-only, as any file with credentials should be.
/// </summary>
public static class TargetConfig
{
    /// <summary>The emulator's documented default credentials (not secrets of any real org).</summary>
    private const string ClientId = "emulator-client";
    private const string ClientSecret = "emulator-secret";
    private const string RefreshToken = "emulator-refresh-token";

    /// <summary>
    /// The lock-heavy run's config: streams named after their objects (Account, Contact), upserted on External_Id__c;
    /// no lock retries, failures reported to <paramref name="rejectFile"/>, so the lock failures can be counted.
    /// </summary>
    public static void WriteLockHeavy(string path, BenchmarkOptions options, Uri emulator, bool lockAwareOrdering, string rejectFile)
    {
        var config = new JsonObject
        {
            ["client_id"] = ClientId,
            ["client_secret"] = ClientSecret,
            ["refresh_token"] = RefreshToken,
            ["domain"] = emulator.ToString().TrimEnd('/'),
            ["action"] = "upsert",
            ["external_id_name"] = ContactRecords.KeyField,
            ["allow_failures"] = true,
            ["lock_retry_attempts"] = 0,
            ["reject_file"] = rejectFile,
            ["lock_aware_ordering"] = lockAwareOrdering,
        };
        foreach (var (key, text) in options.TargetSettings)
        {
            config[key] = ParseValue(text);
        }

        Save(path, config);
    }

    /// <param name="processDeletes">The CDC run: records with `_sdc_deleted_at` set are deleted (by external id).</param>
    public static void Write(string path, BenchmarkOptions options, Uri emulator, bool processDeletes = false)
    {
        var config = new JsonObject
        {
            ["client_id"] = ClientId,
            ["client_secret"] = ClientSecret,
            ["refresh_token"] = RefreshToken,
            ["domain"] = emulator.ToString().TrimEnd('/'),
            ["action"] = options.Action,
            // The stream is `contacts`, as a tap names it; the object is chosen here, as a user would.
            ["table_name"] = ContactRecords.SalesforceObject,
            // Explicit, not left to the default: the stream carries three tap columns Contact lacks.
            ["unknown_fields"] = "warn",
            ["allow_failures"] = false,
        };
        if (options.IsUpsert)
        {
            config["external_id_name"] = ContactRecords.KeyField;
        }

        if (processDeletes)
        {
            config["process_deletes"] = true;
        }

        foreach (var (key, text) in options.TargetSettings)
        {
            config[key] = ParseValue(text);
        }

        Save(path, config);
    }

    private static void Save(string path, JsonObject config)
    {
        var file = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            file.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var writer = new StreamWriter(path, file);
        writer.Write(config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>`4` → 4, `true` → true, `null` → null, `{"a":1}` → an object; anything else is the string itself.</summary>
    private static JsonNode? ParseValue(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }
}
