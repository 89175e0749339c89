using System.IO.Compression;
using Newtonsoft.Json.Linq;
using TargetSalesforce.IntegrationTests.Support;

namespace TargetSalesforce.IntegrationTests.Packaging;

/// <summary>
/// The target as a .NET tool: `dotnet pack` into a local folder, `dotnet tool install --tool-path … --add-source
/// folder` with no other package source, and the installed `target-salesforce` command run as a user runs it.
/// </summary>
internal sealed class DotnetToolTests
{
    private TempFolder folder = null!;
    private string feed = null!;
    private string command = null!;
    private JObject builtAbout = null!;

    [OneTimeSetUp]
    public async Task PackAndInstallAsync()
    {
        folder = new TempFolder();
        var about = await TargetProcess.RunAsync(["--about", "--format", "json"]);
        Assert.That(about.ExitCode, Is.Zero, about.ToString);
        builtAbout = JObject.Parse(about.Stdout);

        feed = Path.Combine(folder.Path, "feed");
        // Its own artifacts folder: the pack never touches the tree's bin/ and obj/, which other tests run from.
        var pack = await PackagingTools.RunAsync(
            ["dotnet", "pack", Path.Combine(RepoPaths.Root, "src", "TargetSalesforce", "TargetSalesforce.csproj"), "-c", "Release",
             "--artifacts-path", Path.Combine(folder.Path, "artifacts"), "-o", feed, "-v:quiet", "-nologo"],
            RepoPaths.Root);
        Assert.That(pack.ExitCode, Is.Zero, pack.ToString);

        // Only the local folder is a source: the install cannot reach, or be confused by, a remote feed.
        var config = folder.File("nuget.config");
        await File.WriteAllTextAsync(config, """<?xml version="1.0" encoding="utf-8"?><configuration><packageSources><clear /></packageSources></configuration>""");
        var tools = Path.Combine(folder.Path, "tools");
        var install = await PackagingTools.RunAsync(
            ["dotnet", "tool", "install", "--tool-path", tools, "--add-source", feed, "--configfile", config, "target-salesforce"],
            folder.Path);
        Assert.That(install.ExitCode, Is.Zero, install.ToString);
        command = Path.Combine(tools, OperatingSystem.IsWindows() ? "target-salesforce.exe" : "target-salesforce");
    }

    [OneTimeTearDown]
    public void RemoveTheFolder() => folder?.Dispose();

    [Test]
    public void The_package_is_a_dotnet_tool_whose_command_is_target_salesforce_at_the_project_version()
    {
        var version = (string)builtAbout["version"]!;
        var package = Path.Combine(feed, $"target-salesforce.{version}.nupkg");
        Assert.That(Directory.GetFiles(feed, "*.nupkg"), Is.EqualTo(new[] { package }));

        using var archive = ZipFile.OpenRead(package);
        using var settings = new StreamReader(archive.Entries.Single(e => e.Name == "DotnetToolSettings.xml").Open());
        Assert.That(settings.ReadToEnd(), Does.Contain("""Name="target-salesforce" """.TrimEnd()));
        using var nuspec = new StreamReader(archive.GetEntry("target-salesforce.nuspec")!.Open());
        Assert.That(nuspec.ReadToEnd(), Does.Contain("""<packageType name="DotnetTool" />"""));
    }

    [Test]
    public async Task The_installed_command_prints_the_version_and_the_same_about_document_as_the_build()
    {
        var version = await PackagingTools.RunAsync([command, "--version"], folder.Path, TimeSpan.FromMinutes(1));
        Assert.That(version.ExitCode, Is.Zero, version.ToString);
        Assert.That(version.Stdout.Trim(), Is.EqualTo($"target-salesforce v{builtAbout["version"]}"));

        var about = await PackagingTools.RunAsync([command, "--about", "--format", "json"], folder.Path, TimeSpan.FromMinutes(1));
        Assert.That(about.ExitCode, Is.Zero, about.ToString);
        Assert.That(JToken.DeepEquals(JObject.Parse(about.Stdout), builtAbout), Is.True, "the tool is the same target: name, version, capabilities, settings");
    }
}
