using System.Text;
using TargetSalesforce.Output;

namespace TargetSalesforce.Tests.Output;

public class StateOutputTests
{
    private string folder = "";

    [SetUp]
    public void CreateFolder() => folder = Directory.CreateTempSubdirectory("state-output-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    [Test]
    public void Stdout_gets_one_line_per_state_flushed_at_once()
    {
        var stdout = new FlushCountingWriter();
        var output = new StdoutStateOutput(stdout);

        output.Write("{\"bookmarks\":{\"a\":1}}");
        Assert.That(stdout.FlushedText, Is.EqualTo("{\"bookmarks\":{\"a\":1}}\n"), "flushed before the next state");
        output.Write("{\"bookmarks\":{\"a\":2}}");

        Assert.That(stdout.FlushedText, Is.EqualTo("{\"bookmarks\":{\"a\":1}}\n{\"bookmarks\":{\"a\":2}}\n"));
    }

    [Test]
    public void A_state_with_line_breaks_is_compacted_without_touching_its_values()
    {
        var stdout = new FlushCountingWriter();

        new StdoutStateOutput(stdout).Write("{\n  \"since\": \"2026-01-02T03:04:05.000+01:00\",\n  \"n\": 1.50\n}");

        Assert.That(stdout.FlushedText, Is.EqualTo("{\"since\":\"2026-01-02T03:04:05.000+01:00\",\"n\":1.50}\n"));
    }

    [Test]
    public void The_state_file_holds_only_the_latest_state_and_no_temporary_file_remains()
    {
        var path = Path.Combine(folder, "state.json");
        File.WriteAllText(path, "{\"bookmarks\": {}}\n{\"old\": true}\n");
        var output = new StateFileOutput(path);

        output.Write("{\"bookmarks\":{\"a\":1}}");
        output.Write("{\"bookmarks\":{\"a\":2}}");

        Assert.That(File.ReadAllText(path), Is.EqualTo("{\"bookmarks\":{\"a\":2}}\n"));
        Assert.That(Directory.GetFiles(folder), Is.EqualTo(new[] { path }));
    }

    [Test]
    public void The_state_file_is_replaced_not_rewritten_in_place()
    {
        var path = Path.Combine(folder, "state.json");
        File.WriteAllText(path, "{\"old\":true}\n");
        // A reader that opened the old file keeps reading the old, whole document: the new state is a new file.
        using var reader = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

        new StateFileOutput(path).Write("{\"new\":true}");

        using var text = new StreamReader(reader);
        Assert.That(text.ReadToEnd(), Is.EqualTo("{\"old\":true}\n"));
        Assert.That(File.ReadAllText(path), Is.EqualTo("{\"new\":true}\n"));
    }

    [Test]
    public void A_state_that_cannot_be_written_leaves_the_previous_file_whole()
    {
        var path = Path.Combine(folder, "state.json");
        File.WriteAllText(path, "{\"old\":true}\n");

        Assert.That(() => new StateFileOutput(path).Write("{\n\"broken\": "), Throws.Exception);

        Assert.That(File.ReadAllText(path), Is.EqualTo("{\"old\":true}\n"));
        Assert.That(Directory.GetFiles(folder), Has.Length.EqualTo(1));
    }

    [Test]
    public void The_state_file_is_utf8_without_bom()
    {
        var path = Path.Combine(folder, "state.json");

        new StateFileOutput(path).Write("{\"name\":\"Zoë\"}");

        Assert.That(File.ReadAllBytes(path), Is.EqualTo(Encoding.UTF8.GetBytes("{\"name\":\"Zoë\"}\n")));
    }

    /// <summary>Records only what was flushed, so a missing flush shows as missing text.</summary>
    private sealed class FlushCountingWriter : StringWriter
    {
        private readonly StringBuilder flushed = new();
        private int flushedLength;

        public string FlushedText => flushed.ToString();

        public override void Flush()
        {
            var all = GetStringBuilder().ToString();
            flushed.Append(all[flushedLength..]);
            flushedLength = all.Length;
        }
    }
}
