using Newtonsoft.Json.Linq;
using TargetSalesforce.Destination;

namespace TargetSalesforce.Configuration;

/// <summary>
/// Turns a normalised, validated config into <see cref="TargetSettings"/>. Unset keys keep the
/// defaults declared on <see cref="TargetSettings"/> (which mirror the schema's).
/// </summary>
public static class SettingsBinder
{
    public static TargetSettings Bind(JObject config)
    {
        var defaults = new TargetSettings { Domain = "", Action = LoadAction.Insert };
        return new TargetSettings
        {
            ClientId = Text(config, "client_id"),
            ClientSecret = Text(config, "client_secret"),
            RefreshToken = Text(config, "refresh_token"),
            Username = Text(config, "username"),
            Password = Text(config, "password"),
            SecurityToken = Text(config, "security_token"),
            PrivateKey = Text(config, "private_key"),
            PrivateKeyFile = Text(config, "private_key_file"),
            AccessToken = Text(config, "access_token"),
            InstanceUrl = Text(config, "instance_url"),
            AuthFlow = AuthFlowChoice.Choose(config).Flow ?? AuthFlow.Auto,
            Domain = Text(config, "domain") ?? throw Missing("domain"),
            Action = ParseAction(Text(config, "action")) ?? throw Missing("action"),
            ExternalIdName = Text(config, "external_id_name") ?? defaults.ExternalIdName,
            AllowFailures = (bool?)config["allow_failures"] ?? defaults.AllowFailures,
            TableName = Text(config, "table_name"),
            MageTable = Text(config, "table"),
            ApiVersion = Text(config, "api_version") ?? defaults.ApiVersion,
            Streams = BindStreams(config["streams"] as JObject),
            ValidateRecords = (bool?)config["validate_records"] ?? defaults.ValidateRecords,
            BatchSizeRows = (int?)config["batch_size_rows"] ?? defaults.BatchSizeRows,
            BatchSizeBytes = (long?)config["batch_size_bytes"] ?? defaults.BatchSizeBytes,
            BatchWaitLimitSeconds = (double?)config["batch_wait_limit_seconds"] ?? defaults.BatchWaitLimitSeconds,
            LockAwareOrdering = (bool?)config["lock_aware_ordering"] ?? defaults.LockAwareOrdering,
            BalanceFinalJobs = (bool?)config["balance_final_jobs"] ?? defaults.BalanceFinalJobs,
            MaxParallelJobs = (int?)config["max_parallel_jobs"] ?? defaults.MaxParallelJobs,
            RestThresholdRows = (int?)config["rest_threshold_rows"] ?? defaults.RestThresholdRows,
            MaxApiUsagePercent = (int?)config["max_api_usage_percent"] ?? defaults.MaxApiUsagePercent,
            MaxBulkBatchUsagePercent = (int?)config["max_bulk_batch_usage_percent"] ?? defaults.MaxBulkBatchUsagePercent,
            LogFormat = Text(config, "log_format") == "json" ? LogFormat.Json : defaults.LogFormat,
            UnknownFields = Text(config, "unknown_fields") == "fail" ? UnknownFieldPolicy.Fail : defaults.UnknownFields,
            PollIntervalSeconds = (double?)config["poll_interval_seconds"] ?? defaults.PollIntervalSeconds,
            PollMaxIntervalSeconds = (double?)config["poll_max_interval_seconds"] ?? defaults.PollMaxIntervalSeconds,
            JobTimeoutSeconds = (double?)config["job_timeout_seconds"] ?? defaults.JobTimeoutSeconds,
            RequestTimeoutSeconds = (double?)config["request_timeout_seconds"] ?? defaults.RequestTimeoutSeconds,
            RejectFile = Text(config, "reject_file"),
            ResultsFile = Text(config, "results_file"),
            ProcessDeletes = (bool?)config["process_deletes"] ?? defaults.ProcessDeletes,
            ActivateVersion = Text(config, "activate_version") switch
            {
                "delete_missing" => VersionMode.DeleteMissing,
                "soft_delete_field" => VersionMode.SoftDeleteField,
                _ => defaults.ActivateVersion,
            },
            SoftDeleteField = Text(config, "soft_delete_field"),
            MaxDeleteFraction = (double?)config["max_delete_fraction"] ?? defaults.MaxDeleteFraction,
            ProgressIntervalSeconds = (double?)config["progress_interval_seconds"] ?? defaults.ProgressIntervalSeconds,
            LockRetryAttempts = (int?)config["lock_retry_attempts"] ?? defaults.LockRetryAttempts,
            AssignmentRuleId = Text(config, "assignment_rule_id"),
        };
    }

    /// <summary>`insert`, `Upsert`, `hard_delete`… to <see cref="LoadAction"/>; null for anything else.</summary>
    public static LoadAction? ParseAction(string? value) => value?.ToLowerInvariant() switch
    {
        "insert" => LoadAction.Insert,
        "update" => LoadAction.Update,
        "upsert" => LoadAction.Upsert,
        "delete" => LoadAction.Delete,
        "hard_delete" => LoadAction.HardDelete,
        _ => null,
    };

    private static Dictionary<string, StreamOverride> BindStreams(JObject? streams)
    {
        var result = new Dictionary<string, StreamOverride>(StringComparer.Ordinal);
        foreach (var stream in streams?.Properties() ?? [])
        {
            if (stream.Value is JObject overrides)
            {
                result[stream.Name] = new StreamOverride(
                    Text(overrides, "object"),
                    ParseAction(Text(overrides, "action")),
                    Text(overrides, "external_id_name"),
                    Text(overrides, "scope"),
                    Text(overrides, "soft_delete_field"),
                    BindFields(overrides["fields"] as JObject),
                    Text(overrides, "assignment_rule_id"));
            }
        }

        return result;
    }

    /// <summary>`fields`: property → field name; a null (or empty) target drops the property.</summary>
    private static Dictionary<string, string?>? BindFields(JObject? fields)
    {
        if (fields is null)
        {
            return null;
        }

        var map = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var entry in fields.Properties())
        {
            map[entry.Name] = ConfigNormaliser.IsUnset(entry.Value) ? null : ((string?)entry.Value)?.Trim();
        }

        return map;
    }

    private static string? Text(JObject config, string key) =>
        ConfigNormaliser.IsUnset(config[key]) ? null : (string?)config[key];

    private static InvalidOperationException Missing(string key) =>
        new($"The config was bound before validation: {key} is missing.");
}
