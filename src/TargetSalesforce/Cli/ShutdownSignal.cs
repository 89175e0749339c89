using System.Runtime.InteropServices;

namespace TargetSalesforce.Cli;

/// <summary>
/// Turns Ctrl-C (SIGINT) and SIGTERM into a cancelled token, so the run stops at a safe point
/// and emits no state past its last committed record instead of dying mid-write.
/// </summary>
public sealed class ShutdownSignal : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;

    public ShutdownSignal()
    {
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    public CancellationToken Token => _cancellation.Token;

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _cancellation.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        // The first signal keeps the process alive to wind down through the token; a second one
        // (the user insisting) takes the default action and ends it at once.
        context.Cancel = !_cancellation.IsCancellationRequested;
        _cancellation.Cancel();
    }
}
