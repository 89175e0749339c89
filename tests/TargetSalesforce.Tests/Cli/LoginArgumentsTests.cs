using TargetSalesforce.Cli;

namespace TargetSalesforce.Tests.Cli;

public class LoginArgumentsTests
{
    [Test]
    public void Flags_are_read_in_both_forms_with_the_documented_defaults()
    {
        var parsed = LoginArguments.Parse(["--client-id", "3MVG9", "--output=target.json"]);

        Assert.That(parsed.ClientId, Is.EqualTo("3MVG9"));
        Assert.That(parsed.OutputFile, Is.EqualTo("target.json"));
        Assert.That(parsed.Domain, Is.EqualTo("login"));
        Assert.That(parsed.Port, Is.EqualTo(1717));
        Assert.That(parsed.NoBrowser, Is.False);
    }

    [Test]
    public void Every_flag_is_taken()
    {
        var parsed = LoginArguments.Parse(["--client-id", "k", "--output", "o.json", "--domain", "acme.my", "--port", "0", "--no-browser"]);

        Assert.That(parsed, Is.EqualTo(new LoginArguments { ClientId = "k", OutputFile = "o.json", Domain = "acme.my", Port = 0, NoBrowser = true }));
    }

    [TestCase(new[] { "--output", "o.json" }, "--client-id is required")]
    [TestCase(new string[0], "--client-id and --output are required")]
    [TestCase(new[] { "--client-id", "k", "--output", "o", "--port", "70000" }, "--port must be a port number")]
    [TestCase(new[] { "--client-id", "k", "--output", "o", "--port", "-1" }, "--port must be a port number")]
    [TestCase(new[] { "--client-id", "k", "--output", "o", "--config", "x" }, "unknown option --config")]
    [TestCase(new[] { "--client-id" }, "--client-id needs a value")]
    [TestCase(new[] { "--client-id", "k", "--output", "o", "--client-secret", "s3cret" }, "never a flag")]
    public void Bad_flags_are_usage_errors(string[] args, string message)
    {
        var error = Assert.Throws<UsageException>(() => LoginArguments.Parse(args));

        Assert.That(error!.Message, Does.Contain(message));
        Assert.That(error.Message, Does.Not.Contain("s3cret"));
    }

    [Test]
    public void Help_needs_no_other_flag()
    {
        Assert.That(LoginArguments.Parse(["--help"]).Help, Is.True);
    }
}
