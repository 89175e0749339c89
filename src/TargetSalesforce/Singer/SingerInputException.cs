namespace TargetSalesforce.Singer;

/// <summary>The input breaks the Singer protocol at a known line: fatal for the run.</summary>
public sealed class SingerInputException(long line, string message) : Exception($"line {line}: {message}")
{
    /// <summary>The 1-based input line the problem is on.</summary>
    public long Line { get; } = line;
}
