using Newtonsoft.Json.Linq;
using TargetSalesforce.Logging;

namespace TargetSalesforce.Tests.Logging;

public class LogValueJsonTests
{
    private enum Stage
    {
        Loading,
    }

    [Test]
    public void JSON_kinds_keep_their_kind()
    {
        Assert.Multiple(() =>
        {
            Assert.That(LogValueJson.From(null).Type, Is.EqualTo(JTokenType.Null));
            Assert.That(LogValueJson.From("text").ToString(Newtonsoft.Json.Formatting.None), Is.EqualTo("\"text\""));
            Assert.That(LogValueJson.From(42).Type, Is.EqualTo(JTokenType.Integer));
            Assert.That(LogValueJson.From(42L).Type, Is.EqualTo(JTokenType.Integer));
            Assert.That(LogValueJson.From(1.5).Type, Is.EqualTo(JTokenType.Float));
            Assert.That(LogValueJson.From(2.25m).Type, Is.EqualTo(JTokenType.Float));
            Assert.That(LogValueJson.From(true).Type, Is.EqualTo(JTokenType.Boolean));
            Assert.That(LogValueJson.From(TimeSpan.FromSeconds(3)).Type, Is.EqualTo(JTokenType.TimeSpan));
        });
    }

    [Test]
    public void Dictionaries_become_objects_and_lists_arrays()
    {
        var value = new Dictionary<string, object?> { ["jobs"] = 3, ["objects"] = new[] { "Account", "Contact" }, ["none"] = null };

        Assert.That(LogValueJson.From(value).ToString(Newtonsoft.Json.Formatting.None),
            Is.EqualTo("""{"jobs":3,"objects":["Account","Contact"],"none":null}"""));
    }

    [Test]
    public void An_enum_is_its_name_and_any_other_object_its_text()
    {
        Assert.Multiple(() =>
        {
            Assert.That((string?)LogValueJson.From(Stage.Loading), Is.EqualTo("Loading"));
            Assert.That((string?)LogValueJson.From(new Version(1, 2)), Is.EqualTo("1.2"));
        });
    }

    [Test]
    public void Metric_tags_are_written_without_reflection_over_them()
    {
        var metric = MetricPoint.Counter("record_count", 7, new Dictionary<string, object?> { ["endpoint"] = "contacts", ["status"] = "succeeded" });

        Assert.That(metric.ToString(), Is.EqualTo("""METRIC: {"type":"counter","metric":"record_count","value":7,"tags":{"endpoint":"contacts","status":"succeeded"}}"""));
    }
}
