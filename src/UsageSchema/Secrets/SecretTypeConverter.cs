using System.ComponentModel;
using System.Globalization;

namespace UsageSchema.Secrets;

/// <summary>
/// Lets configuration binding read a <see cref="Secret"/> from a string (<c>"ApiKey": "..."</c> in
/// settings or an environment variable). Converting back to a string yields <see cref="Secret.Redacted"/>,
/// so no generic tool that round-trips values through their converter can print the key.
/// </summary>
public sealed class SecretTypeConverter : TypeConverter
{
    /// <inheritdoc />
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) =>
        sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    /// <inheritdoc />
    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string text ? new Secret(text) : base.ConvertFrom(context, culture, value);

    /// <inheritdoc />
    public override object? ConvertTo(ITypeDescriptorContext? context, CultureInfo? culture, object? value, Type destinationType) =>
        destinationType == typeof(string) && value is Secret ? Secret.Redacted : base.ConvertTo(context, culture, value, destinationType);
}
