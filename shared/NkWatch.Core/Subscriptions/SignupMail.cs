using Microsoft.Extensions.Logging;
using NkWatch.Core.Email;

namespace NkWatch.Core.Subscriptions;

/// <summary>
/// Composes and sends signup emails after the answer, off the request path, so the answer takes
/// the same time and says the same whatever the address's state and whether the mail service is
/// up. Sends are tracked: a host waits for them when it stops, a test waits for them before it
/// reads the outbox. A send that fails is logged with the subscriber id; the person asks again.
/// </summary>
public sealed partial class SignupMail(ILogger<SignupMail> logger)
{
    private readonly Lock gate = new();
    private int pending;
    private TaskCompletionSource idle = Completed();

    /// <summary>Starts composing and sending one email; returns at once.</summary>
    public void Start(string subscriberId, SignupOutcome outcome, Func<CancellationToken, Task<EmailMessage>> compose, IEmailSender email)
    {
        lock (gate)
        {
            if (pending++ == 0)
            {
                idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        _ = Task.Run(async () =>
        {
            try
            {
                // Not the request's token: the request is answered before this runs.
                var result = await email.SendAsync(await compose(CancellationToken.None).ConfigureAwait(false), CancellationToken.None).ConfigureAwait(false);
                if (result.Status == SendStatus.Sent)
                {
                    LogSent(subscriberId, outcome);
                }
                else
                {
                    LogNotDelivered(subscriberId, result.Status, result.Detail ?? string.Empty);
                }
            }
            catch (Exception ex)
            {
                LogFailed(ex, subscriberId);
            }
            finally
            {
                lock (gate)
                {
                    if (--pending == 0)
                    {
                        idle.TrySetResult();
                    }
                }
            }
        });
    }

    /// <summary>Completes when no signup email is being composed or sent.</summary>
    public Task WhenIdleAsync(CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return idle.Task.WaitAsync(cancellationToken);
        }
    }

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Signup for subscriber {SubscriberId}: {Outcome}")]
    private partial void LogSent(string subscriberId, SignupOutcome outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Signup email for subscriber {SubscriberId} not delivered ({Status}): {Detail}")]
    private partial void LogNotDelivered(string subscriberId, SendStatus status, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "Signup email for subscriber {SubscriberId} failed")]
    private partial void LogFailed(Exception exception, string subscriberId);
}
