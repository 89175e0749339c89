using Microsoft.Extensions.Logging;

namespace TargetSalesforce.Salesforce.Auth;

/// <summary>
/// The run's one session. A rejected session is refreshed once, however many requests saw it
/// rejected: they all wait on the same login, and a request that still holds an older session
/// than the current one simply replays with the current one.
/// </summary>
internal sealed class SessionProvider(ILoginFlow flow, ILogger logger) : IDisposable
{
    private readonly Lock _gate = new();
    // Logins outlive any one caller's cancellation: others may be waiting on the same one.
    private readonly CancellationTokenSource _lifetime = new();
    private Session? _current;
    private Task<Session>? _login;

    public Task<Session> GetAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_current is not null)
            {
                return Task.FromResult(_current);
            }

            _login ??= LoginAsync();
            return _login.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Replaces <paramref name="rejected"/>, unless another request already did.</summary>
    public Task<Session> RefreshAsync(Session rejected, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_current is not null && !ReferenceEquals(_current, rejected))
            {
                return Task.FromResult(_current);
            }

            if (_current is not null)
            {
                logger.LogInformation("Salesforce session expired; logging in again");
                _current = null;
                _login = LoginAsync();
            }

            _login ??= LoginAsync();
            return _login.WaitAsync(cancellationToken);
        }
    }

    private async Task<Session> LoginAsync()
    {
        // Leave the caller's lock before any work, so completion never runs inside it.
        await Task.Yield();
        try
        {
            var session = await flow.LoginAsync(_lifetime.Token).ConfigureAwait(false);
            lock (_gate)
            {
                _current = session;
            }

            return session;
        }
        catch
        {
            lock (_gate)
            {
                // A failed login is not cached as the session; the run ends on the error anyway.
                _login = null;
            }

            throw;
        }
    }

    public void Dispose()
    {
        _lifetime.Cancel();
        _lifetime.Dispose();
    }
}
