namespace TargetSalesforce.Tests.Architecture.Samples.Upstream;

/// <summary>What the other samples name, each in one way only (see <see cref="NamespaceReferencesTests"/>).</summary>
internal sealed class Marker
{
    public static int Count => 1;
}
