namespace TargetSalesforce.Configuration;

/// <summary>
/// One thing wrong with the config, named by its key (or the file or flag it came from).
/// Messages never carry a secret's value.
/// </summary>
/// <param name="Key">The setting (`action`, `streams.accounts.action`), or the source (`--config a.json`).</param>
/// <param name="Message">What is wrong and, where it helps, what to do.</param>
public sealed record ConfigProblem(string Key, string Message)
{
    public override string ToString() => $"config: {Key}: {Message}";
}
