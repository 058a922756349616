using Microsoft.Extensions.Options;
using UsageSchema.Perseus;
using UsageSchema.Perseus.Client;

namespace UsageSchema.DependencyInjection;

/// <summary>Checks <see cref="PerseusClientOptions"/> at start-up, with messages that say what to set.</summary>
public sealed class PerseusClientOptionsValidator : IValidateOptions<PerseusClientOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, PerseusClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        OptionsChecks.BaseAddress(problems, "PerseusClientOptions.BaseAddress", options.BaseAddress, "https://perseus.example.org/api (the proxy prefix included)");
        OptionsChecks.NotAnotherServicesHost(problems, "PerseusClientOptions.BaseAddress", options.BaseAddress, "the PERSEUS token", UsageApi.Perseus);
        OptionsChecks.Required(problems, "PerseusClientOptions.Token", options.Token, $"set it to the PERSEUS token (sent as {PerseusOperations.SecuritySchemes.PerseusToken}).");
        OptionsChecks.MaxResponseBytes(problems, "PerseusClientOptions.MaxResponseBytes", options.MaxResponseBytes, PerseusClientOptions.DefaultMaxResponseBytes);
        if (options.Resilience is null)
        {
            problems.Add("PerseusClientOptions.Resilience is null; leave it at its default or set its members.");
        }
        else
        {
            problems.AddRange(options.Resilience.Problems("PerseusClientOptions.Resilience"));
        }

        return OptionsChecks.Result(problems);
    }
}
