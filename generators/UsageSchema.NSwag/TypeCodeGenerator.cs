using NJsonSchema.CodeGeneration.CSharp;
using NSwag;
using NSwag.CodeGeneration.CSharp;

namespace UsageSchema.NSwag;

/// <summary>
/// The one place where NSwag's settings are chosen. NSwag writes the record types only: no
/// per-operation client, interface or exception class, because the package has one client per API
/// (hand-written over the descriptors of <see cref="OperationsEmitter"/>) and ships nothing unused.
/// Each choice below is pinned by the wire and contract snapshot tests; change one and a snapshot
/// shows what it did.
/// </summary>
internal static class TypeCodeGenerator
{
    public static string Generate(OpenApiDocument document, SpecTarget target)
    {
        var settings = new CSharpClientGeneratorSettings
        {
            // Types only: the wire of each operation is emitted by OperationsEmitter.
            GenerateClientClasses = false,
            GenerateClientInterfaces = false,
            GenerateExceptionClasses = false,
            GenerateResponseClasses = false,
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
                // An untyped schema ({}: PERSEUS's error members, "whatever its JSON type") is the
                // JSON value as read, not object: a public signature says what it holds, and STJ
                // reads it without guessing a CLR type.
                AnyType = "System.Text.Json.JsonElement",
                DateType = "string",
                GenerateNullableReferenceTypes = true,
                GenerateOptionalPropertiesAsNullable = true,
                // A default value would put optional members on the wire that the user never set.
                GenerateDefaultValues = false,
                // [Required], [StringLength], [RegularExpression] and [Range] document the spec to
                // readers of the types and to DataAnnotations validators. The analyzers do not read
                // them: they read [SpecSchema]/[SpecMember], which the source generator writes.
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

        // Extension data as JsonElement, not object: see ExtensionDataTemplateFactory.
        settings.CSharpGeneratorSettings.TemplateFactory = new ExtensionDataTemplateFactory(settings.CSharpGeneratorSettings);

        var generator = new CSharpClientGenerator(document, settings);
        return generator.GenerateFile();
    }
}
