using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using TargetSalesforce.Destination;
using TargetSalesforce.Loading.Jobs;
using TargetSalesforce.Loading.Routing;
using TargetSalesforce.Loading.State;
using TargetSalesforce.Diagnostics;
using TargetSalesforce.Naming;
using TargetSalesforce.Output;
using TargetSalesforce.Singer;

namespace TargetSalesforce.Loading;

/// <summary>
/// A whole run: the input is parsed on one task while the loading loop routes messages to stream
/// sinks on another, jobs load in the background, and states go out as their records settle.
/// Salesforce is contacted only from the first SCHEMA on.
/// </summary>
public sealed class LoadingPipeline
{
    /// <summary>Most messages handed to the loading loop at once: a few lines' worth of read-ahead, one hand-over.</summary>
    private const int MaxRunLength = 128;

    private readonly IObjectLoader loader;
    private readonly IStateOutput output;
    private readonly LoadingOptions options;
    private readonly ILoggerFactory loggers;
    private readonly TimeProvider time;
    private readonly ILogger logger;

    public LoadingPipeline(IObjectLoader loader, IStateOutput output, LoadingOptions options, ILoggerFactory loggers, TimeProvider time)
    {
        this.loader = loader;
        this.output = output;
        this.options = options;
        this.loggers = loggers;
        this.time = time;
        logger = loggers.CreateLogger("TargetSalesforce.Loading");
    }

    /// <summary>
    /// Reads <paramref name="input"/> to its end (or until the run halts, or
    /// <paramref name="cancellationToken"/> — a termination signal — stops it) and loads it.
    /// <paramref name="lenient"/> is Mage mode: non-JSON lines and LOG lines are skipped.
    /// </summary>
    [SuppressMessage("Design", "CA1031", Justification = "Whatever stops the loading loop halts the run with its reason, so the jobs in flight still drain and the summary is still told.")]
    public async Task<RunResult> RunAsync(Stream input, bool lenient, CancellationToken cancellationToken, CancellationToken insisted = default)
    {
        var started = time.GetTimestamp();
        using var halt = new RunHalt(logger);
        using var rejects = options.RejectFile is { Length: > 0 } path && !options.DryRun ? new RejectFile(path) : null;
        using var results = options.ResultsFile is { Length: > 0 } resultsPath && !options.DryRun ? new ResultsFile(resultsPath) : null;
        var tracker = new StateTracker(output);
        var outcomes = new RecordOutcomes(
            tracker, rejects, halt, options.AllowFailures || options.DryRun, logger, options.DryRun ? int.MaxValue : options.LoggedFailuresPerStream, results);
        var jobs = options.Jobs;
        var executor = new JobExecutor(outcomes, halt, Math.Max(0, jobs.LockRetryAttempts), jobs.LockRetryDelay, time, logger);
        using var scheduler = new JobScheduler(jobs.MaxParallelJobs, jobs.StagedJobs, JobExecutor.StageAsync, executor.RunAsync, halt);
        var router = new StreamRouter(loader, scheduler, tracker, outcomes, options, time, logger);
        var reader = new MessageReader(loggers.CreateLogger("TargetSalesforce.Singer"), lenient);

        using var reading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, halt.Token);
        // Messages cross to the loading loop in runs (one hand-over per run, not per message); the
        // read-ahead bound counts messages all the same.
        var readAhead = Math.Max(1, options.ReadAheadMessages);
        var runLength = Math.Min(readAhead, MaxRunLength);
        var channel = Channel.CreateBounded<InputItem>(new BoundedChannelOptions(Math.Max(1, readAhead / runLength))
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        var producer = Task.Run(() => ProduceAsync(reader, input, runLength, channel.Writer, reading.Token), CancellationToken.None);

        using var progress = new ProgressReporter(logger, time, options.ProgressInterval, () => router.Counters, () => scheduler.Running);
        progress.Start();
        using var ticks = router.StartTicks(() => channel.Writer.TryWrite(InputItem.Tick));

        var endOfInput = false;
        try
        {
            endOfInput = await ConsumeAsync(channel.Reader, router, halt, reading.Token).ConfigureAwait(false);
            if (endOfInput)
            {
                StartupPhases.Reached("input read");
                await router.FlushAtEndAsync(reading.Token).ConfigureAwait(false);
                loader.InputEnded();
            }
        }
        catch (OperationCanceledException) when (reading.IsCancellationRequested)
        {
            endOfInput = false;
        }
        catch (RecordRejectedException exception)
        {
            await LoadWhatCameBeforeAsync(router, scheduler, reading.Token).ConfigureAwait(false);
            halt.Halt(exception.Message);
        }
        catch (SingerInputException exception)
        {
            halt.Halt(exception.Message);
        }
        catch (Exception exception) when (exception is LoadConfigurationException or DestinationException)
        {
            halt.Halt(exception.Message);
        }
        catch (VersionSweepException exception)
        {
            halt.Halt(exception.Message);
        }
        catch (Exception exception)
        {
            halt.Halt($"unexpected failure: {exception.Message}");
        }

        await reading.CancelAsync().ConfigureAwait(false); // stops the parser if it is still running
        await DrainAsync(scheduler, cancellationToken, insisted).ConfigureAwait(false);
        if (endOfInput)
        {
            await producer.ConfigureAwait(false);
            logger.LogInformation(
                "Read {Lines} of input ({Records}, {Batches}, {States})",
                Counted.Of(reader.LinesRead, "line"), Counted.Of(router.RecordsRead, "record"),
                Counted.Of(router.BatchesRead, "batch manifest"), Counted.Of(router.StatesRead, "state message"));
        }

        progress.EmitFinalMetrics(router.Counters);
        var summary = Summarize(router, executor, tracker, time.GetElapsedTime(started));
        // A signal while the last jobs load is a stop too (exit 1, as the README says), even with the input all read.
        var result = halt.IsHalted
            ? new RunResult(RunOutcome.Halted, halt.Reason, summary)
            : endOfInput && !cancellationToken.IsCancellationRequested
                ? new RunResult(RunOutcome.Completed, null, summary)
                : new RunResult(
                    RunOutcome.Cancelled,
                    endOfInput ? "stopped by a termination signal while the last jobs were loading" : "stopped by a termination signal before the end of the input",
                    summary);
        LogSummary(result, outcomes.RejectFilePath);
        return result;
    }

    [SuppressMessage("Design", "CA1031", Justification = "A reading failure is handed to the loading loop, in order, which rethrows it after the messages before it.")]
    private static async Task ProduceAsync(
        MessageReader reader, Stream input, int runLength, ChannelWriter<InputItem> writer, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var messages in reader.ReadChunksAsync(input, runLength, cancellationToken).ConfigureAwait(false))
            {
                await writer.WriteAsync(new InputItem(messages, null, false), cancellationToken).ConfigureAwait(false);
            }

            await writer.WriteAsync(new InputItem(null, null, true), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run stopped reading: nothing more to hand over.
        }
        catch (Exception exception)
        {
            // Handed over in order, so every message before the bad line is still processed.
            await writer.WriteAsync(new InputItem(null, exception, false), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            writer.TryComplete();
        }
    }

    /// <summary>The loading loop. True when the input was read to its end.</summary>
    private static async Task<bool> ConsumeAsync(ChannelReader<InputItem> channel, StreamRouter router, RunHalt halt, CancellationToken cancellationToken)
    {
        while (await channel.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (channel.TryRead(out var item))
            {
                if (halt.IsHalted)
                {
                    return false;
                }

                if (item.Messages is { } messages)
                {
                    foreach (var message in messages)
                    {
                        if (halt.IsHalted)
                        {
                            return false;
                        }

                        await router.HandleAsync(message, cancellationToken).ConfigureAwait(false);
                    }
                }
                else if (item.Failure is { } failure)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
                }
                else if (item.EndOfInput)
                {
                    return !halt.IsHalted;
                }
                else
                {
                    await router.FlushAgedAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Before halting on a bad record: the records read before it are flushed and their jobs waited
    /// for, so they commit and the state they make true goes out. A job failing meanwhile halts on its own.
    /// </summary>
    private async Task LoadWhatCameBeforeAsync(StreamRouter router, JobScheduler scheduler, CancellationToken cancellationToken)
    {
        try
        {
            await router.FlushAllAsync(cancellationToken).ConfigureAwait(false);
            await scheduler.WhenIdleAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A signal or another halt: the drain that follows handles what is in flight.
        }
        catch (Exception exception) when (exception is LoadConfigurationException or SingerInputException)
        {
            // The bad record stays the reason the run halts; this only explains fewer commits.
            logger.LogWarning("The records before the bad one could not all be loaded: {Reason}", exception.Message);
        }
    }

    /// <summary>Waits for the jobs in flight; after a termination signal, only for the grace period, then aborts them.</summary>
    private async Task DrainAsync(JobScheduler scheduler, CancellationToken cancellationToken, CancellationToken insisted)
    {
        var idle = scheduler.WhenIdleAsync();
        if (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await idle.WaitAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException)
            {
                // A termination signal while draining: fall through to the grace period.
            }
        }

        if (idle.IsCompleted)
        {
            return;
        }

        var grace = Task.Delay(options.ShutdownGracePeriod, time, CancellationToken.None); // the signal that starts the grace period must not end it
        logger.LogWarning("Stopping: waiting up to {Seconds} s for {Jobs} in flight", options.ShutdownGracePeriod.TotalSeconds, Counted.Of(scheduler.Admitted, "job"));
        var secondSignal = Task.Delay(Timeout.Infinite, insisted).ContinueWith(_ => { }, TaskScheduler.Default);
        var first = await Task.WhenAny(idle, grace, secondSignal).ConfigureAwait(false);
        if (first != idle)
        {
            logger.LogWarning(
                "{Why}: aborting the jobs still in flight; their records count as not loaded",
                first == secondSignal ? "Second signal (a third ends the process at once)" : "Grace period over");
            scheduler.Abort();
            await idle.ConfigureAwait(false);
        }
    }

    private static RunSummary Summarize(StreamRouter router, JobExecutor executor, StateTracker tracker, TimeSpan elapsed)
    {
        var streams = router.Counters.Select(c => c.ToSummary()).ToArray();
        return new RunSummary(
            streams,
            streams.Sum(s => s.Read),
            streams.Sum(s => s.Committed),
            streams.Sum(s => s.Superseded),
            streams.Sum(s => s.Failed),
            executor.BulkJobs,
            tracker.StatesEmitted,
            elapsed)
        {
            LockRetries = executor.LockRetries,
            RestCalls = executor.RestCalls,
        };
    }

    private void LogSummary(RunResult result, string? rejectFile)
    {
        var summary = result.Summary;
        foreach (var stream in summary.Streams)
        {
            logger.LogInformation(
                "Stream '{Stream}' → {Object}: {Read} read, {Committed} committed, {Superseded} superseded, {Failed} failed",
                stream.Stream, stream.ObjectName, stream.Read, stream.Committed, stream.Superseded, stream.Failed);
        }

        logger.LogInformation(
            "{Outcome}: {Read} read, {Committed} committed, {Superseded} superseded, {Failed} failed, {NotReached} not reached; {Jobs}; {States} emitted; {Seconds:F1} s, {Rate:F0} records/s committed",
            options.DryRun ? $"Dry run {result.Outcome} (committed: would load)" : result.Outcome.ToString(), Counted.Of(summary.RecordsRead, "record"), summary.RecordsCommitted, summary.RecordsSuperseded, summary.RecordsFailed, summary.RecordsNotReached,
            Counted.Of(summary.Jobs, "job"), Counted.Of(summary.StatesEmitted, "state"), summary.Elapsed.TotalSeconds,
            summary.Elapsed.TotalSeconds > 0 ? summary.RecordsCommitted / summary.Elapsed.TotalSeconds : 0);
        if (summary.RecordsFailed > 0)
        {
            logger.LogInformation(
                "{Failed} failed: {Where}",
                Counted.Of(summary.RecordsFailed, "record"),
                rejectFile is not null
                    ? $"every one is in the reject file {rejectFile}, with its error"
                    : $"the first {options.LoggedFailuresPerStream} of each stream are logged above, the rest at DEBUG (--log-level debug); set reject_file to keep them all");
        }

        if (summary.LockRetries > 0)
        {
            logger.LogInformation("Lock retries: {LockRetries} went again after {Code}", Counted.Of(summary.LockRetries, "row"), JobExecutor.LockErrorCode);
        }
        logger.LogInformation(
            "Routes: {Rest} records sent by REST (sObject Collections, {Calls} calls), {Bulk} by Bulk API 2.0 ({Jobs} jobs)",
            summary.SentByRest, summary.RestCalls, summary.SentByBulk, summary.Jobs);

        if (logger.IsEnabled(LogLevel.Debug))
        {
            // For tuning the hot path: what the run cost the garbage collector.
            logger.LogDebug(
                "Runtime: {Megabytes} MB allocated; collections gen0 {Gen0}, gen1 {Gen1}, gen2 {Gen2}; {PauseMs} ms paused",
                GC.GetTotalAllocatedBytes() >> 20, GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2),
                (long)GC.GetTotalPauseDuration().TotalMilliseconds);
            StartupPhases.Reached("summary");
            logger.LogDebug("Start-up phases (from process start): {Phases}", StartupPhases.Describe());
        }
    }

    /// <summary>What the parser hands the loading loop: a run of messages, a failure, the end, or (none) an age tick.</summary>
    private readonly record struct InputItem(IReadOnlyList<SingerMessage>? Messages, Exception? Failure, bool EndOfInput)
    {
        public static InputItem Tick => default;
    }
}
