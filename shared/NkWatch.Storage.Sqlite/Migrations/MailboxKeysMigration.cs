using Microsoft.Data.Sqlite;
using NkWatch.Core.Storage;
using NkWatch.Core.Subscriptions;

namespace NkWatch.Storage.Sqlite.Migrations;

/// <summary>
/// Step 4: the mailbox key every subscriber lookup uses, unique. Records that turn out to share a
/// mailbox are merged: the one <see cref="MailboxMerge"/> keeps stays, the others go with their
/// digest log and cursor.
/// </summary>
internal static class MailboxKeysMigration
{
    public static void Apply(SqliteConnection connection, SqliteTransaction transaction)
    {
        if (!SqliteMigrations.Columns(connection, transaction, "subscribers").Contains("mailbox"))
        {
            SqliteMigrations.Run(connection, transaction, "ALTER TABLE subscribers ADD COLUMN mailbox TEXT");
        }

        var unkeyed = new List<(string Id, string Email, string Body)>();
        using (var select = SqliteMigrations.Command(connection, transaction, "SELECT id, email, body FROM subscribers WHERE mailbox IS NULL"))
        using (var reader = select.ExecuteReader())
        {
            while (reader.Read())
            {
                unkeyed.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        foreach (var mailbox in unkeyed.GroupBy(row => EmailAddress.Key(row.Email)))
        {
            var readable = mailbox.Select(row => StoredRecords.TryRead(() => StoredJson.Read<Subscriber>(row.Body), out var subscriber, out _) ? subscriber : null).OfType<Subscriber>().ToList();
            var keep = mailbox.Count() == 1 || readable.Count == 0 ? mailbox.First().Id : MailboxMerge.Keep(readable).Id;
            foreach (var row in mailbox.Where(row => row.Id != keep))
            {
                SqliteMigrations.Run(connection, transaction, "DELETE FROM digest_log WHERE subscriber_id = $id", ("$id", row.Id));
                SqliteMigrations.Run(connection, transaction, "DELETE FROM digest_cursor WHERE subscriber_id = $id", ("$id", row.Id));
                SqliteMigrations.Run(connection, transaction, "DELETE FROM subscribers WHERE id = $id", ("$id", row.Id));
            }

            SqliteMigrations.Run(connection, transaction, "UPDATE subscribers SET mailbox = $mailbox WHERE id = $id", ("$mailbox", mailbox.Key), ("$id", keep));
        }

        SqliteMigrations.Run(connection, transaction, "CREATE UNIQUE INDEX IF NOT EXISTS subscribers_mailbox ON subscribers (mailbox)");
    }
}
