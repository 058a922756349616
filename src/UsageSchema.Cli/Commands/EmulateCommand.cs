using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using UsageSchema.Amie;
using UsageSchema.Cli.Sending;
using UsageSchema.Emulator;

namespace UsageSchema.Cli.Commands;

/// <summary>
/// <c>emulate</c>: the emulator of all three services on loopback until Ctrl+C or SIGTERM, with the
/// fault switches on the command line so a client under test (ours or anyone's) can be made to fail.
/// </summary>
internal static class EmulateCommand
{
    public static Command Build()
    {
        var port = new Option<int>("--port") { Description = "The TCP port on 127.0.0.1 (0 picks a free one).", DefaultValueFactory = _ => 5080 };
        var inMemory = new Option<bool>("--in-memory") { Description = "Keep everything in memory instead of a SQLite file." };
        var database = new Option<string>("--db") { Description = "The SQLite file.", DefaultValueFactory = _ => EmulatorOptions.DefaultStoragePath };
        var loadDelay = new Option<double>("--load-delay") { Description = "AMIE: seconds until a queued record is loaded.", DefaultValueFactory = _ => 2 };
        var maxBody = new Option<long>("--max-body") { Description = "AMIE: the request body limit in bytes (413 above it).", DefaultValueFactory = _ => 1024 * 1024 };
        var errorRate = new Option<double>("--error-rate") { Description = "Fault: the share of requests answered with --error-status (0 to 1)." };
        var errorStatus = new Option<int>("--error-status") { Description = "Fault: the status of an injected error.", DefaultValueFactory = _ => 500 };
        var tooMany = new Option<double>("--429-rate") { Description = "Fault: the share of requests answered 429 with Retry-After." };
        var retryAfter = new Option<double>("--retry-after") { Description = "Fault: the Retry-After of an injected 429, in seconds.", DefaultValueFactory = _ => 1 };
        var drop = new Option<double>("--drop-rate") { Description = "Fault: the share of connections dropped before an answer." };
        var malformed = new Option<double>("--malformed-rate") { Description = "Fault: the share of successful answers whose body is truncated JSON (the request is processed)." };
        var delay = new Option<double>("--delay") { Description = "Fault: seconds added before every answer." };
        var seed = new Option<int>("--fault-seed") { Description = "Fault: the seed of the random draws.", DefaultValueFactory = _ => 1 };
        var command = new Command("emulate", "Run the emulator of all three services on loopback until Ctrl+C or SIGTERM.")
        {
            port, inMemory, database, loadDelay, maxBody, errorRate, errorStatus, tooMany, retryAfter, drop, malformed, delay, seed,
        };
        command.SetAction((parse, cancellationToken) => CommandGuard.RunAsync(async () =>
        {
            var options = new EmulatorOptions
            {
                Port = parse.GetValue(port),
                StoragePath = parse.GetValue(inMemory) ? EmulatorOptions.InMemoryStorage : parse.GetValue(database)!,
                AmieLoadDelay = Seconds(parse.GetValue(loadDelay), "--load-delay"),
                MaxRequestBodyBytes = parse.GetValue(maxBody) > 0 ? parse.GetValue(maxBody) : throw new CliUsageException("--max-body must be positive."),
            };
            try
            {
                options.Faults.Seed = parse.GetValue(seed);
                options.Faults.ErrorRate = parse.GetValue(errorRate);
                options.Faults.ErrorStatusCode = parse.GetValue(errorStatus);
                options.Faults.TooManyRequestsRate = parse.GetValue(tooMany);
                options.Faults.RetryAfter = Seconds(parse.GetValue(retryAfter), "--retry-after");
                options.Faults.DropConnectionRate = parse.GetValue(drop);
                options.Faults.MalformedBodyRate = parse.GetValue(malformed);
                options.Faults.AddedDelay = Seconds(parse.GetValue(delay), "--delay");
            }
            catch (ArgumentOutOfRangeException exception)
            {
                throw new CliUsageException("A fault rate is a share from 0 to 1: " + exception.Message, exception);
            }

            await using var host = await EmulatorHost.StartAsync(options, cancellationToken).ConfigureAwait(false);
            var storage = parse.GetValue(inMemory) ? "in memory" : Path.GetFullPath(options.StoragePath);
            if (parse.GetValue(GlobalOptions.Json))
            {
                CliJson.Write(Console.Out, new { baseAddress = host.BaseAddress, amie = host.AmieBaseAddress, gateway = host.GatewayBaseAddress, perseus = host.PerseusBaseAddress, storage, faults = options.Faults.ToString() });
            }
            else
            {
                Console.Out.WriteLine($"Emulator running ({storage}). Press Ctrl+C to stop.");
                Console.Out.WriteLine(Services.Listing(UsageApi.Amie, $"{host.AmieBaseAddress}  (site {options.AmieSiteName}, key in {AmieUsageOperations.SecuritySchemes.XaApiKey}: the emulator default)"));
                Console.Out.WriteLine(Services.Listing(UsageApi.GatewayAttributes, host.GatewayBaseAddress.ToString()));
                Console.Out.WriteLine(Services.Listing(UsageApi.Perseus, host.PerseusBaseAddress.ToString()));
                Console.Out.WriteLine(Services.Listing("Faults", options.Faults.ToString()));
                Console.Out.WriteLine("  The emulator's keys are the EmulatorOptions defaults (see src/UsageSchema.Emulator/README.md).");
            }

            await Console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);

            // Ctrl+C (SIGINT) and SIGTERM end the wait; the host is then disposed, which closes the storage cleanly.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            void Stop(PosixSignalContext context)
            {
                context.Cancel = true;
                stop.Cancel();
            }

            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await Console.Out.WriteLineAsync("Stopping.").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static TimeSpan Seconds(double value, string option) =>
        value >= 0 && double.IsFinite(value)
            ? TimeSpan.FromSeconds(value)
            : throw new CliUsageException(string.Create(CultureInfo.InvariantCulture, $"{option} {value} must be a non-negative number of seconds."));
}
