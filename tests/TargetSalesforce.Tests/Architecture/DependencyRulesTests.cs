using TargetSalesforce.Cli;

namespace TargetSalesforce.Tests.Architecture;

/// <summary>
/// The arrows of ARCHITECTURE.md, checked on the compiled target: each room uses only the rooms it may, and no
/// namespaces use each other in a circle, at any depth. A new room, or a new arrow, is added here and there together.
/// </summary>
public class DependencyRulesTests
{
    private const string Root = "TargetSalesforce";

    /// <summary>The top-level rooms and the rooms each may use (besides itself and its sub-rooms).</summary>
    private static readonly Dictionary<string, string[]> MayUse = new(StringComparer.Ordinal)
    {
        ["Destination"] = [],
        ["Singer"] = [],
        ["Output"] = [],
        ["Naming"] = [],
        ["Diagnostics"] = [],
        ["Configuration"] = ["Destination", "Naming", "Diagnostics"],
        ["Logging"] = ["Configuration"],
        ["Salesforce"] = ["Destination", "Naming", "Diagnostics"],
        ["Loading"] = ["Destination", "Singer", "Output", "Logging", "Naming", "Diagnostics"],
        ["Cli"] = ["Configuration", "Destination", "Diagnostics", "Loading", "Logging", "Naming", "Output", "Salesforce", "Singer"],
    };

    private static readonly Lazy<NamespaceReferences> Target = new(() => NamespaceReferences.Of(typeof(TargetApp).Assembly, Root));

    [Test]
    public void Every_namespace_lies_in_a_known_room()
    {
        var unknown = Target.Value.Namespaces.Where(ns => !MayUse.ContainsKey(RoomOf(ns))).ToList();

        Assert.That(unknown, Is.Empty, "a new room needs its rules here and its paragraph in ARCHITECTURE.md");
    }

    [Test]
    public void Each_room_uses_only_the_rooms_it_may()
    {
        var violations = Target.Value.Edges
            .Where(edge => RoomOf(edge.Key.From) != RoomOf(edge.Key.To))
            .Where(edge => !MayUse.TryGetValue(RoomOf(edge.Key.From), out var allowed) || !allowed.Contains(RoomOf(edge.Key.To)))
            .Select(edge => $"{RoomOf(edge.Key.From)} → {RoomOf(edge.Key.To)}: {edge.Value}")
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.That(violations, Is.Empty);
    }

    [Test]
    public void No_namespaces_use_each_other_in_a_circle()
    {
        Assert.That(NamespaceCycles.Find(Target.Value), Is.Empty);
    }

    [Test]
    public void The_allowed_arrows_themselves_form_no_circle()
    {
        var arrows = MayUse.SelectMany(room => room.Value.Select(used => (room.Key, used))).ToHashSet();

        Assert.That(NamespaceCycles.FindAmong(MayUse.Keys, arrows), Is.Empty);
    }

    /// <summary>`TargetSalesforce.Loading.Jobs` lies in the room `Loading`.</summary>
    private static string RoomOf(string ns)
    {
        var rest = ns.Length > Root.Length ? ns[(Root.Length + 1)..] : string.Empty;
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }
}
