using System.Diagnostics;
using Newtonsoft.Json;

namespace TargetSalesforce.Benchmarks.Measurement;

/// <summary>
/// The local limit: one thread reading the stream line by line and every token of each line with
/// Newtonsoft's JsonTextReader, building nothing. No target that parses its input can beat it.
/// </summary>
public static class BareParse
{
    /// <summary>Lines parsed untimed first, until the JIT has promoted the parse loop to optimised code.</summary>
    private const int WarmUpLines = 20_000;

    private static readonly TimeSpan WarmUpTime = TimeSpan.FromMilliseconds(500);

    /// <summary>Timed passes; the fastest counts, so a noisy neighbour never makes the limit easier to meet.</summary>
    private const int Passes = 2;

    public sealed record Result(long Lines, long Tokens, TimeSpan Elapsed);

    /// <summary>
    /// A warmed-up figure: tiered compilation first runs unoptimised, instrumented code, which at
    /// 100,000 records would make the "limit" three times slower than the steady state it stands for.
    /// </summary>
    public static Result Run(string path)
    {
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed < WarmUpTime)
        {
            Parse(path, WarmUpLines);
        }

        Result? best = null;
        for (var pass = 0; pass < Passes; pass++)
        {
            var clock = Stopwatch.StartNew();
            var (lines, tokens) = Parse(path, long.MaxValue);
            if (best is null || clock.Elapsed < best.Elapsed)
            {
                best = new Result(lines, tokens, clock.Elapsed);
            }
        }

        return best!;
    }

    private static (long Lines, long Tokens) Parse(string path, long maxLines)
    {
        long lines = 0;
        long tokens = 0;
        using var file = new StreamReader(path, new FileStreamOptions { BufferSize = 1 << 16, Options = FileOptions.SequentialScan });
        while (lines < maxLines && file.ReadLine() is { } line)
        {
            lines++;
            using var json = new JsonTextReader(new StringReader(line));
            while (json.Read())
            {
                tokens++;
            }
        }

        return (lines, tokens);
    }
}
