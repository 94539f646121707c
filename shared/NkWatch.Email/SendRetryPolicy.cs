namespace NkWatch.Email;

/// <summary>
/// When to try a send again: exponential backoff with jitter (half fixed, half random, so retries
/// from many workers spread out but never come sooner than half the step), never sooner than the
/// server's Retry-After, and never past the attempt count or the time budget.
/// </summary>
public sealed class SendRetryPolicy(SendGridOptions options, Func<double>? random = null)
{
    private readonly Func<double> random = random ?? Random.Shared.NextDouble;

    public TimeSpan Timeout => TimeSpan.FromSeconds(options.TimeoutSeconds);

    /// <summary>The wait before attempt <paramref name="attempt"/> + 1, or null to stop retrying now.</summary>
    public TimeSpan? NextDelay(int attempt, TimeSpan? retryAfter, TimeSpan elapsed)
    {
        if (attempt >= options.MaxAttempts)
        {
            return null;
        }

        var step = Math.Min(options.RetryBaseDelayMilliseconds * Math.Pow(2, attempt - 1), options.MaxRetryDelaySeconds * 1000.0);
        var delay = TimeSpan.FromMilliseconds((step / 2) + (random() * step / 2));
        if (retryAfter is { } asked && asked > delay)
        {
            delay = asked;
        }

        return elapsed + delay + Timeout > TimeSpan.FromSeconds(options.RetryBudgetSeconds) ? null : delay;
    }
}
