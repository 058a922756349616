using System.CommandLine;
using System.Globalization;
using UsageSchema.Amie;
using UsageSchema.Cli.Reporting;
using UsageSchema.Cli.Sending;
using UsageSchema.Cli.Verification;
using UsageSchema.Errors;

namespace UsageSchema.Cli.Commands;

/// <summary>
/// <c>report --html FILE</c>: runs the verification of each API asked for and writes one self-contained HTML page with
/// the daily charts, the open findings, the notes and the outbox's state (exit 0 written, 3 a service error, 64 usage).
/// </summary>
internal static class ReportCommand
{
    public static Command Build()
    {
        var html = new Option<string>("--html") { Description = "The HTML file to write (replaced atomically).", Required = true };
        var api = new Option<string>("--api") { Description = "amie, gateway, perseus or all: every API with a URL configured (all three with --emulator).", DefaultValueFactory = _ => "all" };
        var url = new Option<string?>("--url") { Description = "The service's base URL, with a single --api (else its USAGE_SCHEMA_*_URL, else the configuration file)." };
        var keyFile = new Option<string?>("--key-file") { Description = "A file holding the key or token, with a single --api (else the environment, else the configuration file)." };
        var site = new Option<string?>("--site") { Description = $"AMIE: the site name ({AmieUsageOperations.SecuritySchemes.XaSite}), with --api amie." };
        var emulator = new Option<bool>("--emulator") { Description = "Read an embedded in-memory emulator instead of the services (a demonstration: it holds nothing)." };
        var timeout = new Option<double?>("--timeout") { Description = "Seconds one HTTP attempt may take before it is retried." };
        var retries = new Option<int?>("--retries") { Description = "How many times a failed request is retried." };
        var outbox = new OutboxOptions(forSend: false);
        var windowOptions = new WindowOptions();

        var command = new Command("report", "Write an HTML report: per API and resource the records and charge per day, the open findings of verify, the outbox's state (exit 0 written, 3 service error, 64 usage).");
        foreach (var option in new Option[] { html, api, url, keyFile, site, emulator, timeout, retries, outbox.Location }.Concat(windowOptions.All))
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => CommandGuard.RunAsync(async () =>
        {
            var now = DateTimeOffset.UtcNow;
            var window = windowOptions.Window(parse, now);

            var config = GlobalOptions.LoadConfig(parse);
            var useEmulator = parse.GetValue(emulator);
            var named = Services(parse.GetValue(api)!);
            if (named is null && (parse.GetValue(url) ?? parse.GetValue(keyFile) ?? parse.GetValue(site)) is not null)
            {
                throw new CliUsageException("--url, --key-file and --site name one service: give --api amie, gateway or perseus with them.");
            }

            if (useEmulator && parse.GetValue(url) is not null)
            {
                throw new CliUsageException("--emulator and --url exclude each other.");
            }

            var settings = new Dictionary<UsageApi, ConnectionSettings>();
            foreach (var service in named ?? ReportOrder)
            {
                var resolved = useEmulator ? new ConnectionSettings(null, null, null) : ConnectionOptions.Resolve(service, parse.GetValue(url), parse.GetValue(keyFile), parse.GetValue(site), config);
                if (useEmulator || resolved.Url is not null)
                {
                    settings[service] = ConnectionOptions.Tune(resolved, parse.GetValue(timeout), parse.GetValue(retries), config);
                }
                else if (named is not null)
                {
                    throw ConnectionOptions.MissingUrl(service, config, "--url URL", offerEmulator: true);
                }
            }

            if (settings.Count == 0)
            {
                throw new CliUsageException($"No service has a URL configured ({string.Join(", ", ReportOrder.Select(ConnectionOptions.UrlVariable))} or the configuration file); give --api with --url, or --emulator.");
            }

            await using var handle = await OutboxHandle.OpenAsync(outbox.Named(parse, config) ?? OutboxOptions.DefaultPath(), outbox.NamedOnCommandLine(parse), cancellationToken).ConfigureAwait(false);
            var outcomes = new List<ReportModelBuilder.Outcome>();
            await using (var shared = useEmulator ? await ServiceConnection.StartEmulatorAsync(settings.Values.First(), Console.Error, cancellationToken: cancellationToken).ConfigureAwait(false) : null)
            {
                foreach (var (service, serviceSettings) in settings)
                {
                    outcomes.Add(await VerifyAsync(service, window, handle, shared, serviceSettings, cancellationToken).ConfigureAwait(false));
                }
            }

            var model = ReportModelBuilder.Build(DateTimeOffset.UtcNow, window, handle.Name, outcomes,
                await handle.Outbox.CountAsync(cancellationToken).ConfigureAwait(false), await handle.Outbox.BacklogAsync(cancellationToken).ConfigureAwait(false));
            var path = parse.GetValue(html)!;
            try
            {
                AtomicFile.WriteAllText(path, HtmlReportRenderer.Render(model));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw new CliUsageException($"The report '{path}' could not be written: {exception.Message}", exception);
            }

            var findings = model.Apis.Sum(report => report.Findings.Sum(group => group.Findings.Count));
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"report {Path.GetFullPath(path)}: {string.Join(", ", model.Apis.Select(report => $"{report.Name} {Status(report.Status)}"))}; {findings} open finding(s)"));
            foreach (var failed in model.Apis.Where(report => report.Status == ApiStatus.ServiceError))
            {
                await Console.Error.WriteLineAsync($"service error: {failed.Name}: {failed.Problem}").ConfigureAwait(false);
            }

            return model.Apis.Any(report => report.Status == ApiStatus.ServiceError) ? ExitCodes.ServiceError : ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>
    /// One API's verification. An API this version cannot verify (its verifier throws <see cref="NotSupportedException"/>)
    /// is shown as not verified; a service that cannot be read is shown with its error, and the report is still written.
    /// </summary>
    private static async Task<ReportModelBuilder.Outcome> VerifyAsync(UsageApi service, VerifyWindow window, OutboxHandle handle, ServiceConnection? shared, ConnectionSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            var verifier = Verifiers.For(service);
            if (shared is not null)
            {
                return ReportModelBuilder.Outcome.Verified(await verifier.VerifyAsync(window, handle.Outbox, shared, cancellationToken).ConfigureAwait(false));
            }

            await using var connection = await ServiceConnection.OpenAsync(settings, cancellationToken).ConfigureAwait(false);
            return ReportModelBuilder.Outcome.Verified(await verifier.VerifyAsync(window, handle.Outbox, connection, cancellationToken).ConfigureAwait(false));
        }
        catch (NotSupportedException exception)
        {
            return ReportModelBuilder.Outcome.NotVerified(service, exception.Message);
        }
        catch (Exception exception) when (exception is UsageServiceException or HttpRequestException)
        {
            return ReportModelBuilder.Outcome.Failed(service, exception.Message);
        }
    }

    /// <summary>The report's order of the services: by short name (amie, gateway, perseus).</summary>
    private static readonly UsageApi[] ReportOrder = [.. UsageApiNames.All.OrderBy(UsageApiNames.Of, StringComparer.Ordinal)];

    private static UsageApi[]? Services(string api) =>
        string.Equals(api, "all", StringComparison.OrdinalIgnoreCase) ? null
        : UsageApiNames.TryParse(api.ToLowerInvariant(), out var one) ? [one]
        : throw new CliUsageException($"--api '{api}' is not amie, gateway, perseus or all.");

    private static string Status(ApiStatus status) => status switch
    {
        ApiStatus.Verified => "verified",
        ApiStatus.NotVerified => "not verified",
        _ => "service error",
    };
}
