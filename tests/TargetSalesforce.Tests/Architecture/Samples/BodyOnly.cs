namespace TargetSalesforce.Tests.Architecture.Samples.BodyOnly;

/// <summary>Names Upstream only inside a method body, fully qualified, with no using.</summary>
internal static class Reader
{
    public static int Read() => global::TargetSalesforce.Tests.Architecture.Samples.Upstream.Marker.Count;
}
