using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace UsageSchema.Outbox;

/// <summary>
/// Reads a PostgreSQL location — a <c>postgres://</c> / <c>postgresql://</c> URI or an Npgsql connection
/// string — and shows it without its password.
/// </summary>
internal static partial class PostgresLocation
{
    /// <summary>Whether <paramref name="location"/> names a PostgreSQL database rather than a SQLite file.</summary>
    /// <param name="location">The location.</param>
    public static bool IsPostgres(string location) => IsUri(location) || HostKeyword().IsMatch(location);

    /// <summary>The options for <paramref name="location"/>: a URI (<c>?schema=</c> picks the schema) or a connection string.</summary>
    /// <param name="location">The location.</param>
    /// <exception cref="ArgumentException">Malformed; the message shows the location redacted.</exception>
    public static PostgresOutboxOptions Options(string location)
    {
        if (!IsUri(location))
        {
            return new PostgresOutboxOptions { ConnectionString = Builder(location).ConnectionString };
        }

        Uri uri;
        try
        {
            uri = new Uri(location, UriKind.Absolute);
        }
        catch (UriFormatException)
        {
            throw Malformed(location, "not a valid URI (percent-encode special characters in the user name and password)");
        }

        var builder = new NpgsqlConnectionStringBuilder();
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }

        if (uri.Host.Length > 0)
        {
            builder.Host = uri.Host.Trim('[', ']');
        }

        if (uri.Port > 0)
        {
            builder.Port = uri.Port;
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.Trim('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        var options = new PostgresOutboxOptions();
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..]);
            if (string.Equals(key, "schema", StringComparison.OrdinalIgnoreCase))
            {
                options.Schema = value;
                continue;
            }

            try
            {
                // libpq's names for the common settings; anything else is taken as an Npgsql keyword.
                builder[key.ToLowerInvariant() switch
                {
                    "sslmode" => "SSL Mode",
                    "sslrootcert" => "Root Certificate",
                    "application_name" => "Application Name",
                    "connect_timeout" => "Timeout",
                    _ => key,
                }] = string.Equals(key, "sslmode", StringComparison.OrdinalIgnoreCase)
                    ? value.Replace("-", string.Empty, StringComparison.Ordinal) // libpq's verify-full is Npgsql's VerifyFull
                    : value;
            }
            catch (Exception exception) when (exception is ArgumentException or FormatException or InvalidCastException)
            {
                throw Malformed(location, $"the parameter '{key}' is not a connection setting Npgsql knows, or its value is invalid");
            }
        }

        options.ConnectionString = builder.ConnectionString;
        return options;
    }

    /// <summary>Parses an Npgsql connection string.</summary>
    /// <param name="connectionString">The connection string.</param>
    /// <exception cref="ArgumentException">Malformed; the message shows it redacted.</exception>
    public static NpgsqlConnectionStringBuilder Builder(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        try
        {
            return new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or InvalidCastException)
        {
            throw Malformed(connectionString, "not a valid Npgsql connection string (Host=...;Database=...;Username=...;Password=...)");
        }
    }

    /// <summary>The location as a URI without the password: <c>postgresql://user:***@host:port/database?schema=...</c>.</summary>
    /// <param name="builder">The parsed connection string.</param>
    /// <param name="schema">The outbox schema.</param>
    public static string Describe(NpgsqlConnectionStringBuilder builder, string schema)
    {
        var text = new StringBuilder("postgresql://");
        if (!string.IsNullOrEmpty(builder.Username))
        {
            text.Append(Uri.EscapeDataString(builder.Username));
            if (!string.IsNullOrEmpty(builder.Password))
            {
                text.Append(":***");
            }

            text.Append('@');
        }

        text.Append(builder.Host).Append(':').Append(builder.Port.ToString(CultureInfo.InvariantCulture))
            .Append('/').Append(Uri.EscapeDataString(builder.Database ?? ""))
            .Append("?schema=").Append(schema);
        return text.ToString();
    }

    /// <summary>
    /// <paramref name="location"/> with any password replaced by <c>***</c>, by pattern, so it works even
    /// on text that does not parse (the password of a URI's user info, a <c>password=</c> query
    /// parameter, a <c>Password=</c>/<c>Pwd=</c> connection-string setting).
    /// </summary>
    /// <param name="location">The location.</param>
    public static string Redact(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (IsUri(location))
        {
            var redacted = UriPassword().Replace(location, "${head}***@${tail}");
            return QueryPassword().Replace(redacted, "${head}***");
        }

        return SettingPassword().Replace(location, "${head}***");
    }

    private static bool IsUri(string location) =>
        location.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || location.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    private static ArgumentException Malformed(string location, string reason) =>
        new($"The PostgreSQL location {Redact(location)} is {reason}.", nameof(location));

    [GeneratedRegex(@"(^|;)\s*host\s*=", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HostKeyword();

    // Everything between the first ':' after the user name and the last '@' is the password: a password
    // with an unencoded '@' is still hidden whole.
    [GeneratedRegex(@"^(?<head>[a-zA-Z]+://[^:@/]*:).*@(?<tail>[^@]*)$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex UriPassword();

    [GeneratedRegex(@"(?<head>[?&]password=)[^&]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QueryPassword();

    [GeneratedRegex(@"(?<head>(^|;)\s*(password|pwd)\s*=\s*)(""[^""]*""|'[^']*'|[^;]*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SettingPassword();
}
