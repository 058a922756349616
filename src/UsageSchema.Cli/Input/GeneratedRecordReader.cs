using System.Reflection;
using System.Text;
using System.Text.Json;

namespace UsageSchema.Cli.Input;

/// <summary>
/// The one-pass reading of a record line: the generated <c>TryReadJson</c> of the record types
/// (<c>JsonReaderEmitter</c>) fills the record straight from the line's tokens, and reports which of
/// its members were present, from which the record's kind is told (<see cref="RecordSniffer"/>'s
/// marks) without a second scan. A line is read as the type the previous line was (most files hold
/// one kind); a line of another kind is declined, and the caller's next path reads it and says which
/// type comes next (<see cref="Remember"/>).
/// </summary>
internal static class GeneratedRecordReader
{
    private static readonly Entry[] Entries = [.. InputRecordTypes.All.Select(Entry.Of)];

    [ThreadStatic]
    private static int t_guess;

    private delegate bool ReadRecord(ref Utf8JsonReader reader, out IUsageRecord? record, out ulong seen);

    private delegate bool ReadJson<T>(ref Utf8JsonReader reader, out T? value, out ulong seen)
        where T : class;

    /// <summary>Reads <paramref name="utf8"/> as one record; false when the generated reader declines, the line is of another kind, or it is malformed.</summary>
    /// <param name="utf8">The line: ASCII without escapes (the caller checks).</param>
    /// <param name="given">The kind of every bare record; null to tell it from the members.</param>
    /// <param name="options">The reader's options (strict: no comments, no trailing commas).</param>
    /// <param name="record">The record read.</param>
    public static bool TryRead(ReadOnlySpan<byte> utf8, Type? given, JsonReaderOptions options, out IUsageRecord? record)
    {
        record = null;
        var entry = Entries[given is null ? t_guess : InputRecordTypes.IndexOf(given)];
        var reader = new Utf8JsonReader(utf8, options);
        try
        {
            if (!reader.Read() || !entry.Read(ref reader, out var read, out var seen) || reader.Read())
            {
                return false;
            }

            // Read as the previous line's type, the members must still tell that type; else the next path sniffs it.
            if (given is null && RecordSniffer.TypeOfMark(entry.MarkOf(seen)) != entry.Type)
            {
                return false;
            }

            record = read;
            return true;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or FormatException or OverflowException)
        {
            return false;
        }
    }

    /// <summary>Reads the next lines as <paramref name="type"/> first (this thread's guess).</summary>
    public static void Remember(Type type) => t_guess = InputRecordTypes.IndexOf(type);

    /// <summary>A record type's generated reader and the <see cref="RecordSniffer"/> mark of each bit of its <c>seen</c>.</summary>
    private sealed class Entry(Type type, ReadRecord read, int[] marks)
    {
        public Type Type { get; } = type;

        public ReadRecord Read { get; } = read;

        /// <summary>The strongest mark among the members present.</summary>
        public int MarkOf(ulong seen)
        {
            var mark = RecordSniffer.NoMark;
            for (var i = 0; i < marks.Length; i++)
            {
                if ((seen & (1UL << i)) != 0)
                {
                    mark = Math.Min(mark, marks[i]);
                }
            }

            return mark;
        }

        public static Entry Of(Type type)
        {
            // The generated members are internal to the library (which lets the CLI see them): found once, at start.
            const BindingFlags Flags = BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
            var method = type.GetMethod("TryReadJson", Flags);
            var order = type.GetField("JsonReadOrder", Flags)?.GetValue(null) as string[];
            if (method is null || order is null)
            {
                return new Entry(type, Decline, []);
            }

            var wrap = typeof(Entry).GetMethod(nameof(Wrap), BindingFlags.Static | BindingFlags.NonPublic)!.MakeGenericMethod(type);
            var read = (ReadRecord)wrap.Invoke(null, [method])!;
            return new Entry(type, read, [.. order.Select(name => RecordSniffer.MarkOf(Encoding.UTF8.GetBytes(name)))]);
        }

        private static ReadRecord Wrap<T>(MethodInfo method)
            where T : class, IUsageRecord
        {
            var typed = method.CreateDelegate<ReadJson<T>>();
            return (ref Utf8JsonReader reader, out IUsageRecord? record, out ulong seen) =>
            {
                var ok = typed(ref reader, out var value, out seen);
                record = value;
                return ok;
            };
        }

        private static bool Decline(ref Utf8JsonReader reader, out IUsageRecord? record, out ulong seen)
        {
            record = null;
            seen = 0;
            return false;
        }
    }
}
