using Newtonsoft.Json.Linq;
using System.Runtime.Versioning;
using TargetSalesforce.Cli;

namespace TargetSalesforce.Tests.Cli;

// File modes are what these tests check: POSIX only.
[UnsupportedOSPlatform("windows")]
public class LoginConfigFileTests
{
    private string folder = null!;

    [SetUp]
    public void MakeFolder() => folder = Directory.CreateTempSubdirectory("login-config-").FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(folder, recursive: true);

    private static readonly Dictionary<string, string> Obtained = new()
    {
        ["auth_flow"] = "refresh_token", ["client_id"] = "3MVG9", ["refresh_token"] = "5Aep861-new", ["domain"] = "acme.my",
    };

    [Test]
    public void A_new_file_holds_the_settings_and_only_its_owner_may_read_it()
    {
        var path = Path.Combine(folder, "target.json");

        LoginConfigFile.Write(path, Obtained);

        Assert.That(JObject.Parse(File.ReadAllText(path)).Properties().Select(p => p.Name), Is.EqualTo(Obtained.Keys));
        Assert.That(File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.That(Directory.GetFiles(folder), Has.Length.EqualTo(1), "no temporary file is left behind");
    }

    [Test]
    public void An_existing_config_keeps_its_other_settings_and_becomes_private()
    {
        var path = Path.Combine(folder, "target.json");
        File.WriteAllText(path, """{"action":"upsert","refresh_token":"5Aep861-old","streams":{"a":{"object":"Account"}}}""");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        LoginConfigFile.Write(path, Obtained);

        var config = JObject.Parse(File.ReadAllText(path));
        Assert.That((string?)config["action"], Is.EqualTo("upsert"));
        Assert.That((string?)config["refresh_token"], Is.EqualTo("5Aep861-new"));
        Assert.That((string?)config["streams"]!["a"]!["object"], Is.EqualTo("Account"));
        Assert.That(File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    [Test]
    public void A_file_that_is_not_a_json_config_is_left_alone_and_not_quoted()
    {
        var path = Path.Combine(folder, "notes.txt");
        File.WriteAllText(path, "password=hunter2-secret");

        var error = Assert.Throws<IOException>(() => LoginConfigFile.Write(path, Obtained));

        Assert.That(error!.Message, Does.Contain("is not a JSON config").And.Not.Contain("hunter2"));
        Assert.That(File.ReadAllText(path), Is.EqualTo("password=hunter2-secret"));
    }
}
