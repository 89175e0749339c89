using TargetSalesforce.Salesforce.Collections;

namespace TargetSalesforce.Tests.Salesforce.Collections;

/// <summary>Collections calls that lock a common parent never run side by side; the others share the slots.</summary>
public sealed class ParentSafeCallsTests
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(20);

    [Test]
    public void The_parents_of_a_call_are_its_lock_column_values_tagged_by_column_blanks_left_out()
    {
        string[][] cells =
        [
            ["Ann", "001A", "X"],
            ["Bob", "#N/A", "X"],
            ["Cy", "", "Y"],
            ["Di", "001B", "Z"],
        ];

        var parents = ParentSafeCalls.ParentsOf([(0, 3), (3, 1)], cells, [1, 2]);

        Assert.That(parents[0], Is.EquivalentTo(new[] { "1\u001f001A", "2\u001fX", "2\u001fY" }));
        Assert.That(parents[1], Is.EquivalentTo(new[] { "1\u001f001B", "2\u001fZ" }));
        Assert.That(ParentSafeCalls.ParentsOf([(0, 4)], cells, [])[0], Is.Empty, "an object that locks no parent");
    }

    [Test]
    public async Task A_call_sharing_a_parent_with_one_in_flight_starts_when_that_one_ends_and_later_calls_pass_it()
    {
        using var calls = new FakeCalls(4);
        var run = ParentSafeCalls.RunAsync([["A"], ["A", "B"], ["C"], ["D"]], inFlight: 4, calls.SendAsync, CancellationToken.None);

        await calls.WaitForStartsAsync(3);
        var startedFirst = calls.Started.ToArray();
        calls.End(0);
        await calls.WaitForStartsAsync(4);
        var startedThen = calls.Started.ToArray();
        calls.EndAll();
        await run.WaitAsync(WaitLimit);

        Assert.That(startedFirst, Is.EqualTo(new[] { 0, 2, 3 }), "call 1 shares A with call 0; calls 2 and 3 share nothing and go");
        Assert.That(startedThen, Is.EqualTo(new[] { 0, 2, 3, 1 }));
    }

    [Test]
    public async Task Calls_that_share_no_parent_run_side_by_side_up_to_the_limit()
    {
        using var calls = new FakeCalls(3);
        var run = ParentSafeCalls.RunAsync([["A"], ["B"], ["C"]], inFlight: 2, calls.SendAsync, CancellationToken.None);

        await calls.WaitForStartsAsync(2);
        var startedFirst = calls.Started.ToArray();
        calls.End(1);
        await calls.WaitForStartsAsync(3);
        calls.EndAll();
        await run.WaitAsync(WaitLimit);

        Assert.That(startedFirst, Is.EqualTo(new[] { 0, 1 }));
        Assert.That(calls.Started, Is.EqualTo(new[] { 0, 1, 2 }));
    }

    [Test]
    public async Task The_first_failure_cancels_the_calls_in_flight_and_is_rethrown()
    {
        using var calls = new FakeCalls(3);
        var run = ParentSafeCalls.RunAsync([["A"], ["B"], ["A"]], inFlight: 3, calls.SendAsync, CancellationToken.None);

        await calls.WaitForStartsAsync(2);
        calls.Fail(0, new InvalidOperationException("call 0 broke"));

        var thrown = Assert.ThrowsAsync<InvalidOperationException>(async () => await run.WaitAsync(WaitLimit));
        Assert.That(thrown!.Message, Is.EqualTo("call 0 broke"));
        Assert.That(calls.Started, Is.EqualTo(new[] { 0, 1 }), "call 2 waited for call 0 and never started");
        Assert.That(calls.TokenOf(1).IsCancellationRequested, Is.True);
    }

    /// <summary>Calls the test ends by hand; each start is recorded and signalled.</summary>
    private sealed class FakeCalls(int count) : IDisposable
    {
        private readonly TaskCompletionSource[] ends = Enumerable.Range(0, count)
            .Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        private readonly CancellationToken[] tokens = new CancellationToken[count];
        private readonly SemaphoreSlim starts = new(0);

        public List<int> Started { get; } = [];

        public Task SendAsync(int call, CancellationToken token)
        {
            lock (Started)
            {
                Started.Add(call);
            }

            tokens[call] = token;
            starts.Release();
            return ends[call].Task.WaitAsync(token);
        }

        public async Task WaitForStartsAsync(int total)
        {
            while (true)
            {
                lock (Started)
                {
                    if (Started.Count >= total)
                    {
                        return;
                    }
                }

                Assert.That(await starts.WaitAsync(WaitLimit), Is.True, $"fewer than {total} calls started");
            }
        }

        public CancellationToken TokenOf(int call) => tokens[call];

        public void End(int call) => ends[call].TrySetResult();

        public void Fail(int call, Exception exception) => ends[call].TrySetException(exception);

        public void Dispose() => starts.Dispose();

        public void EndAll()
        {
            foreach (var end in ends)
            {
                end.TrySetResult();
            }
        }
    }
}
