namespace UsageSchema.Metadata;

/// <summary>
/// The spec's constraints on one member of a generated type, in wire terms. Emitted by the source
/// generator on the type (one per member), read by the analyzers in consumer projects.
/// </summary>
/// <remarks>Attribute arguments cannot be nullable numbers: -1 and NaN mean "not set".</remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class SpecMemberAttribute : Attribute
{
    /// <summary>Describes the member <paramref name="member"/>, on the wire <paramref name="wireName"/>.</summary>
    /// <param name="wireName">The JSON name, e.g. <c>LocalProjectID</c>.</param>
    /// <param name="member">The C# property name, e.g. <c>LocalProjectId</c>.</param>
    public SpecMemberAttribute(string wireName, string member)
    {
        WireName = wireName;
        Member = member;
    }

    /// <summary>The JSON name.</summary>
    public string WireName { get; }

    /// <summary>The C# property name.</summary>
    public string Member { get; }

    /// <summary>In the schema's required set.</summary>
    public bool Required { get; set; }

    /// <summary>The spec's <c>format</c>, e.g. <c>date-time</c>.</summary>
    public string? Format { get; set; }

    /// <summary>The spec's <c>pattern</c> (ECMA-262).</summary>
    public string? Pattern { get; set; }

    /// <summary>The spec's <c>minLength</c>, or -1.</summary>
    public int MinLength { get; set; } = -1;

    /// <summary>The spec's <c>maxLength</c>, or -1.</summary>
    public int MaxLength { get; set; } = -1;

    /// <summary>The spec's <c>minimum</c>, or NaN.</summary>
    public double Minimum { get; set; } = double.NaN;

    /// <summary>The spec's <c>maximum</c>, or NaN.</summary>
    public double Maximum { get; set; } = double.NaN;

    /// <summary>Whether <see cref="Minimum"/> is exclusive.</summary>
    public bool ExclusiveMinimum { get; set; }

    /// <summary>Whether <see cref="Maximum"/> is exclusive.</summary>
    public bool ExclusiveMaximum { get; set; }

    /// <summary>The spec's <c>enum</c> values, as on the wire.</summary>
    public string[]? EnumValues { get; set; }

    /// <summary>Marked <c>x-secret</c>: never shown in messages.</summary>
    public bool Secret { get; set; }
}
