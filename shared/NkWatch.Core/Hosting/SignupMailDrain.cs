using Microsoft.Extensions.Hosting;
using NkWatch.Core.Subscriptions;

namespace NkWatch.Core.Hosting;

/// <summary>A host that stops waits for the signup emails still being sent (as long as its shutdown allows).</summary>
internal sealed class SignupMailDrain(SignupMail mail) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => mail.WhenIdleAsync(cancellationToken);
}
