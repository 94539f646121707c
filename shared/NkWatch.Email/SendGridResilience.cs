using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace NkWatch.Email;

/// <summary>
/// The retries around SendGrid's API, as a resilience handler on the sender's HttpClient (the
/// SendGrid package ignores its own retry settings with our client). Outermost, the retry budget
/// bounds all attempts of one request together, so a send never outlives the digest's claim; then
/// 429 (after its Retry-After), 5xx, network errors and timeouts are retried with exponential
/// backoff and jitter; innermost, each attempt has its own timeout. A Retry-After that could not
/// be waited for within the budget is not waited for: the send ends as "retry later" at once and
/// the queue brings it back.
/// </summary>
internal static class SendGridResilience
{
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ResilienceHandlerContext context)
    {
        var settings = context.ServiceProvider.GetRequiredService<IOptions<SendGridOptions>>().Value;
        var clock = context.ServiceProvider.GetRequiredService<TimeProvider>();
        pipeline.TimeProvider = clock;
        pipeline.AddTimeout(Budget(settings));
        if (settings.MaxAttempts > 1)
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = settings.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(settings.RetryBaseDelayMilliseconds),
                MaxDelay = TimeSpan.FromSeconds(settings.MaxRetryDelaySeconds),
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(
                    HttpClientResiliencePredicates.IsTransient(args.Outcome)
                    && !(args.Outcome.Result is { } response && WaitsPastBudget(response.StatusCode, response.Headers, settings, clock))),
            });
        }

        pipeline.AddTimeout(TimeSpan.FromSeconds(settings.TimeoutSeconds));
    }

    public static TimeSpan Budget(SendGridOptions settings) => TimeSpan.FromSeconds(settings.RetryBudgetSeconds);

    /// <summary>Whether a 429's Retry-After, with one more attempt after it, would not fit in the budget.</summary>
    public static bool WaitsPastBudget(HttpStatusCode status, HttpResponseHeaders headers, SendGridOptions settings, TimeProvider clock)
    {
        if (status != HttpStatusCode.TooManyRequests || headers.RetryAfter is not { } header)
        {
            return false;
        }

        var wait = header.Delta ?? (header.Date is { } date ? date - clock.GetUtcNow() : TimeSpan.Zero);
        return wait + TimeSpan.FromSeconds(settings.TimeoutSeconds) > Budget(settings);
    }
}
