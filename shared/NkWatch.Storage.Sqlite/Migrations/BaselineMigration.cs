namespace NkWatch.Storage.Sqlite.Migrations;

/// <summary>Step 1: the tables as the first release created them (feed_state before its later columns, subscribers before the mailbox key).</summary>
internal static class BaselineMigration
{
    public const string Tables = """
        CREATE TABLE IF NOT EXISTS feed_state (
            feed_id TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, last_polled_at TEXT, last_success_at TEXT,
            last_error TEXT, consecutive_failures INTEGER NOT NULL DEFAULT 0, next_poll_at TEXT, items_seen INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE IF NOT EXISTS items (
            item_id TEXT PRIMARY KEY, feed_id TEXT NOT NULL, first_seen TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS matches (
            item_id TEXT PRIMARY KEY, feed_id TEXT NOT NULL, stored_at INTEGER NOT NULL, body TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS matches_stored_at ON matches (stored_at);
        CREATE TABLE IF NOT EXISTS subscribers (
            id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, body TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS digest_log (
            subscriber_id TEXT NOT NULL, period TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (subscriber_id, period));
        CREATE TABLE IF NOT EXISTS story_members (
            item_id TEXT PRIMARY KEY, story_id TEXT NOT NULL, at INTEGER NOT NULL, body TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS story_members_at ON story_members (at);
        CREATE TABLE IF NOT EXISTS digest_cursor (
            subscriber_id TEXT PRIMARY KEY, version INTEGER NOT NULL, body TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS queue_messages (
            id INTEGER PRIMARY KEY AUTOINCREMENT, queue TEXT NOT NULL, body TEXT NOT NULL,
            visible_at INTEGER NOT NULL, dequeue_count INTEGER NOT NULL DEFAULT 0, pop_receipt TEXT);
        CREATE INDEX IF NOT EXISTS queue_messages_visible ON queue_messages (queue, visible_at);
        """;
}
