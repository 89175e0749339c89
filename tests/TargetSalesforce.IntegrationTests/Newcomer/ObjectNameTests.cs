using TargetSalesforce.IntegrationTests.Support;

namespace TargetSalesforce.IntegrationTests.Newcomer;

/// <summary>A stream whose name is not an object: the error names the closest objects, and nothing is loaded.</summary>
internal sealed class ObjectNameTests : EmulatorTestBase
{
    [Test]
    public async Task A_stream_named_after_a_plural_label_points_to_the_object_and_loads_nothing()
    {
        var input = new SingerStream()
            .Schema("contacts", SingerStream.ObjectSchema(new Dictionary<string, string> { ["LastName"] = "string" }))
            .Record("contacts", new { LastName = "Lovelace" });

        var result = await RunTargetAsync(input, new { action = "insert" });

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString);
        Assert.That(result.Stderr, Does.Contain("'contacts' does not exist").And.Contain("Closest objects: Contact (label Contact, plural Contacts)"));
        Assert.That(result.Stderr, Does.Contain("streams.<stream>.object"));
        Assert.That(await Org.CountAsync("Contact"), Is.Zero, "never loads into a guessed object");
    }
}
