using TargetSalesforce.Cli;

namespace TargetSalesforce.Tests.Architecture;

/// <summary>The scan behind the dependency rules sees a reference however the source wrote it, so the rules cannot pass by blindness.</summary>
public class NamespaceReferencesTests
{
    private const string Samples = "TargetSalesforce.Tests.Architecture.Samples";

    private static readonly Lazy<NamespaceReferences> SampleReferences =
        new(() => NamespaceReferences.Of(typeof(NamespaceReferencesTests).Assembly, Samples));

    [TestCase("BodyOnly")]
    [TestCase("LambdaOnly")]
    [TestCase("AsyncOnly")]
    [TestCase("GenericArgumentOnly")]
    public void A_reference_is_seen_however_it_is_written(string sample)
    {
        Assert.That(SampleReferences.Value.Edges.Keys, Does.Contain(($"{Samples}.{sample}", $"{Samples}.Upstream")));
    }

    [Test]
    public void Only_the_references_made_are_seen()
    {
        Assert.That(SampleReferences.Value.Edges.Keys.Select(edge => edge.From), Does.Not.Contain($"{Samples}.Upstream"));
    }

    [Test]
    public void Arrows_the_target_has_are_seen_in_it()
    {
        var edges = NamespaceReferences.Of(typeof(TargetApp).Assembly, "TargetSalesforce").Edges.Keys;

        Assert.That(edges, Does.Contain(("TargetSalesforce.Salesforce.Api", "TargetSalesforce.Salesforce.Auth")));
        Assert.That(edges, Does.Contain(("TargetSalesforce.Loading.Buffering", "TargetSalesforce.Destination")));
        Assert.That(edges, Does.Contain(("TargetSalesforce.Cli", "TargetSalesforce.Salesforce")));
    }
}
