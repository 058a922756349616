namespace UsageSchema.Constraints;

/// <summary>How a check shows the offending value after its expectation.</summary>
internal enum Shown
{
    /// <summary>The value itself, quoted (or redacted for a secret): <c>got 'abc'</c>.</summary>
    Value,

    /// <summary>A string's length: <c>got 70</c>.</summary>
    Length,

    /// <summary>A collection's item count: <c>has 0</c>.</summary>
    Count,
}

/// <summary>
/// One spec check on a present value of type <typeparamref name="T"/>: the <c>ValidationRule</c> it
/// reports, the expectation its message states, the check itself for a value the analyzers know at
/// compile time, and the same check as a C# condition for the generated <c>Validate()</c>. Both sides
/// are built together in <see cref="ConstraintCatalog"/>, so they cannot disagree.
/// </summary>
internal sealed class Check<T>
{
    private readonly Func<T, bool> _breaks;
    private readonly Func<string, string> _brokenCode;

    public Check(string rule, string expectation, string lead, Shown shown, bool quotesSpecText, Func<T, bool> breaks, Func<string, string> brokenCode)
    {
        Rule = rule;
        Lead = expectation + lead;
        Shown = shown;
        QuotesSpecText = quotesSpecText;
        _breaks = breaks;
        _brokenCode = brokenCode;
    }

    /// <summary>The member of <c>UsageSchema.Validation.ValidationRule</c> a violation carries.</summary>
    public string Rule { get; }

    /// <summary>The message up to the offending value: <c>must be at least 3 character(s) long; got </c>.</summary>
    public string Lead { get; }

    public Shown Shown { get; }

    /// <summary>True when <see cref="Lead"/> carries text copied from the spec (a pattern, enum values).</summary>
    public bool QuotesSpecText { get; }

    /// <summary>True when <paramref name="value"/> breaks the rule.</summary>
    public bool Breaks(T value) => _breaks(value);

    /// <summary>A C# condition, true when the value in <paramref name="value"/> breaks the rule.</summary>
    public string BrokenCode(string value) => _brokenCode(value);
}
