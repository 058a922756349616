using UsageSchema.NSwag;

namespace UsageSchema.Tests.Generation;

/// <summary>
/// The NSwag host types extension data as <c>JsonElement</c> by rewriting NJsonSchema's own class
/// template at run time; a release whose template no longer has the expected placeholders must
/// fail the build, not fall back to <c>object</c> in silence.
/// </summary>
public class ExtensionDataTemplateTests
{
    private const string Placeholder = "{{ AdditionalPropertiesType }}";

    [Fact]
    public void Each_value_type_placeholder_becomes_json_element()
    {
        var template = $"IDictionary<string, {Placeholder}>? _a; IDictionary<string, {Placeholder}> A => _a ??= new Dictionary<string, {Placeholder}>();";

        var typed = ExtensionDataTemplateFactory.WithTypedExtensionData(template);

        Assert.Equal(
            "IDictionary<string, System.Text.Json.JsonElement>? _a; IDictionary<string, System.Text.Json.JsonElement> A => _a ??= new Dictionary<string, System.Text.Json.JsonElement>();",
            typed);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(4)]
    public void A_template_with_another_number_of_placeholders_is_refused(int count)
    {
        var template = string.Concat(Enumerable.Repeat($"IDictionary<string, {Placeholder}> ", count));

        var error = Assert.Throws<InvalidOperationException>(() => ExtensionDataTemplateFactory.WithTypedExtensionData(template));

        Assert.Contains($"has {count} '{Placeholder}' placeholders where 3 were expected", error.Message, StringComparison.Ordinal);
    }
}
