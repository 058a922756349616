using System.Reflection;
using UsageSchema.Generators.Tests.Harness;
using UsageSchema.Validation;

namespace UsageSchema.Generators.Tests;

/// <summary>
/// Constraints the real specs do not use yet (maximum, exclusive bounds, maxLength, maxItems, a
/// secret member, a numeric rule), generated, compiled, loaded and run.
/// </summary>
public sealed class SyntheticSpecBehaviourTests : IClassFixture<SyntheticSpecBehaviourTests.GadgetAssembly>
{
    private readonly Assembly _assembly;

    public SyntheticSpecBehaviourTests(GadgetAssembly fixture) => _assembly = fixture.Assembly;

    [Fact]
    public void A_valid_gadget_has_no_violation()
    {
        Assert.True(Validate(Gadget()).IsValid);
    }

    [Theory]
    [InlineData("Serial", "abcdefghi", "serial", ValidationRule.MaxLength, "must be at most 8 character(s) long; got 9")]
    [InlineData("Low", 101, "low", ValidationRule.Maximum, "must be <= 100; got 101")]
    [InlineData("Low", -1, "low", ValidationRule.Minimum, "must be >= 0; got -1")]
    [InlineData("High", 0d, "high", ValidationRule.Minimum, "must be > 0; got 0")]
    [InlineData("High", 1000d, "high", ValidationRule.Maximum, "must be < 1000; got 1000")]
    public void Each_bound_is_checked(string member, object value, string path, ValidationRule rule, string message)
    {
        var gadget = Gadget();
        Set(gadget, member, value);

        var violation = Assert.Single(Validate(gadget).Violations);

        Assert.Equal((path, rule, message), (violation.Path, violation.Rule, violation.Message));
    }

    [Fact]
    public void A_secret_member_is_never_echoed_in_a_message()
    {
        var gadget = Gadget();
        Set(gadget, "Token", "NOT-A-LOWERCASE-SECRET");

        var violation = Assert.Single(Validate(gadget).Violations);

        Assert.Equal(ValidationRule.Pattern, violation.Rule);
        Assert.DoesNotContain("SECRET", violation.Message, StringComparison.Ordinal);
        Assert.Contains("(redacted)", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_items_and_an_invalid_item_are_both_reported_with_their_paths()
    {
        var gadget = Gadget();
        var parts = (System.Collections.IList)Get(gadget, "Parts")!;
        parts.Add(Part("ok"));
        parts.Add(Part("x"));
        parts.Add(Part("fine"));

        var violations = Validate(gadget).Violations;

        Assert.Equal(
            [("parts", ValidationRule.MaxItems), ("parts[1].name", ValidationRule.MinLength)],
            violations.Select(violation => (violation.Path, violation.Rule)));
    }

    [Fact]
    public void A_numeric_cross_field_rule_is_checked()
    {
        var gadget = Gadget();
        Set(gadget, "Low", 50);
        Set(gadget, "High", 10d);

        var violation = Assert.Single(Validate(gadget).Violations);

        Assert.Equal(("low", ValidationRule.CrossField), (violation.Path, violation.Rule));
        Assert.Equal("must be <= high (rule 'low <= high'); got 50 and 10", violation.Message);
    }

    [Fact]
    public void Gadgets_with_the_same_serial_are_equal()
    {
        var first = Gadget();
        var second = Gadget();
        Set(second, "Low", 7);

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    private object Gadget()
    {
        var gadget = Activator.CreateInstance(_assembly.GetType("Synthetic.Api.Gadget", throwOnError: true)!)!;
        Set(gadget, "Serial", "g-1");
        Set(gadget, "Low", 0);
        Set(gadget, "High", 500d);
        Set(gadget, "Parts", Activator.CreateInstance(typeof(List<>).MakeGenericType(_assembly.GetType("Synthetic.Api.Part", throwOnError: true)!)));
        return gadget;
    }

    private object Part(string name)
    {
        var part = Activator.CreateInstance(_assembly.GetType("Synthetic.Api.Part", throwOnError: true)!)!;
        Set(part, "Name", name);
        return part;
    }

    private static ValidationResult Validate(object value) => ((IValidatable)value).Validate();

    private static void Set(object target, string property, object? value) => target.GetType().GetProperty(property)!.SetValue(target, value);

    private static object? Get(object target, string property) => target.GetType().GetProperty(property)!.GetValue(target);

    public sealed class GadgetAssembly : IDisposable
    {
        private const string Yaml = """
            openapi: 3.0.3
            info:
              title: Synthetic
              version: '1'
            paths: {}
            components:
              schemas:
                Gadget:
                  type: object
                  x-upsert-key: [serial]
                  x-rules:
                    - low <= high
                  required: [serial, low, high]
                  properties:
                    serial:
                      type: string
                      maxLength: 8
                    token:
                      type: string
                      pattern: '^[a-z]+$'
                      x-secret: true
                    low:
                      type: integer
                      format: int32
                      minimum: 0
                      maximum: 100
                    high:
                      type: number
                      format: double
                      minimum: 0
                      exclusiveMinimum: true
                      maximum: 1000
                      exclusiveMaximum: true
                    parts:
                      type: array
                      maxItems: 2
                      items:
                        $ref: '#/components/schemas/Part'
                Part:
                  type: object
                  required: [name]
                  properties:
                    name:
                      type: string
                      minLength: 2
            """;

        private readonly SyntheticSpec _spec = new(Yaml);

        public GadgetAssembly() => Assembly = _spec.Load();

        public Assembly Assembly { get; }

        public void Dispose() => _spec.Dispose();
    }
}
