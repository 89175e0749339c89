using System.Reflection;

namespace TargetSalesforce.Cli;

/// <summary>The target's name, version and one-line description, as `--version` and `--about` print them.</summary>
public static class ProductInfo
{
    public const string Name = "target-salesforce";

    public const string Description =
        "Loads records from any Singer tap into Salesforce through the Bulk API 2.0 (Singer, Meltano and Mage compatible).";

    /// <summary>The assembly's version (`Version` in the csproj), without the source-revision suffix.</summary>
    public static string Version { get; } =
        (typeof(ProductInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? "0.0.0").Split('+')[0];

    /// <summary>Capabilities the target really has, in Meltano's vocabulary.</summary>
    public static IReadOnlyList<string> Capabilities { get; } =
    [
        "about",                // --about --format json|markdown
        "batch",                // BATCH messages naming local JSONL files
        "activate-version",     // with activate_version set (and a scope), a version's missing rows are deleted or marked; README "Deletes"
        "hard-delete",          // action hard_delete (and process_deletes with it)
        "validate-records",     // validate_records, on by default
        "structured-logging",   // log_format json
    ];
}
