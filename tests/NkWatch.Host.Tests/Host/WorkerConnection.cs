using System.Collections.Concurrent;
using Grpc.Core;
using NkWatch.Host.Tests.Rpc;

namespace NkWatch.Host.Tests.Host;

/// <summary>
/// The host's end of one worker's event stream: writes one message at a time, and matches each
/// reply to its request (init, metadata, load by function id, invocation by invocation id).
/// The worker's RpcLog messages go to the <see cref="HostLog"/>.
/// </summary>
public sealed class WorkerConnection : IDisposable
{
    private readonly IServerStreamWriter<StreamingMessage> writer;
    private readonly HostLog log;
    private readonly SemaphoreSlim writeLock = new(1, 1);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<StreamingMessage>> replies = new();
    private readonly TaskCompletionSource<StartStream> started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal WorkerConnection(IServerStreamWriter<StreamingMessage> writer, HostLog log)
    {
        this.writer = writer;
        this.log = log;
    }

    /// <summary>The worker's first message on the stream.</summary>
    public Task<StartStream> Started => started.Task;

    /// <summary>Sends a request and completes with the worker's reply to it.</summary>
    public async Task<StreamingMessage> RequestAsync(StreamingMessage request)
    {
        var reply = replies.GetOrAdd(ReplyKey(request), _ => new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously));
        await SendAsync(request);
        return await reply.Task;
    }

    public async Task SendAsync(StreamingMessage message)
    {
        await writeLock.WaitAsync();
        try
        {
            await writer.WriteAsync(message);
        }
        finally
        {
            writeLock.Release();
        }
    }

    public void Dispose() => writeLock.Dispose();

    internal async Task ReadAsync(IAsyncStreamReader<StreamingMessage> reader, CancellationToken cancellationToken)
    {
        try
        {
            while (await reader.MoveNext(cancellationToken))
            {
                Receive(reader.Current);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or Grpc.Core.RpcException)
        {
            log.Write("host", "the worker's stream ended: " + ex.Message);
        }
        finally
        {
            var closed = new IOException("the worker closed its event stream");
            started.TrySetException(closed);
            foreach (var waiting in replies.Values)
            {
                waiting.TrySetException(closed);
            }
        }
    }

    private void Receive(StreamingMessage message)
    {
        switch (message.ContentCase)
        {
            case StreamingMessage.ContentOneofCase.StartStream:
                started.TrySetResult(message.StartStream);
                break;
            case StreamingMessage.ContentOneofCase.RpcLog:
                var entry = message.RpcLog;
                log.Write("worker rpc", $"{entry.Level} {entry.Category}: {entry.Message}{(entry.Exception is { } ex ? Environment.NewLine + ex.Message + Environment.NewLine + ex.StackTrace : string.Empty)}");
                break;
            case StreamingMessage.ContentOneofCase.WorkerStatusResponse or StreamingMessage.ContentOneofCase.None:
                break;
            default:
                if (replies.TryRemove(ReplyKey(message), out var waiting))
                {
                    waiting.TrySetResult(message);
                }
                else
                {
                    log.Write("host", $"unexpected message from the worker: {message.ContentCase}");
                }

                break;
        }
    }

    private static string ReplyKey(StreamingMessage message) => message.ContentCase switch
    {
        StreamingMessage.ContentOneofCase.WorkerInitRequest or StreamingMessage.ContentOneofCase.WorkerInitResponse => "init",
        StreamingMessage.ContentOneofCase.FunctionsMetadataRequest or StreamingMessage.ContentOneofCase.FunctionMetadataResponse => "metadata",
        StreamingMessage.ContentOneofCase.FunctionLoadRequest => "load " + message.FunctionLoadRequest.FunctionId,
        StreamingMessage.ContentOneofCase.FunctionLoadResponse => "load " + message.FunctionLoadResponse.FunctionId,
        StreamingMessage.ContentOneofCase.InvocationRequest => "invocation " + message.InvocationRequest.InvocationId,
        StreamingMessage.ContentOneofCase.InvocationResponse => "invocation " + message.InvocationResponse.InvocationId,
        _ => message.ContentCase.ToString(),
    };
}
