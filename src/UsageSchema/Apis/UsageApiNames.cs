using System.Diagnostics.CodeAnalysis;

namespace UsageSchema;

/// <summary>
/// The short names of the <see cref="UsageApi"/> members, in one place: the text the outbox stores
/// in its <c>api</c> column (existing outbox files hold it, so it never changes), the metric tag,
/// and the word the CLI takes (<c>send amie|perseus|gateway</c>).
/// </summary>
public static class UsageApiNames
{
    /// <summary>The AMIE Usage API's short name.</summary>
    public const string Amie = "amie";

    /// <summary>PERSEUS UsageReporting's short name.</summary>
    public const string Perseus = "perseus";

    /// <summary>The Gateway Attributes API's short name (stored as <c>gateway</c> since the first release).</summary>
    public const string GatewayAttributes = "gateway";

    /// <summary>Every API, in declaration order.</summary>
    public static IReadOnlyList<UsageApi> All { get; } = Enum.GetValues<UsageApi>();

    /// <summary>The short name of <paramref name="api"/>.</summary>
    /// <param name="api">The API.</param>
    /// <exception cref="ArgumentOutOfRangeException">Not a member of <see cref="UsageApi"/>.</exception>
    public static string Of(UsageApi api) => api switch
    {
        UsageApi.Amie => Amie,
        UsageApi.Perseus => Perseus,
        UsageApi.GatewayAttributes => GatewayAttributes,
        _ => throw new ArgumentOutOfRangeException(nameof(api), api, "Not a usage API."),
    };

    /// <summary>
    /// How to name <paramref name="api"/> to a person, in messages, logs and help texts: the one
    /// place the library, the CLI and the emulator take it from.
    /// </summary>
    /// <param name="api">The API.</param>
    /// <exception cref="ArgumentOutOfRangeException">Not a member of <see cref="UsageApi"/>.</exception>
    public static string DisplayName(UsageApi api) => api switch
    {
        UsageApi.Amie => "AMIE Usage API",
        UsageApi.Perseus => "PERSEUS UsageReporting",
        UsageApi.GatewayAttributes => "ACCESS Gateway Attributes API",
        _ => throw new ArgumentOutOfRangeException(nameof(api), api, "Not a usage API."),
    };

    /// <summary>The API of a short name (exact, lower case, as stored).</summary>
    /// <param name="name">The short name.</param>
    /// <param name="api">The API, when found.</param>
    /// <returns>Whether <paramref name="name"/> is a short name.</returns>
    public static bool TryParse([NotNullWhen(true)] string? name, out UsageApi api)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(Of(candidate), name, StringComparison.Ordinal))
            {
                api = candidate;
                return true;
            }
        }

        api = default;
        return false;
    }
}
