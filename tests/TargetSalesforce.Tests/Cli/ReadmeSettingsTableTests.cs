using TargetSalesforce.Cli;
using TargetSalesforce.Configuration;

namespace TargetSalesforce.Tests.Cli;

/// <summary>
/// The README's settings table is generated (`target-salesforce --about`), never hand-edited:
/// the text between the two markers must equal <see cref="AboutDocument.SettingsTable"/>.
/// </summary>
public class ReadmeSettingsTableTests
{
    private const string Start = "<!-- settings-table:start -->";
    private const string End = "<!-- settings-table:end -->";

    [Test]
    public void Readme_settings_table_matches_the_schema()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "TargetSalesforce.sln")))
        {
            folder = folder.Parent;
        }

        Assert.That(folder, Is.Not.Null, "TargetSalesforce.sln not found above the test output");
        var readme = File.ReadAllText(Path.Combine(folder!.FullName, "README.md"));
        var start = readme.IndexOf(Start, StringComparison.Ordinal);
        var end = readme.IndexOf(End, StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0).And.LessThan(end), "both markers, start before end");
        var table = readme[(start + Start.Length)..end].Trim('\n');
        Assert.That(table, Is.EqualTo(AboutDocument.SettingsTable(SettingsSchema.Instance).TrimEnd('\n')));
    }
}
