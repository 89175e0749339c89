namespace TargetSalesforce.Tests.Architecture.Samples.LambdaOnly;

/// <summary>Names Upstream only inside a lambda (a method of a compiler-made type), partly qualified.</summary>
internal static class Deferred
{
    public static Func<int> Count() => () => Upstream.Marker.Count;
}
