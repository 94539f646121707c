namespace NkWatch.Storage.Sqlite;

/// <summary>Tables a store owns, created when the store is first built (idempotent), so each store keeps its schema beside its queries.</summary>
internal static class SqliteSchema
{
    public static void Ensure(SqliteDatabase database, string createStatements)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = createStatements;
        command.ExecuteNonQuery();
    }
}
