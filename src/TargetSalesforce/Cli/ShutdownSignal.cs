using System.Runtime.InteropServices;

namespace TargetSalesforce.Cli;

/// <summary>
/// Turns Ctrl-C (SIGINT) and SIGTERM into a cancelled token, so the run stops at a safe point
/// and emits no state past its last committed record instead of dying mid-write.
/// </summary>
public sealed class ShutdownSignal : IDisposable
{
    private readonly CancellationTokenSource cancellation = new();
    private readonly CancellationTokenSource insisted = new();
    private readonly PosixSignalRegistration interrupt;
    private readonly PosixSignalRegistration terminate;

    public ShutdownSignal()
    {
        interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    public CancellationToken Token => cancellation.Token;

    /// <summary>Cancelled by a second signal: stop waiting for jobs, abort those not yet processing, say which may be.</summary>
    public CancellationToken Insisted => insisted.Token;

    public void Dispose()
    {
        interrupt.Dispose();
        terminate.Dispose();
        cancellation.Dispose();
        insisted.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        // The first signal winds down through the token; a second (the user insisting) stops waiting
        // for jobs but still aborts what it can and names what may still run; a third ends the process at once.
        context.Cancel = !insisted.IsCancellationRequested;
        if (cancellation.IsCancellationRequested)
        {
            insisted.Cancel();
        }

        cancellation.Cancel();
    }
}
