using System.Globalization;
using Microsoft.Extensions.Options;
using UsageSchema.Amie;
using UsageSchema.Amie.Sending;

namespace UsageSchema.DependencyInjection;

/// <summary>Checks <see cref="AmieClientOptions"/> at start-up, with messages that say what to set.</summary>
public sealed class AmieClientOptionsValidator : IValidateOptions<AmieClientOptions>
{
    /// <summary>The highest limit any source documents per request: 1024 KiB (the reference client's documentation; two other sources say 256 KB).</summary>
    public const int ServiceLimitBytes = 1024 * 1024;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AmieClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        OptionsChecks.BaseAddress(problems, "AmieClientOptions.BaseAddress", options.BaseAddress, AmieClientOptions.ProductionBaseAddress.ToString());
        OptionsChecks.NotAnotherServicesHost(problems, "AmieClientOptions.BaseAddress", options.BaseAddress, "the AMIE API key", UsageApi.Amie);
        OptionsChecks.Required(problems, "AmieClientOptions.ApiKey", options.ApiKey, $"set it to the site's AMIE Usage API key (sent as {AmieUsageOperations.SecuritySchemes.XaApiKey}).");
        OptionsChecks.Required(problems, "AmieClientOptions.SiteName", options.SiteName, $"set it to the site name the key belongs to (sent as {AmieUsageOperations.SecuritySchemes.XaSite}).");
        if (options.MaxRequestBytes is < RequestPacker.MinimumMaxRequestBytes or > ServiceLimitBytes)
        {
            problems.Add($"AmieClientOptions.MaxRequestBytes is {options.MaxRequestBytes.ToString(CultureInfo.InvariantCulture)}; it must be between " +
                $"{RequestPacker.MinimumMaxRequestBytes.ToString(CultureInfo.InvariantCulture)} and {ServiceLimitBytes.ToString(CultureInfo.InvariantCulture)} (the highest documented limit, 1024 KiB). " +
                $"The default, {RequestPacker.DefaultMaxRequestBytes.ToString(CultureInfo.InvariantCulture)} (192 KiB), stays under the 256 KB limit two sources cite.");
        }

        if (options.MaxRecordsPerRequest is < 1)
        {
            problems.Add($"AmieClientOptions.MaxRecordsPerRequest is {options.MaxRecordsPerRequest?.ToString(CultureInfo.InvariantCulture)}; it must be 1 or more, or null for no limit.");
        }

        if (options.MaxFailedRecordIdsPerRequest < 1)
        {
            problems.Add($"AmieClientOptions.MaxFailedRecordIdsPerRequest is {options.MaxFailedRecordIdsPerRequest.ToString(CultureInfo.InvariantCulture)}; it must be 1 or more.");
        }

        if (options.MaxRequestsInFlight is < 1 or > AmieClientOptions.MaxRequestsInFlightLimit)
        {
            problems.Add($"AmieClientOptions.MaxRequestsInFlight is {options.MaxRequestsInFlight.ToString(CultureInfo.InvariantCulture)}; it must be between 1 (the default: one request at a time) and {AmieClientOptions.MaxRequestsInFlightLimit.ToString(CultureInfo.InvariantCulture)}.");
        }

        OptionsChecks.MaxResponseBytes(problems, "AmieClientOptions.MaxResponseBytes", options.MaxResponseBytes, AmieClientOptions.DefaultMaxResponseBytes);
        if (options.Resilience is null)
        {
            problems.Add("AmieClientOptions.Resilience is null; leave it at its default or set its members.");
        }
        else
        {
            problems.AddRange(options.Resilience.Problems("AmieClientOptions.Resilience"));
        }

        return OptionsChecks.Result(problems);
    }
}
