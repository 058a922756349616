using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace UsageSchema.Emulator.Acceptance;

/// <summary>
/// The translated JSON Schema of one request body (<see cref="OpenApiDialect"/>), compiled once at
/// start into a tree of checks over <see cref="JsonElement"/> that only says valid or not. It
/// decides the common case (a valid body, read once) without JsonSchema.Net's evaluation; a body it
/// rejects goes to JsonSchema.Net, which phrases the violations.
/// </summary>
/// <remarks>
/// It reads the same translated schema that JsonSchema.Net is given, keyword by keyword, so the two
/// cannot read different specs; formats are JsonSchema.Net's own (<see cref="Formats"/>), so a
/// date-time means the same to both. A keyword it does not know makes it <see cref="Complete"/>
/// false, and then every body takes the JsonSchema.Net path: an unknown keyword costs speed, never
/// a wrong verdict. The differential tests (<c>CompiledSchemaTests</c>) pin the agreement.
/// </remarks>
internal sealed class CompiledSchema
{
    /// <summary>Annotations: they do not constrain a value.</summary>
    private static readonly HashSet<string> Annotations = new(StringComparer.Ordinal)
    {
        "$schema", "$id", "$defs", "$comment", "title", "description", "default", "examples", "deprecated", "readOnly", "writeOnly",
    };

    private readonly JsonObject _defs;
    private readonly Dictionary<string, Holder> _compiled = new(StringComparer.Ordinal);
    private readonly Func<JsonElement, bool> _root;

    public CompiledSchema(JsonObject schema)
    {
        _defs = schema["$defs"] as JsonObject ?? [];
        _root = Compile(schema);
    }

    /// <summary>False when the schema has a keyword this compiler does not know: <see cref="IsValid"/> is then always false.</summary>
    public bool Complete { get; private set; } = true;

    /// <summary>True when <paramref name="instance"/> is valid by the schema (and the schema was compiled completely).</summary>
    public bool IsValid(JsonElement instance) => Complete && _root(instance);

    private Func<JsonElement, bool> Compile(JsonNode? schema)
    {
        if (schema is JsonValue flag && flag.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            var result = flag.GetValueKind() == JsonValueKind.True;
            return _ => result;
        }

        if (schema is not JsonObject keywords)
        {
            Complete = false;
            return _ => false;
        }

        // x-rules beside properties are checked in the members' one pass, each time parsed once (by its format check).
        var rules = keywords.ContainsKey("properties") && keywords[CrossFieldRules.Keyword] is { } ruleList ? CrossFieldRules.Read(ruleList) : null;
        var checks = new List<Func<JsonElement, bool>>();
        foreach (var (key, value) in keywords)
        {
            // then/else belong to "if"; required and additionalProperties to the one object check below.
            if (Annotations.Contains(key) || key is "then" or "else" or "additionalProperties" or "required" || (rules is not null && key == CrossFieldRules.Keyword))
            {
                continue;
            }

            checks.Add(key switch
            {
                "$ref" => Reference(value!.GetValue<string>()),
                "type" => TypeCheck(value!),
                "enum" => EnumCheck(value!.AsArray()),
                "const" => EnumCheck([value?.DeepClone()]),
                "properties" => ObjectCheck(value!.AsObject(), keywords["required"], keywords["additionalProperties"], rules),
                "items" => Items(Compile(value)),
                "minItems" => ArrayLength(Count(value), int.MaxValue),
                "maxItems" => ArrayLength(0, Count(value)),
                "allOf" => All([.. value!.AsArray().Select(Compile)]),
                "anyOf" => Any([.. value!.AsArray().Select(Compile)]),
                "oneOf" => One([.. value!.AsArray().Select(Compile)]),
                "not" => Not(Compile(value)),
                "if" => Conditional(Compile(value), keywords.ContainsKey("then") ? Compile(keywords["then"]) : null, keywords.ContainsKey("else") ? Compile(keywords["else"]) : null),
                "minimum" => Number(value!, sign => sign >= 0),
                "maximum" => Number(value!, sign => sign <= 0),
                "exclusiveMinimum" => Number(value!, sign => sign > 0),
                "exclusiveMaximum" => Number(value!, sign => sign < 0),
                "minLength" => StringLength(Count(value), int.MaxValue),
                "maxLength" => StringLength(0, Count(value)),
                "pattern" => Pattern(value!.GetValue<string>()),
                "format" => FormatCheck(value!.GetValue<string>()),
                CrossFieldRules.Keyword => CrossFieldRules.Compile(value!),
                _ => Unknown(),
            });
        }

        // required or additionalProperties without properties still constrain the object.
        if (!keywords.ContainsKey("properties") && (keywords.ContainsKey("required") || keywords.ContainsKey("additionalProperties")))
        {
            checks.Add(ObjectCheck([], keywords["required"], keywords["additionalProperties"]));
        }

        var all = checks.ToArray();
        return all.Length == 1 ? all[0] : Every(all);
    }

    /// <summary>Every check of one schema object, in order, stopping at the first that fails.</summary>
    private static Func<JsonElement, bool> Every(Func<JsonElement, bool>[] all) => instance =>
    {
        foreach (var check in all)
        {
            if (!check(instance))
            {
                return false;
            }
        }

        return true;
    };

    private Func<JsonElement, bool> Unknown()
    {
        Complete = false;
        return _ => false;
    }

    private static int Count(JsonNode? value) => value is JsonValue number && number.TryGetValue<int>(out var count) ? count : int.MaxValue;

    /// <summary>A <c>#/$defs/X</c> reference, compiled once (a holder breaks a cycle).</summary>
    private Func<JsonElement, bool> Reference(string reference)
    {
        if (!reference.StartsWith(OpenApiDialect.DefsPrefix, StringComparison.Ordinal))
        {
            return Unknown();
        }

        var name = reference[OpenApiDialect.DefsPrefix.Length..].Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
        if (!_compiled.TryGetValue(name, out var holder))
        {
            holder = new Holder();
            _compiled[name] = holder;
            holder.Check = _defs.TryGetPropertyValue(name, out var target) ? Compile(target) : Unknown();
        }

        return instance => holder.Check!(instance);
    }

    private static Func<JsonElement, bool> TypeCheck(JsonNode value)
    {
        var names = value is JsonArray array ? array.Select(name => name!.GetValue<string>()).ToArray() : [value.GetValue<string>()];
        var kinds = 0;
        foreach (var name in names)
        {
            kinds |= name switch
            {
                "object" => 1 << (int)JsonValueKind.Object,
                "array" => 1 << (int)JsonValueKind.Array,
                "string" => 1 << (int)JsonValueKind.String,
                "boolean" => (1 << (int)JsonValueKind.True) | (1 << (int)JsonValueKind.False),
                "null" => 1 << (int)JsonValueKind.Null,
                "number" => 1 << (int)JsonValueKind.Number,
                _ => 0,
            };
        }

        // "integer" is a number with no fractional part: checked only when "number" is not allowed as well.
        var integer = names.Contains("integer") && (kinds & (1 << (int)JsonValueKind.Number)) == 0;
        return instance => (kinds & (1 << (int)instance.ValueKind)) != 0 || (integer && instance.ValueKind == JsonValueKind.Number && IsInteger(instance));
    }

    // A number with no fractional part is an integer in JSON Schema (1.0 is one).
    private static bool IsInteger(JsonElement number) =>
        number.TryGetDecimal(out var exact) ? exact == decimal.Truncate(exact)
        : number.TryGetDouble(out var wide) && double.IsFinite(wide) && wide == Math.Floor(wide);

    private static Func<JsonElement, bool> EnumCheck(JsonArray values)
    {
        var elements = values.Select(value => JsonSerializer.SerializeToElement(value)).ToArray();

        // Only strings (the spec's enums, a discriminator's const): compared as decoded text with the instance's bytes
        // (ValueEquals unescapes), which is what DeepEquals does for two strings; another kind equals none of them.
        if (elements.Length > 0 && Array.TrueForAll(elements, element => element.ValueKind == JsonValueKind.String))
        {
            var texts = elements.Select(element => System.Text.Encoding.UTF8.GetBytes(element.GetString()!)).ToArray();
            return instance => instance.ValueKind == JsonValueKind.String && Array.Exists(texts, text => instance.ValueEquals(text));
        }

        return instance => Array.Exists(elements, element => JsonElement.DeepEquals(element, instance));
    }

    /// <summary>
    /// <c>properties</c>, <c>required</c>, <c>additionalProperties</c> and <c>x-rules</c> of one object schema in one pass over the
    /// object's members, each matched by its raw UTF-8 name against the declared ones (no string per member).
    /// </summary>
    /// <remarks>
    /// A rule's operand is read where its member is checked: a member declared as a plain date-time string (the spec's
    /// times) by <see cref="DateTimeText"/>, whose one pass gives both the format's verdict and the instant the rule
    /// compares; any other by its check, then <see cref="DateTimeText.TryInstant"/>. A member sent twice counts as its
    /// last value, as <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/> (the rule's reading) finds it.
    /// </remarks>
    private Func<JsonElement, bool> ObjectCheck(JsonObject properties, JsonNode? required, JsonNode? additionalProperties, CrossFieldRules.Rule[]? rules = null)
    {
        var names = properties.Select(entry => entry.Key).ToList();
        var checks = properties.Select(entry => Compile(entry.Value)).ToList();
        var declared = names.Count;
        var requiredNames = required is JsonArray list ? list.Select(name => name!.GetValue<string>()).Distinct(StringComparer.Ordinal).ToList() : [];
        var operands = rules?.SelectMany(rule => new[] { rule.Left, rule.Right }).Distinct(StringComparer.Ordinal).ToList() ?? [];

        // A required member or a rule's operand that is not declared is matched too (it only has to be present, or is compared).
        foreach (var name in requiredNames.Concat(operands).Where(name => !names.Contains(name, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).ToList())
        {
            names.Add(name);
            checks.Add(_ => true);
        }

        if (names.Count > 64)
        {
            return Unknown();
        }

        var utf8 = names.Select(name => System.Text.Encoding.UTF8.GetBytes(name)).ToArray();
        var check = checks.ToArray();
        var requiredMask = requiredNames.Aggregate(0UL, (mask, name) => mask | (1UL << names.IndexOf(name)));
        var additional = additionalProperties is null || (additionalProperties is JsonValue open && open.GetValueKind() == JsonValueKind.True)
            ? null : Compile(additionalProperties);

        // Each operand's slot (-1: not an operand), and whether its member is a plain date-time string.
        var slotOf = names.Select(name => operands.IndexOf(name)).ToArray();
        var plainTime = names.Select((name, index) => index < declared && slotOf[index] >= 0 && IsPlainDateTime(properties[name])).ToArray();
        var compared = (rules ?? []).Select(rule => (Left: operands.IndexOf(rule.Left), Right: operands.IndexOf(rule.Right), Rule: rule)).ToArray();
        var slots = operands.Count;
        return instance =>
        {
            if (instance.ValueKind != JsonValueKind.Object)
            {
                return true;
            }

            Span<bool> timed = stackalloc bool[slots];
            Span<DateTimeOffset> instants = stackalloc DateTimeOffset[slots];
            var seen = 0UL;
            foreach (var member in instance.EnumerateObject())
            {
                var index = IndexOf(utf8, member);
                if (index >= 0)
                {
                    seen |= 1UL << index;
                    var slot = slotOf[index];
                    if (plainTime[index])
                    {
                        if (member.Value.ValueKind != JsonValueKind.String || !DateTimeText.IsValid(member.Value, out timed[slot], out instants[slot]))
                        {
                            return false;
                        }
                    }
                    else if (!check[index](member.Value) || (index >= declared && additional is not null && !additional(member.Value)))
                    {
                        return false;
                    }
                    else if (slot >= 0)
                    {
                        timed[slot] = DateTimeText.TryInstant(member.Value, out instants[slot]);
                    }
                }
                else if (additional is not null && !additional(member.Value))
                {
                    return false;
                }
            }

            if ((seen & requiredMask) != requiredMask)
            {
                return false;
            }

            foreach (var (left, right, rule) in compared)
            {
                if (timed[left] && timed[right] && !rule.Compares(instants[left], instants[right]))
                {
                    return false;
                }
            }

            return true;
        };
    }

    /// <summary>True for a schema that says exactly <c>type: string, format: date-time</c> (annotations aside).</summary>
    private static bool IsPlainDateTime(JsonNode? schema) =>
        schema is JsonObject keywords
        && keywords["type"] is JsonValue type && type.GetValueKind() == JsonValueKind.String && type.GetValue<string>() == "string"
        && keywords["format"] is JsonValue format && format.GetValueKind() == JsonValueKind.String && format.GetValue<string>() == "date-time"
        && keywords.All(entry => entry.Key is "type" or "format" || Annotations.Contains(entry.Key));

    private static int IndexOf(byte[][] names, JsonProperty member)
    {
        var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8PropertyName(member);
        if (raw.IndexOf((byte)'\\') >= 0)
        {
            // An escaped name (rare): compared decoded.
            for (var i = 0; i < names.Length; i++)
            {
                if (member.NameEquals(names[i]))
                {
                    return i;
                }
            }

            return -1;
        }

        for (var i = 0; i < names.Length; i++)
        {
            if (raw.SequenceEqual(names[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static Func<JsonElement, bool> Items(Func<JsonElement, bool> item) => instance =>
    {
        if (instance.ValueKind != JsonValueKind.Array)
        {
            return true;
        }

        foreach (var element in instance.EnumerateArray())
        {
            if (!item(element))
            {
                return false;
            }
        }

        return true;
    };

    private static Func<JsonElement, bool> ArrayLength(int minimum, int maximum) => instance =>
        instance.ValueKind != JsonValueKind.Array || (instance.GetArrayLength() >= minimum && instance.GetArrayLength() <= maximum);

    private static Func<JsonElement, bool> All(Func<JsonElement, bool>[] parts) => instance => Array.TrueForAll(parts, part => part(instance));

    private static Func<JsonElement, bool> Any(Func<JsonElement, bool>[] parts) => instance => Array.Exists(parts, part => part(instance));

    private static Func<JsonElement, bool> One(Func<JsonElement, bool>[] parts) => instance => parts.Count(part => part(instance)) == 1;

    private static Func<JsonElement, bool> Not(Func<JsonElement, bool> part) => instance => !part(instance);

    private static Func<JsonElement, bool> Conditional(Func<JsonElement, bool> condition, Func<JsonElement, bool>? then, Func<JsonElement, bool>? otherwise) => instance =>
        condition(instance) ? then?.Invoke(instance) ?? true : otherwise?.Invoke(instance) ?? true;

    /// <summary>A bound: <paramref name="holds"/> is given the sign of the comparison of the value with the bound.</summary>
    private Func<JsonElement, bool> Number(JsonNode limit, Func<int, bool> holds)
    {
        if (limit is not JsonValue value || !value.TryGetValue<decimal>(out var bound))
        {
            return Unknown();
        }

        var wideBound = (double)bound;
        return instance => instance.ValueKind != JsonValueKind.Number
            || (instance.TryGetDecimal(out var exact) ? holds(exact.CompareTo(bound))
                : instance.TryGetDouble(out var wide) && holds(wide.CompareTo(wideBound)));
    }

    private static Func<JsonElement, bool> StringLength(int minimum, int maximum) => instance =>
    {
        if (instance.ValueKind != JsonValueKind.String)
        {
            return true;
        }

        // Lengths count text elements (what a reader sees as a character), as JsonSchema.Net does. ASCII text without an
        // escape (the common case) is counted from its bytes, with no string.
        var raw = Unquoted(instance);
        if (raw.IndexOf((byte)'\\') < 0 && System.Text.Ascii.IsValid(raw))
        {
            return raw.Length >= minimum && raw.Length <= maximum;
        }

        var text = instance.GetString()!;
        var length = System.Text.Ascii.IsValid(text) ? text.Length : new StringInfo(text).LengthInTextElements;
        return length >= minimum && length <= maximum;
    };

    /// <summary>A string element's bytes as sent, without its quotes.</summary>
    private static ReadOnlySpan<byte> Unquoted(JsonElement text) => System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(text)[1..^1];

    private static Func<JsonElement, bool> Pattern(string pattern)
    {
        var regex = new Regex(pattern, RegexOptions.Compiled);
        return instance =>
        {
            if (instance.ValueKind != JsonValueKind.String)
            {
                return true;
            }

            // Text without an escape, of a size for the stack, is matched from its characters decoded there (no string):
            // the same characters GetString gives.
            var raw = Unquoted(instance);
            if (raw.Length > PatternStackChars || raw.IndexOf((byte)'\\') >= 0)
            {
                return regex.IsMatch(instance.GetString()!);
            }

            Span<char> text = stackalloc char[PatternStackChars];
            return regex.IsMatch(text[..System.Text.Encoding.UTF8.GetChars(raw, text)]);
        };
    }

    /// <summary>The longest text (in UTF-8 bytes, so at most as many characters) a pattern is matched from on the stack.</summary>
    private const int PatternStackChars = 256;

    private static Func<JsonElement, bool> FormatCheck(string name)
    {
        // date-time, the spec's most common format, is read from the bytes (DateTimeText: JsonSchema.Net's verdict, pinned by its tests).
        if (name == "date-time")
        {
            return DateTimeText.IsValid;
        }

        var format = FormatRegistry.Global.Get(name);

        // A format JsonSchema.Net does not know (the spec's "decimal") accepts every value there: here too, with no call.
        if (format is UnknownFormat)
        {
            return _ => true;
        }

        return instance => format.Validate(instance, out _);
    }

    private sealed class Holder
    {
        public Func<JsonElement, bool>? Check { get; set; }
    }
}
