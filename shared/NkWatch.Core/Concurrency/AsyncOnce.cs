namespace NkWatch.Core.Concurrency;

/// <summary>
/// An asynchronous step that should run once (create a table, load a catalogue) and whose result
/// is then kept. Unlike <c>Lazy&lt;Task&lt;T&gt;&gt;</c>, a failed or cancelled attempt is not
/// kept: the next caller starts a new one, so a blob uploaded or a permission granted after the
/// first failure is picked up without a restart. Callers that arrive while an attempt is running
/// share it; a caller's cancellation ends only its own wait, never the shared attempt.
/// </summary>
public sealed class AsyncOnce<T>(Func<Task<T>> step)
{
    private readonly Lock gate = new();
    private Task<T>? attempt;

    /// <summary>The kept result, or the attempt in flight, or a new attempt when none is running and none succeeded.</summary>
    public Task<T> GetAsync(CancellationToken cancellationToken = default)
    {
        var current = Volatile.Read(ref attempt);
        if (current is not { IsCompletedSuccessfully: true })
        {
            lock (gate)
            {
                if (attempt is null || attempt.IsFaulted || attempt.IsCanceled)
                {
                    // Task.Run: the step never runs under the lock, nor on the caller's thread.
                    attempt = Task.Run(step, CancellationToken.None);
                }

                current = attempt;
            }
        }

        return cancellationToken.CanBeCanceled ? current.WaitAsync(cancellationToken) : current;
    }
}
