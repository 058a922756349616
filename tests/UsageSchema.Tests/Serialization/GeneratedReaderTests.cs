using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using UsageSchema.Amie;
using UsageSchema.Perseus;
using UsageSchema.Serialization;
using UsageSchema.Tests.Shared.WireForms;

namespace UsageSchema.Tests.Serialization;

/// <summary>
/// The generated readers (<c>TryReadJson</c>, <c>JsonReaderEmitter</c>) against <see cref="JsonSerializer"/>
/// with <see cref="UsageJson.Options"/>: on every object of the wire-form corpus, read as every type
/// that has a reader, and on thousands of variations of each member (escapes, big and non-finite
/// numbers, duplicates, nulls, unknown members, wrong types), what a reader accepts the serializer
/// reads to the same object (written back byte for byte alike), and its <c>seen</c> names exactly
/// the members present. Declining is always allowed; the test also checks that the common forms are
/// not declined, so that the reader is of use.
/// </summary>
public class GeneratedReaderTests
{
    private static readonly string[] Tokens =
    [
        "null", "true", "false", "0", "-1", "1.5", "-0", "1E2", "2147483648", "9223372036854775808", "1e400", "-1e400",
        "0.1e-5", "123456789012345678901234567890.5", "\"12\"", "\"abc\"", "\"\"", "\"1e400\"", "\"NaN\"", "\"Infinity\"",
        "\"\\u00e9t\\u00e9\"", "\"a\\\"b\"", "\"caf\u00e9\"", "[]", "[null]", "[\"x\"]", "[1, 2]", "{}", "{\"NodeCount\": 1}",
        "\"2024-03-01T08:15:00+05:00\"", "\"+2.5\"", "7", "2.500000",
    ];

    private static readonly JsonReaderOptions SerializerLike = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static TheoryData<string> ReadableTypes => [.. Readable().Select(type => type.FullName!)];

    [Fact]
    public void The_record_types_the_cli_reads_have_readers()
    {
        var readable = Readable().ToHashSet();
        Assert.Contains(typeof(ComputeUsageRecord), readable);
        Assert.Contains(typeof(ComputeAttributes), readable);
        Assert.Contains(typeof(StorageUsageRecord), readable);
        Assert.Contains(typeof(AdjustmentUsageRecord), readable);
        Assert.Contains(typeof(UsageReport), readable);
    }

    [Theory]
    [MemberData(nameof(ReadableTypes))]
    public void A_generated_reader_reads_what_the_serializer_reads_or_declines(string typeName)
    {
        var type = Readable().Single(candidate => candidate.FullName == typeName);
        var total = 0;
        foreach (var json in Variations(CorpusObjects()))
        {
            // Most inputs are of another type, faults, or forms the reader leaves to the serializer (the canonical test below checks what must be read).
            Compare(type, json);
            total++;
        }

        Assert.True(total > 1_000, $"{typeName}: only {total} inputs");
    }

    [Fact]
    public void The_canonical_records_are_read_by_the_generated_reader()
    {
        var compute = """{"Username":"jdoe","LocalProjectID":"p1","LocalRecordID":"42","Resource":"r.access-ci.org","SubmitTime":"2024-03-01T08:15:00-08:00","StartTime":"2024-03-01T08:20:00-08:00","EndTime":"2024-03-01T09:20:00-08:00","Charge":"1e-05","Attributes":{"NodeCount":2,"CpuCoreCount":8}}""";
        Assert.True(Compare(typeof(ComputeUsageRecord), compute));
        Assert.True(Compare(typeof(ComputeUsageRecord), compute.Replace("\"42\"", "42", StringComparison.Ordinal)));
        Assert.True(Compare(typeof(ComputeUsageRecord), compute.Replace("\"jdoe\"", "\"j\\u0064oe\"", StringComparison.Ordinal)));

        // Declined, and so the serializer's: a null, a duplicate, an unknown member, a number in a string, a missing required member.
        Assert.False(Compare(typeof(ComputeUsageRecord), compute.Replace("\"jdoe\"", "null", StringComparison.Ordinal)));
        Assert.False(Compare(typeof(ComputeUsageRecord), compute.Replace("{\"Username\"", "{\"Username\":\"x\",\"Username\"", StringComparison.Ordinal)));
        Assert.False(Compare(typeof(ComputeUsageRecord), compute.Replace("{\"Username\"", "{\"Extra\":1,\"Username\"", StringComparison.Ordinal)));
        Assert.False(Compare(typeof(ComputeUsageRecord), compute.Replace("\"NodeCount\":2", "\"NodeCount\":\"2\"", StringComparison.Ordinal)));
        Assert.False(Compare(typeof(ComputeUsageRecord), compute.Replace("\"Username\":\"jdoe\",", string.Empty, StringComparison.Ordinal)));
    }

    /// <summary>Reads <paramref name="json"/> both ways; whether the generated reader accepted it (and then agreed with the serializer).</summary>
    private static bool Compare(Type type, string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var generated = Generated(type, bytes, out var seen);
        if (generated is null)
        {
            return false;
        }

        object? expected;
        try
        {
            expected = JsonSerializer.Deserialize(bytes, type, UsageJson.Options);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or NotSupportedException or FormatException or OverflowException)
        {
            Assert.Fail($"{type.Name}: the generated reader read {json}, the serializer threw {exception.Message}");
            return false;
        }

        Assert.NotNull(expected);
        Assert.Equal(JsonSerializer.Serialize(expected, type, UsageJson.Options), JsonSerializer.Serialize(generated, type, UsageJson.Options));

        var order = (string[])type.GetField("JsonReadOrder", BindingFlags.Static | BindingFlags.NonPublic)!.GetValue(null)!;
        var present = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip })!.AsObject();
        for (var i = 0; i < order.Length; i++)
        {
            Assert.True(((seen >> i) & 1) == (present.ContainsKey(order[i]) ? 1UL : 0UL), $"{type.Name}: bit {i} ({order[i]}) of seen on {json}");
        }

        return true;
    }

    private static object? Generated(Type type, byte[] bytes, out ulong seen)
    {
        var read = typeof(GeneratedReaderTests).GetMethod(nameof(ReadAs), BindingFlags.Static | BindingFlags.NonPublic)!.MakeGenericMethod(type);
        var (value, bits) = ((object? Value, ulong Seen))read.Invoke(null, [bytes])!;
        seen = bits;
        return value;
    }

    private delegate bool ReadJson<T>(ref Utf8JsonReader reader, out T? value, out ulong seen);

    private static (object? Value, ulong Seen) ReadAs<T>(byte[] bytes)
        where T : class
    {
        var method = typeof(T).GetMethod("TryReadJson", BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)!;
        var read = method.CreateDelegate<ReadJson<T>>();
        var reader = new Utf8JsonReader(bytes, SerializerLike);
        try
        {
            reader.Read();
            if (!read(ref reader, out var value, out var seen))
            {
                return (null, 0);
            }

            // What follows the object must be nothing, as for the serializer.
            return reader.Read() ? (null, 0) : (value, seen);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            return (null, 0);
        }
    }

    private static IEnumerable<Type> Readable() =>
        typeof(UsageJson).Assembly.GetTypes().Where(type =>
            type.GetField("JsonReadOrder", BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)?.GetValue(null) is string[] { Length: > 0 });

    /// <summary>Every member of every object (nested ones too) replaced by each token, removed, named twice, escaped; and unknown members added.</summary>
    private static IEnumerable<string> Variations(IEnumerable<JsonObject> objects)
    {
        foreach (var obj in objects)
        {
            var text = obj.ToJsonString();
            yield return text;
            yield return text.Insert(1, "\"Unknown\": 1, ");
            yield return text.Insert(text.Length - 1, ", ");
            yield return text.Insert(1, "/* c */");
            yield return text + " {}";

            // A lone surrogate escape, which neither reader can make a string of (the serializer throws; the reader declines).
            yield return text.Insert(1, "\"Username\": \"\\ud800\", ");
            foreach (var path in Paths(obj, []))
            {
                foreach (var token in Tokens)
                {
                    yield return Replace(obj, path, JsonNode.Parse(token)).ToJsonString();
                }

                yield return Replace(obj, path, null, remove: true).ToJsonString();
                var name = path[^1];
                yield return text.Replace($"\"{name}\":", $"\"{name}\":1,\"{name}\":", StringComparison.Ordinal);
                yield return text.Replace($"\"{name}\":", $"\"\\u{(int)name[0]:x4}{name[1..]}\":", StringComparison.Ordinal);
                yield return text.Replace($"\"{name}\":", $"\"{name.ToLowerInvariant()}\":", StringComparison.Ordinal);
            }
        }
    }

    private static IEnumerable<string[]> Paths(JsonObject obj, string[] prefix)
    {
        foreach (var (name, value) in obj)
        {
            string[] path = [.. prefix, name];
            yield return path;
            if (value is JsonObject nested && prefix.Length == 0)
            {
                foreach (var inner in Paths(nested, path))
                {
                    yield return inner;
                }
            }
        }
    }

    private static JsonObject Replace(JsonObject obj, string[] path, JsonNode? value, bool remove = false)
    {
        var copy = obj.DeepClone().AsObject();
        var parent = copy;
        foreach (var name in path[..^1])
        {
            parent = parent[name]!.AsObject();
        }

        if (remove)
        {
            parent.Remove(path[^1]);
        }
        else
        {
            parent[path[^1]] = value;
        }

        return copy;
    }

    /// <summary>The record objects of the corpus's AMIE and PERSEUS bodies, then their nested objects (a record's Attributes) on their own, for the readers of their types.</summary>
    private static List<JsonObject> CorpusObjects()
    {
        var records = WireFormFiles.Records();
        var nested = records.SelectMany(record => record.Select(member => member.Value).OfType<JsonObject>()).Select(value => value.DeepClone().AsObject()).ToList();
        return [.. records, .. nested];
    }

}
