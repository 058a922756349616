using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace UsageSchema.Serialization;

/// <summary>
/// The serializer settings every UsageSchema type is read and written with: the generated clients
/// use them, and callers that serialize records themselves should too.
/// </summary>
/// <remarks>
/// Writing is conservative (strings for charges and IDs, numbers for counts, optional members
/// omitted); reading is tolerant of what live services and other clients send (numbers where
/// strings are expected and the reverse, unknown members, which are kept and written back).
/// </remarks>
public static class UsageJson
{
    /// <summary>Read-only options for reading and writing the wire form.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions(writeIndented: false);

    /// <summary>The same options, indented; for display, logs and snapshots.</summary>
    public static JsonSerializerOptions IndentedOptions { get; } = CreateOptions(writeIndented: true);

    /// <summary>Applies the UsageSchema wire settings to <paramref name="options"/>.</summary>
    /// <param name="options">Options to configure, e.g. those of a generated client.</param>
    public static void Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        // Wire names are exactly those of the spec ([JsonPropertyName] on every member).
        options.PropertyNamingPolicy = null;
        options.PropertyNameCaseInsensitive = false;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.NumberHandling = JsonNumberHandling.AllowReadingFromString;
        options.ReadCommentHandling = JsonCommentHandling.Skip;
        options.AllowTrailingCommas = true;

        // The default encoder writes '+' as \u002B, which turns "+05:00" offsets into escapes that
        // other clients compare as different text. These bodies are JSON, never HTML.
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        if (!options.Converters.OfType<TolerantStringConverter>().Any())
        {
            options.Converters.Add(new TolerantStringConverter());
        }

        // Per-member converters the specs ask for (Charge's plain decimal, null read as absent), the
        // required numbers whose absence must fail the read, and the storage record's always-written
        // Attributes; added once, whoever configures twice.
        if (options.TypeInfoResolver is not UsageContractResolver)
        {
            options.TypeInfoResolver = new UsageContractResolver();
        }
    }

    /// <summary>The reflection contract with the UsageSchema modifiers, recognisable so that they are added once.</summary>
    private sealed class UsageContractResolver : DefaultJsonTypeInfoResolver
    {
        public UsageContractResolver()
        {
            Modifiers.Add(RequiredNumbersPresent.Apply);
            Modifiers.Add(SpecMemberConverters.Apply);
            Modifiers.Add(StorageAttributesAlwaysWritten.Apply);
        }
    }

    private static JsonSerializerOptions CreateOptions(bool writeIndented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General) { WriteIndented = writeIndented };
        Configure(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
