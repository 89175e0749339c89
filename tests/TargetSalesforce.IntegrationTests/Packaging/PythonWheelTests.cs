using System.IO.Compression;
using System.Text;
using Newtonsoft.Json.Linq;
using TargetSalesforce.IntegrationTests.Support;
using YamlDotNet.Serialization;

namespace TargetSalesforce.IntegrationTests.Packaging;

/// <summary>
/// `packaging/python/build-wheel` as a Meltano user meets it: the linux-x64 wheel is built, pip installs it
/// into a fresh virtual environment with no index, and the executable in that environment's bin/ loads
/// records into the emulator. The publish skips ReadyToRun (`--no-ready-to-run`) to save CI about a minute
/// and a half; everything else is the release build.
/// </summary>
[Platform(Include = "Linux", Reason = "the test builds and runs the linux-x64 wheel")]
internal sealed class PythonWheelTests : EmulatorTestBase
{
    private const string PlatformTag = "manylinux_2_27_x86_64";

    private TempFolder folder = null!;
    private string wheel = null!;
    private string venv = null!;
    private string version = null!;

    private string InstalledExecutable => Path.Combine(venv, "bin", "target-salesforce");

    [OneTimeSetUp]
    public async Task BuildAndInstallTheWheelAsync()
    {
        var python = await PackagingTools.PythonAsync();
        folder = new TempFolder();
        version = await BuiltTargetVersionAsync();

        var dist = Path.Combine(folder.Path, "dist");
        var build = await PackagingTools.RunAsync(
            [python, Path.Combine(RepoPaths.Root, "packaging", "python", "build-wheel"), "--rid", "linux-x64", "--output", dist, "--no-ready-to-run"],
            RepoPaths.Root);
        Assert.That(build.ExitCode, Is.Zero, build.ToString);
        wheel = Directory.GetFiles(dist, "*.whl").Single();
        Assert.That(build.Stdout.Trim(), Is.EqualTo(wheel), "build-wheel prints the wheel it made");

        venv = Path.Combine(folder.Path, "venv");
        var create = await PackagingTools.RunAsync([python, "-m", "venv", venv], folder.Path);
        Assert.That(create.ExitCode, Is.Zero, create.ToString);
        var install = await PackagingTools.RunAsync([Path.Combine(venv, "bin", "python"), "-m", "pip", "install", "--no-index", "--quiet", wheel], folder.Path);
        Assert.That(install.ExitCode, Is.Zero, install.ToString);
    }

    [OneTimeTearDown]
    public void RemoveTheFolder() => folder?.Dispose();

    [Test]
    public void The_wheel_is_named_for_the_project_version_and_the_platform_and_carries_only_the_executable()
    {
        Assert.That(Path.GetFileName(wheel), Is.EqualTo($"target_salesforce-{version}-py3-none-{PlatformTag}.whl"));

        using var archive = ZipFile.OpenRead(wheel);
        var payload = archive.Entries.Where(e => !e.FullName.Contains(".dist-info/", StringComparison.Ordinal)).ToList();
        Assert.That(payload.Select(e => e.FullName), Is.EqualTo(new[] { $"target_salesforce-{version}.data/scripts/target-salesforce" }),
            "one file, in the scripts folder pip installs into bin/, and no Python");
        Assert.That((payload[0].ExternalAttributes >> 16) & 0b111_111_111, Is.EqualTo(0b111_101_101), "stored as rwxr-xr-x, so pip installs it executable");
        Assert.That(Read(archive, $"target_salesforce-{version}.dist-info/WHEEL"), Does.Contain($"Tag: py3-none-{PlatformTag}\n"));
        Assert.That(Read(archive, $"target_salesforce-{version}.dist-info/METADATA"), Does.Contain("Name: target-salesforce\n").And.Contain($"Version: {version}\n"));
    }

    [Test]
    public async Task Pip_puts_the_native_executable_itself_into_bin_and_it_prints_the_version()
    {
        var head = new byte[4];
        await using (var file = File.OpenRead(InstalledExecutable))
        {
            await file.ReadExactlyAsync(head);
        }

        Assert.That(head, Is.EqualTo("\u007fELF"u8.ToArray()), "the native executable, not a Python launcher script");
        var result = await PackagingTools.RunAsync([InstalledExecutable, "--version"], folder.Path);
        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(result.Stdout.Trim(), Is.EqualTo($"target-salesforce v{version}"));
    }

    [Test]
    public async Task The_executable_in_the_virtual_environment_loads_records_and_emits_the_state()
    {
        var schema = SingerStream.ObjectSchema(new Dictionary<string, string> { ["External_Id__c"] = "string", ["Name"] = "string" });
        var input = new SingerStream().Schema("accounts", schema)
            .Record("accounts", new { External_Id__c = "W-1", Name = "Wheel One" })
            .Record("accounts", new { External_Id__c = "W-2", Name = "Wheel Two" })
            .State(new { bookmarks = new { accounts = 2 } });
        using var config = TargetConfig.For(Emulator.BaseUrl, new { action = "upsert", external_id_name = "External_Id__c", table_name = "Account" });

        var result = await TargetProcess.RunAsync(["--config", config.Path], input.ToString(), launch: new TargetLaunch { Command = [InstalledExecutable] });

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        var names = (await Org.QueryAsync("SELECT External_Id__c, Name FROM Account ORDER BY External_Id__c")).Select(r => $"{r["External_Id__c"]}:{r["Name"]}");
        Assert.That(names, Is.EqualTo(new[] { "W-1:Wheel One", "W-2:Wheel Two" }));
        Assert.That(result.StdoutLines, Is.EqualTo(new[] { """{"bookmarks":{"accounts":2}}""" }));
    }

    [Test]
    public async Task The_meltano_example_pip_url_finds_the_wheel_in_the_project_dist_folder_with_no_index()
    {
        // What `meltano install` does with the example: `pip install <pip_url>` from the project's folder.
        var meltanoYml = new DeserializerBuilder().Build().Deserialize<Dictionary<string, object>>(
            await File.ReadAllTextAsync(Path.Combine(RepoPaths.Examples, "meltano", "meltano.yml")));
        var loaders = (List<object>)((Dictionary<object, object>)meltanoYml["plugins"])["loaders"];
        var loader = loaders.Cast<Dictionary<object, object>>().Single(l => (string)l["name"] == "target-salesforce");
        var pipUrl = ((string)loader["pip_url"]).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(pipUrl, Does.Contain("--no-index"), "the example installs without any index");

        var project = Path.Combine(folder.Path, "meltano-project");
        Directory.CreateDirectory(Path.Combine(project, "dist"));
        File.Copy(wheel, Path.Combine(project, "dist", Path.GetFileName(wheel)));
        var report = Path.Combine(folder.Path, "pip-report.json");
        var resolve = await PackagingTools.RunAsync(
            [Path.Combine(venv, "bin", "python"), "-m", "pip", "install", "--dry-run", "--ignore-installed", "--quiet", "--report", report, .. pipUrl],
            project);

        Assert.That(resolve.ExitCode, Is.Zero, resolve.ToString);
        var chosen = (JArray)JObject.Parse(await File.ReadAllTextAsync(report))["install"]!;
        Assert.That(chosen.Select(i => (string?)i["download_info"]?["url"]), Is.EqualTo(new[] { new Uri(Path.Combine(project, "dist", Path.GetFileName(wheel))).AbsoluteUri }));
    }

    private static async Task<string> BuiltTargetVersionAsync()
    {
        var about = await TargetProcess.RunAsync(["--about", "--format", "json"]);
        Assert.That(about.ExitCode, Is.Zero, about.ToString);
        return (string)JObject.Parse(about.Stdout)["version"]!;
    }

    private static string Read(ZipArchive archive, string name)
    {
        using var reader = new StreamReader(archive.GetEntry(name)!.Open(), Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
