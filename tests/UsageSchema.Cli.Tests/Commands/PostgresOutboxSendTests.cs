using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Npgsql;
using UsageSchema.Amie.Sending;
using UsageSchema.Emulator;
using UsageSchema.Secrets;
using UsageSchema.Testing.Postgres;

namespace UsageSchema.Cli.Tests.Commands;

/// <summary>
/// Two <c>send</c> processes at once on one PostgreSQL outbox, as two nodes of a gateway would run
/// them, against an emulator that fails some requests: every record is stored once.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class PostgresOutboxSendTests(PostgresServer server) : IAsyncLifetime, IDisposable
{
    private const string Key = "amie-emulator-key";
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("usage-schema-pg-send-");
    private readonly string _schema = PostgresServer.NewSchema();
    private EmulatorHost _emulator = null!;

    public async Task InitializeAsync()
    {
        _emulator = await EmulatorHost.StartAsync(new EmulatorOptions { StoragePath = EmulatorOptions.InMemoryStorage, AmieLoadDelay = TimeSpan.Zero });
        _emulator.Faults.Seed = 7;
        _emulator.Faults.ErrorRate = 0.1;
        _emulator.Faults.DropConnectionRate = 0.05;
    }

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        if (server.Available)
        {
            await server.ExecuteAsync($"DROP SCHEMA IF EXISTS {_schema} CASCADE");
        }
    }

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task Two_senders_with_different_files_share_the_work_and_store_each_record_once()
    {
        var first = Records("a", 1_500);
        var second = Records("b", 1_500);

        var (one, two) = await BothAsync(first, second);

        await FlushUntilDoneAsync();
        Assert.Equal(3_000, await LoadedAsync());
        Assert.Empty(await ReadBack().GetFailedRecordsAsync());
        Assert.Equal(3_000, await DeliveredInOutboxAsync());
        // Each node delivered part of the other's file too, or at least its own: the claims interleaved.
        Assert.True(Delivered(one) > 0 && Delivered(two) > 0, $"one: {one}\ntwo: {two}");
    }

    [Fact]
    public async Task Two_senders_with_the_same_file_store_it_once()
    {
        var file = Records("same", 1_000);

        await BothAsync(file, file);

        await FlushUntilDoneAsync();
        Assert.Equal(1_000, await LoadedAsync());
        Assert.Empty(await ReadBack().GetFailedRecordsAsync());
        Assert.Equal(1_000, await DeliveredInOutboxAsync());
    }

    private async Task<(string One, string Two)> BothAsync(string firstFile, string secondFile)
    {
        using var one = Send(firstFile);
        using var two = Send(secondFile);
        var outputs = await Task.WhenAll(FinishAsync(one), FinishAsync(two));
        return (outputs[0], outputs[1]);
    }

    private Process Send(string file) => CliProcess.Start(
        Environment(),
        "send", "amie", file, "--outbox", Location(), "--batch-size", "100", "--retries", "1", "--no-progress");

    private static async Task<string> FinishAsync(Process process)
    {
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        var text = await output + await error;
        // 0: all delivered; 3: some left waiting after the faults (flushed below). Anything else is a failure.
        Assert.True(process.ExitCode is 0 or 3, $"exit {process.ExitCode}\n{text}");
        return text;
    }

    private async Task FlushUntilDoneAsync()
    {
        for (var run = 0; run < 10; run++)
        {
            var (exitCode, output, error) = await CliProcess.RunAsync(Environment(), "outbox", "flush", "--outbox", Location(), "--api", "amie", "--retries", "1", "--no-progress");
            if (exitCode == 0)
            {
                return;
            }

            Assert.True(exitCode == 3, $"exit {exitCode}\n{output}\n{error}");
        }

        Assert.Fail("The outbox still had records waiting after 10 flushes.");
    }

    private Dictionary<string, string> Environment() => new()
    {
        ["USAGE_SCHEMA_AMIE_URL"] = _emulator.AmieBaseAddress.ToString(),
        ["USAGE_SCHEMA_AMIE_API_KEY"] = Key,
        ["USAGE_SCHEMA_AMIE_SITE"] = _emulator.Options.AmieSiteName,
    };

    private string Location()
    {
        var builder = new NpgsqlConnectionStringBuilder(server.ConnectionString);
        return string.Create(CultureInfo.InvariantCulture, $"postgresql://{builder.Username}@{builder.Host}:{builder.Port}/{builder.Database}?schema={_schema}");
    }

    private string Records(string prefix, int count)
    {
        var path = Path.Combine(_dir.FullName, $"{prefix}.jsonl");
        File.WriteAllLines(path, Enumerable.Range(1, count).Select(index => JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["UsageType"] = "Compute", ["Username"] = "jdoe", ["LocalProjectID"] = "csd123",
            ["LocalRecordID"] = prefix + "-" + index.ToString(CultureInfo.InvariantCulture), ["Resource"] = "expanse.sdsc.access-ci.org",
            ["SubmitTime"] = "2024-03-01T08:15:00-08:00", ["StartTime"] = "2024-03-01T08:20:00-08:00", ["EndTime"] = "2024-03-01T09:20:00-08:00",
            ["Charge"] = "1.5", ["Attributes"] = new Dictionary<string, object> { ["NodeCount"] = 1 },
        })));
        return path;
    }

    private static int Delivered(string output)
    {
        const string Marker = "sent from the outbox: ";
        var start = output.IndexOf(Marker, StringComparison.Ordinal);
        Assert.True(start >= 0, output);
        var digits = new string(output[(start + Marker.Length)..].TakeWhile(char.IsAsciiDigit).ToArray());
        return int.Parse(digits, CultureInfo.InvariantCulture);
    }

    private async Task<long> DeliveredInOutboxAsync()
    {
        await using var outbox = await UsageSchema.Outbox.UsageOutbox.OpenAsync(Location());
        return (await outbox.CountAsync()).Where(count => count.State == UsageSchema.Outbox.OutboxState.Delivered).Sum(count => count.Count);
    }

    private AmieUsageSender ReadBack() =>
        new(new HttpClient(), new AmieClientOptions { BaseAddress = _emulator.AmieBaseAddress, SiteName = _emulator.Options.AmieSiteName, ApiKey = new Secret(Key) });

    private async Task<long> LoadedAsync()
    {
        // The read-back must not be failed by the faults the senders were given.
        _emulator.Faults.Reset();
        return (await ReadBack().GetStatusAsync()).Sum(status => status.LoadedRecordCount);
    }
}
