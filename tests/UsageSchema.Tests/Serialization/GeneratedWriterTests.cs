using System.Buffers;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using UsageSchema.Amie;
using UsageSchema.Serialization;

namespace UsageSchema.Tests.Serialization;

/// <summary>
/// The generated writers (<see cref="IJsonWritable"/>) must write what <see cref="JsonSerializer"/>
/// writes with <see cref="UsageJson.Options"/>, byte for byte, on every type that has one: objects
/// are filled member by member from a seeded generator with the values that test a writer (nulls,
/// unset optionals, text needing escapes, non-ASCII and surrogate pairs, <c>+05:00</c> offsets,
/// decimals in exponent form and of many digits, extreme numbers, extension data).
/// </summary>
public class GeneratedWriterTests
{
    private const int ObjectsPerType = 400;

    private static readonly string[] Texts =
    [
        "", "jdoe", "2024-03-01T08:15:00+05:00", "2024-03-01T08:15:00-08:00", "2024-03-01T08:15:00Z",
        "quote \" backslash \\ slash /", "tab\tnew\nline\r\u0001\u001f\u007f", "<script>&'</script>",
        "é日本語", "emoji 😀 pair", "\u2028\u2029", "\uFEFF bom", "a+b=c", "LocalRecordID",
    ];

    private static readonly string[] Decimals =
    [
        "0", "256.0", "2.500000", "-0.25", "1e-05", "+2.5", "2.5E+3", "123456789012345678901234567890.123456789",
        "-1E-30", "7.", ".5", "not a number", "1e999",
    ];

    public static TheoryData<string> WritableTypes => [.. Writable().Select(type => type.FullName!)];

    [Fact]
    public void The_records_the_packer_writes_have_generated_writers()
    {
        var writable = Writable().ToHashSet();
        Assert.Contains(typeof(ComputeUsageRecord), writable);
        Assert.Contains(typeof(ComputeAttributes), writable);
        Assert.Contains(typeof(StorageUsageRecord), writable);
        Assert.Contains(typeof(StorageAttributes), writable);
    }

    [Theory]
    [MemberData(nameof(WritableTypes))]
    public void A_generated_writer_writes_the_serializers_bytes(string typeName)
    {
        var type = Writable().Single(candidate => candidate.FullName == typeName);
        var random = new Random(typeName.Length * 7919);
        var buffer = new ArrayBufferWriter<byte>();
        using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = UsageJson.Options.Encoder });
        for (var i = 0; i < ObjectsPerType; i++)
        {
            var value = Fill(type, random, depth: 0);
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            ((IJsonWritable)value).WriteJson(writer);
            writer.Flush();

            var expected = JsonSerializer.Serialize(value, type, UsageJson.Options);
            Assert.Equal(expected, Encoding.UTF8.GetString(buffer.WrittenSpan));
        }
    }

    [Theory]
    [MemberData(nameof(WritableTypes))]
    public void A_generated_bytes_writer_writes_the_serializers_bytes_or_declines(string typeName)
    {
        var type = Writable().Single(candidate => candidate.FullName == typeName);
        var random = new Random(typeName.Length * 7919);
        var buffer = new WireBuffer(16);
        for (var i = 0; i < ObjectsPerType; i++)
        {
            var value = Fill(type, random, depth: 0);

            // Written after what is already in the buffer, as the packer appends to a request body.
            buffer.Truncate(0);
            buffer.Write("prefix,"u8);
            if (((IJsonWritable)value).TryWriteJson(buffer))
            {
                var expected = JsonSerializer.Serialize(value, type, UsageJson.Options);
                Assert.Equal("prefix," + expected, Encoding.UTF8.GetString(buffer.WrittenSpan));
            }
        }
    }

    [Fact]
    public void The_bytes_writer_writes_a_plain_compute_record_and_declines_text_to_escape()
    {
        var record = new ComputeUsageRecord
        {
            Username = "jdoe",
            LocalProjectId = "csd123",
            LocalRecordId = "é日本語",
            Resource = "expanse.sdsc.access-ci.org",
            SubmitTime = "2024-03-01T08:15:00+05:00",
            StartTime = "2024-03-01T08:15:00+05:00",
            EndTime = "2024-03-01T09:15:00+05:00",
            Charge = "1e-05",
            Attributes = new ComputeAttributes { NodeCount = 2, CpuCoreCount = int.MaxValue, JobName = "<run>&'", Queue = "gpu" },
        };
        var buffer = new WireBuffer(16);
        Assert.True(((IJsonWritable)record).TryWriteJson(buffer));
        Assert.Equal(JsonSerializer.Serialize(record, UsageJson.Options), Encoding.UTF8.GetString(buffer.WrittenSpan));

        foreach (var text in new[] { "quote \" here", "back\\slash", "tab\t", "lone \uD800 surrogate" })
        {
            record.Attributes.JobName = text;
            buffer.Truncate(0);
            Assert.False(((IJsonWritable)record).TryWriteJson(buffer));
        }
    }

    private static IEnumerable<Type> Writable() => typeof(UsageJson).Assembly.GetExportedTypes()
        .Where(type => typeof(IJsonWritable).IsAssignableFrom(type) && type is { IsInterface: false, IsAbstract: false })
        .OrderBy(type => type.FullName, StringComparer.Ordinal);

    private static object Fill(Type type, Random random, int depth)
    {
        var value = Activator.CreateInstance(type)!;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(property => property.CanWrite))
        {
            if (property.GetCustomAttribute<JsonExtensionDataAttribute>() is not null)
            {
                if (random.Next(6) == 0)
                {
                    var extension = (IDictionary<string, JsonElement>)property.GetValue(value)!;
                    extension["Site" + random.Next(3)] = JsonDocument.Parse(random.Next(2) == 0 ? "{\"a\":[1,\"x+y\"]}" : "4").RootElement.Clone();
                }

                continue;
            }

            // One member in five left as constructed (null, zero or NSwag's default), so omissions are tested too.
            if (random.Next(5) == 0)
            {
                continue;
            }

            property.SetValue(value, Value(property, random, depth));
        }

        return value;
    }

    private static object? Value(PropertyInfo property, Random random, int depth)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        var isNullable = !property.PropertyType.IsValueType || Nullable.GetUnderlyingType(property.PropertyType) is not null;
        if (isNullable && random.Next(8) == 0)
        {
            return null;
        }

        if (type == typeof(string))
        {
            var decimalMember = property.DeclaringType!.GetCustomAttributes<Metadata.SpecMemberAttribute>()
                .Any(member => member.Member == property.Name && member.Format == "decimal");
            return decimalMember && random.Next(4) != 0 ? Decimals[random.Next(Decimals.Length)] : Texts[random.Next(Texts.Length)];
        }

        return type switch
        {
            _ when type == typeof(int) => random.Next(4) switch { 0 => int.MinValue, 1 => int.MaxValue, _ => random.Next(-5, 1000) },
            _ when type == typeof(long) => random.Next(3) == 0 ? long.MaxValue : random.NextInt64(-5, 1L << 50),
            _ when type == typeof(double) => random.Next(5) switch { 0 => 1e-05, 1 => double.MaxValue, 2 => -0.0, 3 => 123456789.123, _ => random.NextDouble() * 1e6 },
            _ when type == typeof(float) => (float)(random.NextDouble() * 1e6),
            _ when type == typeof(decimal) => (decimal)random.NextDouble() * 1e6m,
            _ when type == typeof(bool) => random.Next(2) == 0,
            _ when typeof(IJsonWritable).IsAssignableFrom(type) && depth < 3 => Fill(type, random, depth + 1),
            _ => throw new InvalidOperationException($"The test cannot fill {property.DeclaringType!.Name}.{property.Name} of type {type}; add the type to it."),
        };
    }
}
