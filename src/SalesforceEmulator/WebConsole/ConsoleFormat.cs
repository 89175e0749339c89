using System.Globalization;
using SalesforceEmulator.Bulk;

namespace SalesforceEmulator.WebConsole;

/// <summary>How the console writes times, counts and states: the same way on every page, whatever the machine's culture.</summary>
internal static class ConsoleFormat
{
    /// <summary>UTC to the second, as people compare it with logs (the API's own JSON keeps milliseconds).</summary>
    public static string Time(DateTimeOffset? time) => time is { } value ? TableTime(value) + " UTC" : "";

    /// <summary>As <see cref="Time"/> without the zone, for table columns whose header says UTC.</summary>
    public static string TableTime(DateTimeOffset? time) =>
        time is { } value ? value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "";

    public static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A short duration: 850 ms, 12.4 s, 3 min 05 s.</summary>
    public static string Duration(TimeSpan duration) => duration.TotalSeconds switch
    {
        < 1 => $"{Math.Max(0, duration.TotalMilliseconds):0} ms",
        < 60 => duration.TotalSeconds.ToString("0.0 's'", CultureInfo.InvariantCulture),
        _ => $"{(int)duration.TotalMinutes} min {duration.Seconds:00} s",
    };

    /// <summary>The CSS class of a job state's badge.</summary>
    public static string StateClass(JobState state) => state switch
    {
        JobState.JobComplete => "state ok",
        JobState.Failed => "state bad",
        JobState.Aborted => "state muted",
        _ => "state busy",
    };

    /// <summary>Queued or processing: the page showing it reloads itself until it ends.</summary>
    public static bool IsRunning(JobState state) => state is JobState.UploadComplete or JobState.InProgress;
}
