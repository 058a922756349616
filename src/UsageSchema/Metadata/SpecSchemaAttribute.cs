namespace UsageSchema.Metadata;

/// <summary>
/// Marks a type generated from a spec schema. Emitted by the source generator, read by the
/// analyzers in consumer projects, where the spec files themselves are not available.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class SpecSchemaAttribute : Attribute
{
    /// <summary>Marks a type generated from schema <paramref name="schema"/> of spec file <paramref name="spec"/>.</summary>
    /// <param name="spec">The spec file name, e.g. <c>amie-usage.v1.yaml</c>.</param>
    /// <param name="schema">The schema name under <c>components/schemas</c>.</param>
    public SpecSchemaAttribute(string spec, string schema)
    {
        Spec = spec;
        Schema = schema;
    }

    /// <summary>The spec file name.</summary>
    public string Spec { get; }

    /// <summary>The schema name.</summary>
    public string Schema { get; }
}
