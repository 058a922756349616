using System.Reflection;
using System.Text.Json.Serialization;

namespace UsageSchema.Emulator.Acceptance;

/// <summary>
/// The wire name of a member of a generated type, read from its <see cref="JsonPropertyNameAttribute"/>
/// (NSwag writes the spec's name there): hand-written code names the member in C#
/// (<c>nameof(ComputeUsageRecord.Charge)</c>, checked by the compiler) and never the wire text.
/// </summary>
internal static class WireName
{
    /// <summary>The wire name of <typeparamref name="T"/>'s property <paramref name="member"/>.</summary>
    /// <exception cref="InvalidOperationException">The type has no such property.</exception>
    public static string Of<T>(string member) =>
        typeof(T).GetProperty(member, BindingFlags.Public | BindingFlags.Instance) is { } property
            ? property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? property.Name
            : throw new InvalidOperationException($"{typeof(T).Name} has no property {member}.");
}
