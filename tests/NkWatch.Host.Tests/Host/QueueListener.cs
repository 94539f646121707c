using System.Text;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using NkWatch.Host.Tests.Rpc;

namespace NkWatch.Host.Tests.Host;

/// <summary>What one drain of a queue did.</summary>
public sealed record QueueDrain(int Succeeded, int Failed, int Poisoned);

/// <summary>
/// The host's queue listener, for a test: takes messages off the real queue, decodes them as
/// host.json's messageEncoding says, invokes the queue's function with the message text and the
/// trigger metadata the host sends (DequeueCount, Id, PopReceipt, times), deletes the message on
/// success, and after <c>maxDequeueCount</c> failed attempts moves it to <c>&lt;queue&gt;-poison</c>.
/// One message at a time, so a run is deterministic. A failed message becomes visible again after
/// <paramref name="retryDelay"/> (the host would wait host.json's visibilityTimeout).
/// </summary>
public sealed class QueueListener(FunctionsHost host, string storageConnection, TimeSpan retryDelay)
{
    public const string PoisonSuffix = "-poison";

    private const int MaxInvocations = 500;

    private readonly QueueServiceClient service = new(storageConnection);

    public QueueClient Queue(string name) => service.GetQueueClient(name);

    /// <summary>Runs the queue's function until the queue is empty.</summary>
    public async Task<QueueDrain> DrainAsync(string queueName)
    {
        var function = host.Functions.Values.SingleOrDefault(f => f.Bindings.Any(b => b.Type.Equals("queueTrigger", StringComparison.OrdinalIgnoreCase) && b.QueueName == queueName))
            ?? throw new InvalidOperationException($"no function listens on {queueName}");
        var trigger = function.Trigger("queueTrigger");
        var queue = service.GetQueueClient(queueName);
        await queue.CreateIfNotExistsAsync();
        int succeeded = 0, failed = 0, poisoned = 0;
        for (var invocations = 0; invocations < MaxInvocations;)
        {
            QueueMessage[] batch = (await queue.ReceiveMessagesAsync(maxMessages: 8, visibilityTimeout: TimeSpan.FromMinutes(5))).Value;
            if (batch.Length == 0)
            {
                return new QueueDrain(succeeded, failed, poisoned);
            }

            foreach (var message in batch)
            {
                invocations++;
                if (await InvokeAsync(function.Name, trigger.Name, message))
                {
                    succeeded++;
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                }
                else if (message.DequeueCount >= host.App.HostSettings.MaxDequeueCount)
                {
                    failed++;
                    poisoned++;
                    var poison = service.GetQueueClient(queueName + PoisonSuffix);
                    await poison.CreateIfNotExistsAsync();
                    await poison.SendMessageAsync(message.MessageText);
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                    host.Log.Write("host", $"moved message {message.MessageId} to {queueName}{PoisonSuffix} after {message.DequeueCount} attempts");
                }
                else
                {
                    failed++;
                    await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: retryDelay);
                }
            }
        }

        throw new InvalidOperationException($"{queueName} was not empty after {MaxInvocations} invocations");
    }

    private async Task<bool> InvokeAsync(string functionName, string bindingName, QueueMessage message)
    {
        if (Decode(message.MessageText) is not { } text)
        {
            host.Log.Write("host", $"message {message.MessageId} on {functionName}'s queue is not {host.App.HostSettings.MessageEncoding}: the invocation fails");
            return false;
        }

        var metadata = new Dictionary<string, TypedData>
        {
            ["QueueTrigger"] = new() { String = text },
            ["DequeueCount"] = FunctionsHost.Json(message.DequeueCount),
            ["Id"] = new() { String = message.MessageId },
            ["PopReceipt"] = new() { String = message.PopReceipt },
            ["InsertionTime"] = FunctionsHost.Json(message.InsertedOn),
            ["ExpirationTime"] = FunctionsHost.Json(message.ExpiresOn),
            ["NextVisibleTime"] = FunctionsHost.Json(message.NextVisibleOn),
        };
        var response = await host.InvokeAsync(functionName, [new ParameterBinding { Name = bindingName, Data = new TypedData { String = text } }], metadata);
        return response.Result.Status == StatusResult.Types.Status.Success;
    }

    private string? Decode(string raw)
    {
        if (!host.App.HostSettings.MessageEncoding.Equals("base64", StringComparison.OrdinalIgnoreCase))
        {
            return raw;
        }

        var buffer = new byte[raw.Length];
        if (!Convert.TryFromBase64String(raw, buffer, out var written))
        {
            return null;
        }

        try
        {
            return new UTF8Encoding(false, true).GetString(buffer, 0, written);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
