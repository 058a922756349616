namespace UsageSchema.Emulator.Acceptance;

/// <summary>One reason a request body is not accepted: where (<c>Records[3].Attributes.NodeCount</c>) and why.</summary>
/// <param name="Path">The wire path of the member; empty for the body itself.</param>
/// <param name="Message">Why, in plain words.</param>
internal sealed record BodyViolation(string Path, string Message)
{
    /// <summary>The index of the AMIE record the violation is in (<c>Records[3]...</c>), or null when it is about the message.</summary>
    public int? RecordIndex(string arrayName)
    {
        var prefix = arrayName + "[";
        if (!Path.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var end = Path.IndexOf(']', prefix.Length);
        return end > prefix.Length && int.TryParse(Path.AsSpan(prefix.Length, end - prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index) ? index : null;
    }

    /// <inheritdoc />
    public override string ToString() => Path.Length == 0 ? Message : Path + ": " + Message;
}
