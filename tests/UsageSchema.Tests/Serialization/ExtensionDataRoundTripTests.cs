using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using UsageSchema.Amie;
using UsageSchema.Serialization;

namespace UsageSchema.Tests.Serialization;

/// <summary>
/// Members a spec does not name land in the generated types' <c>AdditionalProperties</c>, typed
/// <see cref="JsonElement"/>: each one is read as the JSON value it was (no guessing of a CLR type)
/// and written back as it came, whatever its kind, on every generated type that has extension data.
/// </summary>
public class ExtensionDataRoundTripTests
{
    // In the form UsageJson.Options writes (no spaces, relaxed escaping), so the output can be
    // compared byte for byte; one member of every JSON kind, a number in a form a double would lose.
    private const string Unknown =
        "\"xString\":\"é \\\" <x>\",\"xNumber\":12.50,\"xBig\":123456789012345678901234567890,"
        + "\"xObject\":{\"a\":[1,\"x\"],\"b\":{}},\"xArray\":[1,{\"b\":null},[]],\"xNull\":null,\"xTrue\":true,\"xFalse\":false";

    private static readonly Dictionary<string, JsonValueKind> Kinds = new(StringComparer.Ordinal)
    {
        ["xString"] = JsonValueKind.String,
        ["xNumber"] = JsonValueKind.Number,
        ["xBig"] = JsonValueKind.Number,
        ["xObject"] = JsonValueKind.Object,
        ["xArray"] = JsonValueKind.Array,
        ["xNull"] = JsonValueKind.Null,
        ["xTrue"] = JsonValueKind.True,
        ["xFalse"] = JsonValueKind.False,
    };

    public static TheoryData<string> TypesWithExtensionData => [.. WithExtensionData().Select(type => type.FullName!)];

    [Fact]
    public void Every_generated_type_with_extension_data_types_it_as_json_elements()
    {
        var types = typeof(UsageJson).Assembly.GetExportedTypes().Where(type => ExtensionData(type) is not null).ToList();

        Assert.Contains(typeof(ComputeUsageRecord), types);
        Assert.Contains(typeof(GatewayAttributes.JobAttributes), types);
        Assert.Contains(typeof(Perseus.UsageReport), types);
        Assert.All(types, type => Assert.Equal(typeof(IDictionary<string, JsonElement>), ExtensionData(type)!.PropertyType));
    }

    [Theory]
    [MemberData(nameof(TypesWithExtensionData))]
    public void Unknown_members_of_every_kind_survive_a_round_trip(string typeName)
    {
        var type = WithExtensionData().Single(candidate => candidate.FullName == typeName);

        // The members the type knows as a blank one writes them (some are required), then the unknown ones.
        var known = JsonSerializer.Serialize(Activator.CreateInstance(type), type, UsageJson.Options);
        var json = known == "{}" ? "{" + Unknown + "}" : known[..^1] + "," + Unknown + "}";

        var value = JsonSerializer.Deserialize(json, type, UsageJson.Options)!;
        var extension = (IDictionary<string, JsonElement>)ExtensionData(type)!.GetValue(value)!;

        Assert.Equal(Kinds, extension.ToDictionary(member => member.Key, member => member.Value.ValueKind, StringComparer.Ordinal));
        Assert.Equal("é \" <x>", extension["xString"].GetString());
        Assert.Equal("12.50", extension["xNumber"].GetRawText());

        // The serializer writes extension data after the members it knows, each as it was read.
        Assert.Equal(json, JsonSerializer.Serialize(value, type, UsageJson.Options));
    }

    [Fact]
    public void A_record_read_with_unknown_members_keeps_them_in_the_message_it_is_sent_in()
    {
        var record = JsonSerializer.Deserialize<ComputeUsageRecord>(
            "{\"LocalRecordID\":\"r1\",\"Attributes\":{\"NodeCount\":2," + Unknown + "}," + Unknown + "}", UsageJson.Options)!;

        var written = JsonSerializer.Serialize(new ComputeUsageMessage { Records = [record] }, UsageJson.Options);

        Assert.Contains("\"Attributes\":{\"NodeCount\":2," + Unknown + "}", written, StringComparison.Ordinal);
        Assert.EndsWith("," + Unknown + "}]}", written, StringComparison.Ordinal);
    }

    private static IEnumerable<Type> WithExtensionData() => typeof(UsageJson).Assembly.GetExportedTypes()
        .Where(type => type is { IsAbstract: false, IsClass: true } && type.GetConstructor(Type.EmptyTypes) is not null && ExtensionData(type) is not null)
        .OrderBy(type => type.FullName, StringComparer.Ordinal);

    private static PropertyInfo? ExtensionData(Type type) => type
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .SingleOrDefault(property => property.GetCustomAttribute<JsonExtensionDataAttribute>() is not null);
}
