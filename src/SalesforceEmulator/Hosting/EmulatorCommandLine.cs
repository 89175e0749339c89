using System.Globalization;
using SalesforceEmulator.Rest;

namespace SalesforceEmulator.Hosting;

/// <summary>The emulator's command line: flags to <see cref="EmulatorOptions"/>, or a help request, or an error.</summary>
public sealed record EmulatorCommandLine(EmulatorOptions? Options, bool HelpRequested, string? Error)
{
    /// <summary>Lines to print on stderr before starting: deprecated flags that still work.</summary>
    public IReadOnlyList<string> Deprecations { get; init; } = [];

    public const string Usage = """
        Usage: SalesforceEmulator [options]

        A local Salesforce org on 127.0.0.1 (OAuth, SOAP login, REST, Bulk API 2.0 ingest).
        Prints the base URL as the first line on stdout, the web console's URL as the second (with
        --https, the certificate's PEM path as the third), then serves until SIGTERM or Ctrl-C.

        Options:
          --port N                   TCP port on 127.0.0.1 (default 0: a free port)
          --org FILE                 org definition (JSON); default: the built-in org
          --describe-dir DIR         describe JSON files (sf sobject describe --json), one object each,
                                     whose objects replace or join the org's
          --https                    serve TLS with a self-signed certificate for 127.0.0.1
          --seed N                   seed of ids and fault draws (default 1)
          --processing-rate ROWS_S   rows per second one worker processes (default: as fast as possible)
          --workers N                the org's Bulk workers, shared by all jobs; each takes one 10,000-row
                                     chunk at a time (default 4; a real org's number depends on the org)
          --queue-latency-ms N       how long a queued chunk waits before a worker may take it (default 0)
          --lock-timeout-ms N        how long a transaction waits for a parent row another worker holds
                                     before its rows fail with UNABLE_TO_LOCK_ROW (default 10000)
          --max-concurrent-jobs N    deprecated alias of --workers
          --faults FILE              fault plan (JSON) applied at start
          --token-lifetime SECONDS   access-token lifetime (default 7200)
          --api-versions MIN-MAX     API versions served, e.g. 31.0-68.0 (the default); older ones answer
                                     410 GONE, newer ones 404
          --max-upload-mb N          largest Bulk upload in MB once base64-encoded (default 150, as Salesforce)
          --log-requests             one line per request on stderr (method, path, status)
          --help                     show this text
        """;

    public static EmulatorCommandLine Parse(IReadOnlyList<string> args)
    {
        var options = new EmulatorOptions();
        var deprecations = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var flag = args[i];
            string Value()
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new FormatException($"{flag}: needs a value");
                }

                return args[++i];
            }

            try
            {
                switch (flag)
                {
                    case "--help" or "-h":
                        return new EmulatorCommandLine(null, true, null);
                    case "--log-requests":
                        options.RequestLog = Console.Error;
                        break;
                    case "--https":
                        options.Https = true;
                        break;
                    case "--port":
                        options.Port = Integer(flag, Value(), 0, 65535);
                        break;
                    case "--seed":
                        options.Seed = Integer(flag, Value(), int.MinValue, int.MaxValue);
                        break;
                    case "--workers":
                        options.Workers = Integer(flag, Value(), 1, 10_000);
                        break;
                    case "--max-concurrent-jobs":
                        options.Workers = Integer(flag, Value(), 1, 10_000);
                        deprecations.Add("--max-concurrent-jobs is deprecated: it now sets --workers (chunks processed at once, across all jobs)");
                        break;
                    case "--queue-latency-ms":
                        options.QueueLatency = TimeSpan.FromMilliseconds(Integer(flag, Value(), 0, 3_600_000));
                        break;
                    case "--lock-timeout-ms":
                        options.LockTimeout = TimeSpan.FromMilliseconds(Integer(flag, Value(), 0, 3_600_000));
                        break;
                    case "--processing-rate":
                        options.ProcessingRate = Positive(flag, Value());
                        break;
                    case "--token-lifetime":
                        options.TokenLifetime = TimeSpan.FromSeconds(Positive(flag, Value()));
                        break;
                    case "--api-versions":
                        var range = Value();
                        options.ApiVersions = ApiVersionRange.TryParse(range, out var versions)
                            ? versions
                            : throw new FormatException($"{flag}: '{range}' is not MIN-MAX, e.g. 31.0-68.0");
                        break;
                    case "--max-upload-mb":
                        options.MaxUploadBase64Bytes = (long)Math.Ceiling(Positive(flag, Value()) * 1_000_000);
                        break;
                    case "--org":
                        options.OrgFile = ExistingFile(flag, Value());
                        break;
                    case "--describe-dir":
                        var directory = Value();
                        options.DescribeDirectory = Directory.Exists(directory)
                            ? Path.GetFullPath(directory)
                            : throw new FormatException($"{flag}: directory '{directory}' does not exist");
                        break;
                    case "--faults":
                        options.FaultsFile = ExistingFile(flag, Value());
                        break;
                    default:
                        return new EmulatorCommandLine(null, false, $"{flag}: unknown option");
                }
            }
            catch (FormatException e)
            {
                return new EmulatorCommandLine(null, false, e.Message);
            }
        }

        return new EmulatorCommandLine(options, false, null) { Deprecations = deprecations };
    }

    private static int Integer(string flag, string text, int min, int max) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new FormatException($"{flag}: '{text}' is not a whole number from {min} to {max}");

    private static double Positive(string flag, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n > 0 && double.IsFinite(n)
            ? n
            : throw new FormatException($"{flag}: '{text}' is not a positive number");

    private static string ExistingFile(string flag, string path) =>
        File.Exists(path) ? Path.GetFullPath(path) : throw new FormatException($"{flag}: file '{path}' does not exist");
}
