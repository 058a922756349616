using System.Data.Common;

namespace UsageSchema.Outbox;

/// <summary>
/// How both stores select an <see cref="OutboxEntry"/>: the columns, in the order
/// <see cref="Read"/> expects them. The stores differ in how they keep an instant, an API and a state
/// (PostgreSQL: <c>timestamptz</c> and names; SQLite: Unix milliseconds and <see cref="SqliteCodes"/>).
/// </summary>
internal static class OutboxEntryRows
{
    public const string Columns = "id, api, dedupe_key, record_type, payload, state, attempts, last_error, claimed_by, lease_expires_at, created_at, updated_at, delivered_at, source";

    /// <summary>The entry at the reader's current row.</summary>
    /// <param name="reader">A reader over <see cref="Columns"/>.</param>
    /// <param name="instant">Reads the instant in a column, as the store keeps it.</param>
    /// <param name="api">Reads the API in a column, as the store keeps it.</param>
    /// <param name="state">Reads the state in a column, as the store keeps it.</param>
    public static OutboxEntry Read(DbDataReader reader, Func<DbDataReader, int, DateTimeOffset> instant, Func<DbDataReader, int, UsageApi> api, Func<DbDataReader, int, OutboxState> state) => new(
        reader.GetInt64(0),
        api(reader, 1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        state(reader, 5),
        reader.GetInt32(6),
        reader.IsDBNull(7) ? null : reader.GetString(7),
        reader.IsDBNull(8) ? null : reader.GetString(8),
        reader.IsDBNull(9) ? null : instant(reader, 9),
        instant(reader, 10),
        instant(reader, 11),
        reader.IsDBNull(12) ? null : instant(reader, 12),
        reader.IsDBNull(13) ? null : reader.GetString(13));
}
