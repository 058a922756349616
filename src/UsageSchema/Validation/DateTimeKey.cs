namespace UsageSchema.Validation;

/// <summary>
/// A date-time member as part of an upsert key: two keys are equal when they name the same instant,
/// whatever offset each was written with (<c>2024-03-01T01:00:00+01:00</c> equals
/// <c>2024-03-01T00:00:00Z</c>). Text that is not a valid date-time compares ordinally.
/// </summary>
public readonly struct DateTimeKey : IEquatable<DateTimeKey>
{
    private readonly long _utcTicks;
    private readonly bool _isInstant;

    /// <summary>Creates the key of a wire date-time.</summary>
    /// <param name="text">The wire text; may be null or invalid.</param>
    public DateTimeKey(string? text)
    {
        Text = text;
        var instant = default(DateTimeOffset);
        _isInstant = text is not null && Iso8601.TryParse(text, out instant);
        _utcTicks = instant.UtcTicks;
    }

    /// <summary>The wire text the key was made from.</summary>
    public string? Text { get; }

    /// <summary>
    /// The key as text: the UTC instant as <c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c> when the text is a
    /// valid date-time (so equal keys have equal text), else the text itself.
    /// </summary>
    public string? UtcText => _isInstant
        ? new DateTime(_utcTicks, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture)
        : Text;

    /// <summary>Compares two keys.</summary>
    public static bool operator ==(DateTimeKey left, DateTimeKey right) => left.Equals(right);

    /// <summary>Compares two keys.</summary>
    public static bool operator !=(DateTimeKey left, DateTimeKey right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(DateTimeKey other) => _isInstant
        ? other._isInstant && _utcTicks == other._utcTicks
        : !other._isInstant && string.Equals(Text, other.Text, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is DateTimeKey other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _isInstant ? _utcTicks.GetHashCode() : StringComparer.Ordinal.GetHashCode(Text ?? string.Empty);

    /// <inheritdoc />
    public override string ToString() => Text ?? string.Empty;
}
