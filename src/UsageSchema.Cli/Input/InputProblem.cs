namespace UsageSchema.Cli.Input;

/// <summary>Why a record (or a whole file) could not be used.</summary>
/// <param name="Location">Where: <c>line 4</c>, <c>Records[2]</c>, <c>file</c>.</param>
/// <param name="Field">The wire path of the field at fault (<c>Attributes.NodeCount</c>), or null when the problem is not one field's.</param>
/// <param name="Message">What is wrong, in plain words.</param>
public sealed record InputProblem(string Location, string? Field, string Message)
{
    /// <summary><c>line 4: Attributes.NodeCount: must be &gt;= 1; got 0</c>.</summary>
    public override string ToString() => Field is null ? $"{Location}: {Message}" : $"{Location}: {Field}: {Message}";
}
