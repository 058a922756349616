using NJsonSchema.CodeGeneration.CSharp;
using NSwag;
using NSwag.CodeGeneration.CSharp;
using NSwag.CodeGeneration.OperationNameGenerators;

namespace UsageSchema.NSwag;

/// <summary>
/// The one place where NSwag's settings are chosen. Each choice below is pinned by the wire and
/// contract snapshot tests; change one and a snapshot shows what it did.
/// </summary>
internal static class ClientCodeGenerator
{
    public static async Task<string> GenerateAsync(SpecTarget target)
    {
        var document = await OpenApiYamlDocument.FromFileAsync(target.SpecPath).ConfigureAwait(false);
        var settings = new CSharpClientGeneratorSettings
        {
            ClassName = target.ClientName,
            OperationNameGenerator = new SingleClientFromOperationIdOperationNameGenerator(),
            GenerateClientInterfaces = true,
            // The client layer hands in an HttpClient from IHttpClientFactory, base address included.
            InjectHttpClient = true,
            DisposeHttpClient = false,
            UseBaseUrl = false,
            GenerateBaseUrlProperty = false,
            GenerateOptionalParameters = true,
            ParameterNameGenerator = new WireNameParameterNameGenerator(),
            GenerateExceptionClasses = true,
            ExceptionClass = target.ExceptionName,
            GenerateResponseClasses = false,
            ResponseArrayType = "System.Collections.Generic.IList",
            // Serializer options come from UsageJson (tolerant readers); see UpdateJsonSerializerSettings.
            GenerateUpdateJsonSerializerSettingsMethod = true,
            CSharpGeneratorSettings =
            {
                Namespace = target.Namespace,
                JsonLibrary = CSharpJsonLibrary.SystemTextJson,
                // 9.0 makes enums carry [JsonStringEnumMemberName]: "storage-credit" goes out as is.
                JsonLibraryVersion = 9.0m,
                // Date-times stay the text that was sent or read: round trips are exact, and the
                // generated Validate() checks the ISO 8601 form instead of a parser silently
                // normalising offsets.
                DateTimeType = "string",
                DateType = "string",
                GenerateNullableReferenceTypes = true,
                GenerateOptionalPropertiesAsNullable = true,
                // A default value would put optional members on the wire that the user never set.
                GenerateDefaultValues = false,
                // The analyzers read required members and constraints from these attributes.
                GenerateDataAnnotations = true,
                // Deserialising must not throw on a missing member: Validate() reports every
                // violation at once. See docs/decisions/required-members.md.
                UseRequiredKeyword = false,
                RequiredPropertiesMustBeDefined = false,
                GenerateJsonMethods = false,
                ArrayType = "System.Collections.Generic.IList",
                ArrayInstanceType = "System.Collections.Generic.List",
                DictionaryType = "System.Collections.Generic.IDictionary",
                DictionaryInstanceType = "System.Collections.Generic.Dictionary",
                PropertyNameGenerator = new WireNamePropertyNameGenerator(),
                TemplateDirectory = Path.Combine(AppContext.BaseDirectory, "Templates"),
            },
        };

        var generator = new CSharpClientGenerator(document, settings);
        return generator.GenerateFile();
    }
}
