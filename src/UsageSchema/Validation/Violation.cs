namespace UsageSchema.Validation;

/// <summary>One broken spec constraint.</summary>
/// <param name="Path">The wire path of the offending member, e.g. <c>Records[3].Attributes.NodeCount</c>.</param>
/// <param name="Rule">The kind of constraint.</param>
/// <param name="Message">A plain sentence saying what is wrong and what the spec expects.</param>
public sealed record Violation(string Path, ValidationRule Rule, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}
