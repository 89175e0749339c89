using Newtonsoft.Json.Linq;

namespace TargetSalesforce.IntegrationTests.Support;

/// <summary>
/// The example org (`examples/org.json`) as a test changes it, written to a file of its own for an emulator. Its
/// credentials are left out: the built-in apps and users stay, and the file's relative key paths would not resolve
/// from the temp folder.
/// </summary>
internal static class ExampleOrgFile
{
    /// <summary>Writes the example org, after <paramref name="change"/>, to a new temp file and returns its path.</summary>
    public static string Write(string name, Action<JObject> change)
    {
        var org = JObject.Parse(File.ReadAllText(Path.Combine(RepoPaths.Examples, "org.json")));
        org.Remove("credentials");
        change(org);
        var path = Path.Combine(Path.GetTempPath(), $"{name}-org-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, org.ToString());
        return path;
    }

    /// <summary>The object of that name in an org document.</summary>
    public static JObject Object(JObject org, string name) => (JObject)((JArray)org["objects"]!).First(o => (string?)o["name"] == name);
}
