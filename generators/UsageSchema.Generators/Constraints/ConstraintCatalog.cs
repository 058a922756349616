using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using UsageSchema.Generators.Emit;
using UsageSchema.Validation;

namespace UsageSchema.Constraints;

/// <summary>
/// Every spec constraint the project checks, each with its check and its message, in one place.
/// The generator turns a <see cref="Check{T}"/> into the condition and the message of the emitted
/// <c>Validate()</c>; the analyzers run the same <see cref="Check{T}"/> on a constant and word the
/// diagnostic with the same message. This file is compiled into both (linked into the analyzers).
/// Adding a keyword: read it in <see cref="MemberConstraints"/>, check it here, and give
/// <c>SpecMemberAttribute</c> its property (see docs/decisions/constraint-catalog.md).
/// </summary>
internal static class ConstraintCatalog
{
    /// <summary>A required member that is missing (null).</summary>
    public const string Missing = "is required but missing";

    /// <summary>A required string that is empty.</summary>
    public const string Empty = "is required but empty";

    /// <summary>A null item in an array of objects.</summary>
    public const string NullItem = "is null; items must be objects";

    /// <summary>How long a pattern may take on one value, at run time and at compile time alike.</summary>
    public static readonly TimeSpan PatternTimeout = TimeSpan.FromSeconds(1);

    private const string Got = "; got ";
    private const string Checks = "global::UsageSchema.Validation.SpecChecks";
    private static readonly ConcurrentDictionary<string, Regex?> Patterns = new(StringComparer.Ordinal);

    /// <summary>The checks of a present string, in the order Validate() reports them.</summary>
    /// <param name="constraints">The member's constraints.</param>
    /// <param name="patternField">The generated Regex field of the member (only the generator's code uses it).</param>
    public static IEnumerable<Check<string>> StringChecks(MemberConstraints constraints, string patternField = "")
    {
        // A required string's empty value is reported as missing, not again as too short.
        if (constraints.MinLength is { } min && (min > 1 || (min == 1 && !constraints.Required)))
        {
            yield return new Check<string>("MinLength", $"must be at least {min} character(s) long", Got, Shown.Length, false, value => value.Length < min, value => $"{value}.Length < {Literals.Integer(min)}");
        }

        if (constraints.MaxLength is { } max)
        {
            yield return new Check<string>("MaxLength", $"must be at most {max} character(s) long", Got, Shown.Length, false, value => value.Length > max, value => $"{value}.Length > {Literals.Integer(max)}");
        }

        if (constraints.Pattern is { } pattern)
        {
            // A pattern .NET cannot read, or cannot decide in time, is not reported at compile time.
            yield return new Check<string>("Pattern", "must match the pattern " + pattern, Got, Shown.Value, true, value => CompiledPattern(pattern) is { } regex && !Matches(regex, value), value => $"!{patternField}.IsMatch({value})");
        }

        if (constraints.IsDateTime)
        {
            yield return new Check<string>("DateTime", "must be an ISO 8601 date-time with offset, e.g. 2024-03-01T10:00:00-05:00", Got, Shown.Value, false, value => !Iso8601.TryParse(value.AsSpan(), out _), value => $"!{Checks}.IsDateTime({value})");
        }

        if (constraints.Enum.Count > 0)
        {
            var values = constraints.Enum;
            yield return new Check<string>("Enum", "must be one of " + string.Join(", ", values), Got, Shown.Value, true, value => !values.Contains(value), value => $"!({value} is {string.Join(" or ", values.Select(Literals.String))})");
        }
    }

    /// <summary>The checks of a present number, in the order Validate() reports them.</summary>
    /// <param name="constraints">The member's constraints.</param>
    /// <param name="integral">The C# type is an integer: bounds are written as integers.</param>
    /// <param name="floating">The C# type is <c>double</c> or <c>float</c>: it can hold NaN and infinities.</param>
    public static IEnumerable<Check<double>> NumberChecks(MemberConstraints constraints, bool integral, bool floating)
    {
        if (floating)
        {
            // JSON cannot carry NaN or an infinity: such a value could not even be serialized.
            yield return new Check<double>("Finite", "must be a finite number", Got, Shown.Value, false, value => double.IsNaN(value) || double.IsInfinity(value), value => $"!double.IsFinite({value})");
        }

        // Written so that a NaN (reported above) is not reported again as out of bounds.
        if (constraints.Minimum is { } minimum)
        {
            var exclusive = constraints.ExclusiveMinimum;
            yield return new Check<double>(
                "Minimum",
                $"must be {(exclusive ? ">" : ">=")} {Bound(minimum, integral)}",
                Got,
                Shown.Value,
                false,
                value => exclusive ? value <= minimum : value < minimum,
                value => $"{value} {(exclusive ? "<=" : "<")} {Literals.Number(minimum, integral)}");
        }

        if (constraints.Maximum is { } maximum)
        {
            var exclusive = constraints.ExclusiveMaximum;
            yield return new Check<double>(
                "Maximum",
                $"must be {(exclusive ? "<" : "<=")} {Bound(maximum, integral)}",
                Got,
                Shown.Value,
                false,
                value => exclusive ? value >= maximum : value > maximum,
                value => $"{value} {(exclusive ? ">=" : ">")} {Literals.Number(maximum, integral)}");
        }
    }

    /// <summary>The check of a C# enum value: one of its defined members.</summary>
    /// <param name="constraints">The member's constraints (their enum values, on the wire, name the members in the message).</param>
    /// <param name="typeName">The enum type, as C# source.</param>
    /// <param name="members">The names of the enum's members.</param>
    /// <param name="isDefined">Whether a value is one of the members (the analyzers' side).</param>
    public static Check<long> EnumCheck(MemberConstraints constraints, string typeName, IReadOnlyList<string> members, Func<long, bool> isDefined)
    {
        var wireValues = constraints.Enum.Count > 0 ? string.Join(", ", constraints.Enum) : string.Join(", ", members);
        var known = string.Join(" or ", members.Select(name => $"{typeName}.{name}"));
        return new Check<long>("Enum", "must be one of " + wireValues, "; got the undefined value ", Shown.Value, true, value => !isDefined(value), value => $"!({value} is {known})");
    }

    /// <summary>The checks of a present array.</summary>
    public static IEnumerable<Check<int>> CountChecks(MemberConstraints constraints)
    {
        if (constraints.MinItems is { } min)
        {
            yield return new Check<int>("MinItems", $"must have at least {min} item(s)", "; has ", Shown.Count, false, count => count < min, value => $"{value}.Count < {Literals.Integer(min)}");
        }

        if (constraints.MaxItems is { } max)
        {
            yield return new Check<int>("MaxItems", $"must have at most {max} item(s)", "; has ", Shown.Count, false, count => count > max, value => $"{value}.Count > {Literals.Integer(max)}");
        }
    }

    /// <summary>The message of a broken <c>x-rules</c> entry up to the two values: <c>must be &lt;= EndTime (rule '...'); got </c>.</summary>
    public static string CrossFieldLead(string op, string right, string text) => $"must be {op} {right} (rule '{text}'); got ";

    /// <summary>The separator between the two values of a broken cross-field rule.</summary>
    public const string CrossFieldAnd = " and ";

    /// <summary>The whole message for a string value the analyzers know.</summary>
    public static string Message(Check<string> check, string value, bool secret) =>
        check.Lead + (check.Shown == Shown.Length ? ValueEcho.Echo(value.Length) : ValueEcho.Echo(value, secret));

    /// <summary>The whole message for a number the analyzers know.</summary>
    public static string Message(Check<double> check, double value, bool integral) =>
        check.Lead + (integral ? ValueEcho.Echo((long)value) : ValueEcho.Echo(value));

    /// <summary>The whole message for an enum value the analyzers know.</summary>
    public static string Message(Check<long> check, long value) => check.Lead + ValueEcho.Echo(value);

    /// <summary>A spec bound as messages show it: integral for integer members.</summary>
    public static string Bound(double value, bool integral) => integral && value == Math.Floor(value)
        ? ((long)value).ToString(CultureInfo.InvariantCulture)
        : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// The initializer of the generated pattern field for <paramref name="pattern"/>: a
    /// <c>SpecPattern</c>, the run time's own linear matcher for a simple pattern and a compiled Regex
    /// otherwise (the Regex source generator does not see a source generator's output), with the same
    /// timeout as <see cref="CompiledPattern"/>.
    /// </summary>
    public static string PatternInitializer(string pattern) =>
        $"global::UsageSchema.Validation.SpecPattern.Create({Literals.String(Literals.Pattern(pattern))}, global::System.TimeSpan.FromSeconds({PatternTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)}))";

    /// <summary>The spec pattern as the generated Validate() compiles it; null if .NET cannot read it.</summary>
    public static Regex? CompiledPattern(string pattern) => Patterns.GetOrAdd(pattern, static text =>
    {
        try
        {
            return new Regex(Literals.Pattern(text), RegexOptions.CultureInvariant, PatternTimeout);
        }
        catch (ArgumentException)
        {
            return null;
        }
    });

    private static bool Matches(Regex regex, string value)
    {
        try
        {
            return regex.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            // Undecided within the time Validate() allows: not reported at compile time.
            return true;
        }
    }
}
