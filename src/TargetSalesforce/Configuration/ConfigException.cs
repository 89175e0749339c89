namespace TargetSalesforce.Configuration;

/// <summary>The config cannot be used: every problem found, reported together (exit code 2).</summary>
public sealed class ConfigException(IReadOnlyList<ConfigProblem> problems)
    : Exception(Describe(problems))
{
    public IReadOnlyList<ConfigProblem> Problems { get; } = problems;

    private static string Describe(IReadOnlyList<ConfigProblem> problems) =>
        $"The config is invalid ({problems.Count} problem{(problems.Count == 1 ? "" : "s")}):"
        + string.Concat(problems.Select(p => "\n  " + p));
}
