namespace TargetSalesforce.Benchmarks;

/// <summary>A run that cannot produce honest figures; Program prints the message and exits non-zero.</summary>
public sealed class BenchmarkFailedException(string message) : Exception(message);
