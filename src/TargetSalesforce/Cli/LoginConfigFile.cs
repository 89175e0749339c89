using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace TargetSalesforce.Cli;

/// <summary>
/// Writes the settings `login` obtained into a config file readable by its owner alone (mode 600):
/// a new file, or an existing JSON config with these keys set and every other setting kept. The file
/// is replaced whole (a temporary file renamed over it), so a crash never leaves half a config.
/// </summary>
public static class LoginConfigFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <exception cref="IOException">The existing file is not a JSON object, or the folder cannot be written.</exception>
    public static void Write(string path, IReadOnlyDictionary<string, string> settings)
    {
        var config = new JObject();
        if (File.Exists(path))
        {
            try
            {
                config = JObject.Parse(File.ReadAllText(path));
            }
            catch (JsonException)
            {
                // Never quote the file: it may hold secrets.
                throw new IOException($"{path} exists and is not a JSON config; it was left as it was. Choose another --output.");
            }
        }

        foreach (var (key, value) in settings)
        {
            config[key] = value;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(config.ToString(Formatting.Indented) + "\n"));
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
