using NJsonSchema.CodeGeneration.CSharp;
using NSwag.CodeGeneration.CSharp;

namespace UsageSchema.NSwag;

/// <summary>
/// NSwag's template factory with one change: a generated type's extension data
/// (<c>AdditionalProperties</c>, the members the spec does not name) is an
/// <c>IDictionary&lt;string, JsonElement&gt;</c>, not NSwag's <c>IDictionary&lt;string, object&gt;</c>.
/// </summary>
/// <remarks>
/// NJsonSchema hard-codes the value type of that dictionary as <c>object</c> in its class template
/// model (<c>ClassTemplateModel.AdditionalPropertiesType</c>, "TODO: typed dictionaries"), and no
/// setting reaches it (<c>AdditionalPropertiesValueType</c> is for schemas that are dictionaries).
/// So the factory reads NJsonSchema's own embedded <c>Class</c> template and puts
/// <c>System.Text.Json.JsonElement</c> where the template writes that value type, instead of
/// keeping a copy of the whole template here. A template of another NJsonSchema release that no
/// longer has exactly the expected placeholders fails the build (USN0001 on the spec) rather than
/// silently going back to <c>object</c>. See docs/decisions/spec-driven-wire.md, "Extension data".
/// </remarks>
internal sealed class ExtensionDataTemplateFactory : global::NSwag.CodeGeneration.DefaultTemplateFactory
{
    /// <summary>The value type of every generated <c>AdditionalProperties</c>.</summary>
    public const string ValueType = "System.Text.Json.JsonElement";

    // The class template's placeholder for the value type: in the backing field, the property and
    // the dictionary it creates on first read.
    private const string Placeholder = "{{ AdditionalPropertiesType }}";
    private const int PlaceholderCount = 3;

    public ExtensionDataTemplateFactory(CSharpGeneratorSettings settings)
        : base(settings, [typeof(CSharpGeneratorSettings).Assembly, typeof(CSharpClientGeneratorSettings).Assembly])
    {
    }

    protected override string GetEmbeddedLiquidTemplate(string language, string template)
    {
        var text = base.GetEmbeddedLiquidTemplate(language, template);
        return language == "CSharp" && template.TrimEnd('!') == "Class" ? WithTypedExtensionData(text) : text;
    }

    internal static string WithTypedExtensionData(string classTemplate)
    {
        var count = 0;
        for (var at = classTemplate.IndexOf(Placeholder, StringComparison.Ordinal); at >= 0; at = classTemplate.IndexOf(Placeholder, at + Placeholder.Length, StringComparison.Ordinal))
        {
            count++;
        }

        if (count != PlaceholderCount)
        {
            throw new InvalidOperationException(
                $"NJsonSchema's Class template has {count} '{Placeholder}' placeholders where {PlaceholderCount} were expected; "
                + $"the extension data could not be typed as {ValueType} (see generators/UsageSchema.NSwag/ExtensionDataTemplateFactory.cs).");
        }

        return classTemplate.Replace(Placeholder, ValueType, StringComparison.Ordinal);
    }
}
