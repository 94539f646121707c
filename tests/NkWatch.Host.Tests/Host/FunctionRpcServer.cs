using System.Net;
using System.Threading.Channels;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NkWatch.Host.Tests.Rpc;

namespace NkWatch.Host.Tests.Host;

/// <summary>
/// The host's gRPC endpoint: Kestrel on 127.0.0.1 and a free port, HTTP/2 without TLS, serving
/// <c>FunctionRpc.EventStream</c>. Each stream a worker opens becomes a <see cref="WorkerConnection"/>.
/// </summary>
public sealed class FunctionRpcServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Channel<WorkerConnection> connections;

    private FunctionRpcServer(WebApplication app, Channel<WorkerConnection> connections, Uri url)
    {
        this.app = app;
        this.connections = connections;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<FunctionRpcServer> StartAsync(HostLog log)
    {
        var connections = Channel.CreateUnbounded<WorkerConnection>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Logging.ClearProviders();
        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = WorkerProcess.GrpcMaxMessageLength;
            grpc.MaxSendMessageSize = WorkerProcess.GrpcMaxMessageLength;
        });
        builder.Services.AddSingleton(new ConnectionBroker(connections.Writer, log));
        var app = builder.Build();
        app.MapGrpcService<EventStreamService>();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new FunctionRpcServer(app, connections, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>The next worker stream to open.</summary>
    public ValueTask<WorkerConnection> NextConnectionAsync(CancellationToken cancellationToken) => connections.Reader.ReadAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    internal sealed record ConnectionBroker(ChannelWriter<WorkerConnection> Connections, HostLog Log);

    /// <summary>One call per worker: the stream stays open until the worker or the server ends it.</summary>
    internal sealed class EventStreamService(ConnectionBroker broker) : FunctionRpc.FunctionRpcBase
    {
        public override async Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context)
        {
            var connection = new WorkerConnection(responseStream, broker.Log);
            await broker.Connections.WriteAsync(connection, context.CancellationToken);
            await connection.ReadAsync(requestStream, context.CancellationToken);
        }
    }
}
