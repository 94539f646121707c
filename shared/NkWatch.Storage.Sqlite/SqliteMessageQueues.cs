using System.Globalization;
using NkWatch.Core.Messaging;

namespace NkWatch.Storage.Sqlite;

/// <summary>Work queues in the SQLite file, with the same semantics as Azure queues: hidden while being handled, counted dequeues.</summary>
public sealed class SqliteMessageQueues(SqliteDatabase database, TimeProvider clock) : IMessageQueues
{
    public IMessageQueue Get(string name) => new SqliteMessageQueue(database, clock, name);
}

internal sealed class SqliteMessageQueue(SqliteDatabase database, TimeProvider clock, string name) : IMessageQueue
{
    public string Name => name;

    public Task SendAsync(string body, CancellationToken cancellationToken) =>
        database.ExecuteAsync(
            "INSERT INTO queue_messages (queue, body, visible_at) VALUES ($q, $body, $now)",
            p =>
            {
                p.AddWithValue("$q", name);
                p.AddWithValue("$body", body);
                p.AddWithValue("$now", clock.GetUtcNow().UtcTicks);
            },
            cancellationToken);

    public async Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int max, TimeSpan visibility, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcTicks;
        var receipt = Guid.NewGuid().ToString("N");
        await using var connection = database.Open();
        await using var transaction = connection.BeginTransaction();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            UPDATE queue_messages SET visible_at = $until, dequeue_count = dequeue_count + 1, pop_receipt = $receipt
            WHERE id IN (SELECT id FROM queue_messages WHERE queue = $q AND visible_at <= $now ORDER BY id LIMIT $max)
            RETURNING id, body, dequeue_count
            """;
        command.Parameters.AddWithValue("$until", now + visibility.Ticks);
        command.Parameters.AddWithValue("$receipt", receipt);
        command.Parameters.AddWithValue("$q", name);
        command.Parameters.AddWithValue("$now", now);
        command.Parameters.AddWithValue("$max", max);
        var messages = new List<(long Id, ReceivedMessage Message)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var id = reader.GetInt64(0);
                messages.Add((id, new ReceivedMessage(reader.GetString(1), reader.GetInt32(2), new MessageReceipt(id.ToString(CultureInfo.InvariantCulture), receipt))));
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return [.. messages.OrderBy(m => m.Id).Select(m => m.Message)];
    }

    public Task CompleteAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        var receipt = message.Receipt;
        return database.ExecuteAsync(
            "DELETE FROM queue_messages WHERE id = $id AND pop_receipt = $receipt",
            p =>
            {
                p.AddWithValue("$id", long.Parse(receipt.MessageId, CultureInfo.InvariantCulture));
                p.AddWithValue("$receipt", receipt.PopReceipt);
            },
            cancellationToken);
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        var rows = await database.QueryAsync("SELECT COUNT(*) FROM queue_messages WHERE queue = $q", p => p.AddWithValue("$q", name), r => r.GetInt32(0), cancellationToken).ConfigureAwait(false);
        return rows[0];
    }
}
