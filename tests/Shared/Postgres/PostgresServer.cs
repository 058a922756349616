using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using UsageSchema.Outbox;

namespace UsageSchema.Testing.Postgres;

/// <summary>
/// A PostgreSQL server for the tests, shared by the <see cref="PostgresTests"/>: the one named by
/// <c>USAGE_SCHEMA_TEST_POSTGRES</c> (a connection string) when set, otherwise a private throwaway cluster
/// (initdb into a temporary directory, trust authentication, 127.0.0.1 on a free port), stopped and
/// deleted on dispose. When no server can be had, every test using it fails saying how to get one.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string EnvironmentVariable = "USAGE_SCHEMA_TEST_POSTGRES";

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private string? _connectionString;
    private string? _problem;
    private string? _clusterDirectory;
    private string? _pgCtl;
    private bool _asPostgresUser;
    private NpgsqlDataSource? _admin;

    /// <summary>A connection string to the server (a superuser or a user that may create schemas).</summary>
    /// <exception cref="InvalidOperationException">No server could be obtained; the message says how to get one.</exception>
    public string ConnectionString => _connectionString ?? throw new InvalidOperationException(_problem);

    /// <summary>Whether a server was obtained (tests clean up only then).</summary>
    public bool Available => _connectionString is not null;

    /// <summary>Runs one statement on the server (setting up and cleaning up the tests' schemas).</summary>
    public async Task ExecuteAsync(string sql)
    {
        _ = ConnectionString;
#pragma warning disable CA2100 // Test statements with generated identifiers.
        await using var command = _admin!.CreateCommand(sql);
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Options for an outbox in <paramref name="schema"/> of this server.</summary>
    public PostgresOutboxOptions Options(string schema, TimeProvider? clock = null, string? claimer = null) =>
        new() { ConnectionString = ConnectionString, Schema = schema, TimeProvider = clock, ClaimerId = claimer };

    /// <summary>A schema name no other test uses.</summary>
    public static string NewSchema() => "t_" + Guid.NewGuid().ToString("N");

    public async Task InitializeAsync()
    {
        var source = "a private cluster";
        try
        {
            var given = Environment.GetEnvironmentVariable(EnvironmentVariable);
            source = string.IsNullOrEmpty(given) ? "a private cluster" : $"the server named by {EnvironmentVariable}";
            _connectionString = string.IsNullOrEmpty(given) ? await StartClusterAsync() : given;
            _admin = NpgsqlDataSource.Create(_connectionString);
            await using var probe = _admin.CreateCommand("SELECT 1");
            await probe.ExecuteScalarAsync();
        }
        catch (Exception exception) when (exception is InvalidOperationException or IOException or NpgsqlException or System.ComponentModel.Win32Exception or UnauthorizedAccessException)
        {
            _connectionString = null;
            _problem = $"No PostgreSQL server for the PostgreSQL outbox tests ({source}): {exception.Message.TrimEnd('.')}."
                + $" Install PostgreSQL (apt-get install postgresql, or scripts/ensure-postgres.sh) so initdb is found in /usr/lib/postgresql/*/bin or on PATH, or set {EnvironmentVariable} to a connection string.";
        }
    }

    public async Task DisposeAsync()
    {
        if (_admin is not null)
        {
            await _admin.DisposeAsync();
        }

        if (_clusterDirectory is null)
        {
            return;
        }

        try
        {
            await RunAsync(_pgCtl!, "-D", Path.Combine(_clusterDirectory, "data"), "-m", "immediate", "-w", "stop");
        }
        catch (InvalidOperationException) when (!Available)
        {
            // The cluster never came up (initdb or start failed): nothing to stop.
        }
        finally
        {
            try
            {
                Directory.Delete(_clusterDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static string FindBinDirectory()
    {
        // Debian's layout: /usr/lib/postgresql/<major>/bin, newest major first; then PATH.
        const string Debian = "/usr/lib/postgresql";
        if (Directory.Exists(Debian))
        {
            var newest = Directory.GetDirectories(Debian)
                .Select(directory => (Directory: directory, Major: int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var major) ? major : -1))
                .Where(candidate => File.Exists(Path.Combine(candidate.Directory, "bin", "initdb")))
                .OrderByDescending(candidate => candidate.Major)
                .Select(candidate => Path.Combine(candidate.Directory, "bin"))
                .FirstOrDefault();
            if (newest is not null)
            {
                return newest;
            }
        }

        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (File.Exists(Path.Combine(directory, "initdb")) && File.Exists(Path.Combine(directory, "pg_ctl")))
            {
                return directory;
            }
        }

        throw new InvalidOperationException("initdb and pg_ctl were not found in /usr/lib/postgresql/*/bin or on PATH.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task<string> StartClusterAsync()
    {
        var bin = FindBinDirectory();
        _pgCtl = Path.Combine(bin, "pg_ctl");
        // PostgreSQL refuses to run as root: then the cluster belongs to the postgres user.
        _asPostgresUser = Environment.IsPrivilegedProcess;
        var directory = Path.Combine(Path.GetTempPath(), "usage-schema-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        _clusterDirectory = directory;
        if (_asPostgresUser)
        {
            await RunAsync("chown", asPostgres: false, "postgres:", directory);
        }

        var data = Path.Combine(directory, "data");
        await RunAsync(Path.Combine(bin, "initdb"), "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync");
        var port = FreePort();
        var settings = $"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={directory} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
        await RunAsync(_pgCtl, "-D", data, "-l", Path.Combine(directory, "server.log"), "-o", settings, "-w", "-t", "60", "start");
        return $"Host=127.0.0.1;Port={port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Database=postgres";
    }

    private Task RunAsync(string program, params string[] arguments) => RunAsync(program, _asPostgresUser, arguments);

    private static async Task RunAsync(string program, bool asPostgres, params string[] arguments)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres)
        {
            foreach (var argument in new[] { "-u", "postgres", "--", program })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{Path.GetFileName(program)} did not finish within {CommandTimeout.TotalSeconds} s.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}: {await error}{await output}");
        }
    }
}

/// <summary>The tests sharing one <see cref="PostgresServer"/> (one cluster start per test run).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresTests : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
