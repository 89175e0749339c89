namespace TargetSalesforce.Tests.Architecture.Samples.GenericArgumentOnly;

/// <summary>Names Upstream only as the type argument of a framework type, in a method body.</summary>
internal static class Lists
{
    public static int Count() => new List<Upstream.Marker>().Count;
}
