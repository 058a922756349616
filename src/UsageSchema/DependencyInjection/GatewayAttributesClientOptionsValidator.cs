using Microsoft.Extensions.Options;
using UsageSchema.GatewayAttributes;
using UsageSchema.GatewayAttributes.Client;

namespace UsageSchema.DependencyInjection;

/// <summary>
/// Checks <see cref="GatewayAttributesClientOptions"/> at start-up, with messages that say what to set;
/// a configured key file is read, so that a missing, empty or too open file stops the start.
/// </summary>
public sealed class GatewayAttributesClientOptionsValidator : IValidateOptions<GatewayAttributesClientOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, GatewayAttributesClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        OptionsChecks.BaseAddress(problems, "GatewayAttributesClientOptions.BaseAddress", options.BaseAddress, GatewayAttributesClientOptions.ProductionBaseAddress.ToString());
        OptionsChecks.NotAnotherServicesHost(problems, "GatewayAttributesClientOptions.BaseAddress", options.BaseAddress, "the gateway API key", UsageApi.GatewayAttributes);
        if (options.ApiKey is null && string.IsNullOrWhiteSpace(options.ApiKeyFile))
        {
            problems.Add($"GatewayAttributesClientOptions.ApiKey is not set; set it to the gateway's API key (sent as {GatewayAttributesOperations.SecuritySchemes.XaApiKey}), or set ApiKeyFile to a key file such as ~/{GatewayApiKeyFile.DefaultFileName}.");
        }
        else if (options.ApiKey is not null && !string.IsNullOrWhiteSpace(options.ApiKeyFile))
        {
            problems.Add("GatewayAttributesClientOptions.ApiKey and ApiKeyFile are both set; set only one, so that it is clear which key is used.");
        }
        else if (options.ApiKey is null)
        {
            try
            {
                GatewayApiKeyFile.Load(options.ApiKeyFile!);
            }
            catch (ApiKeyFileException exception)
            {
                problems.Add("GatewayAttributesClientOptions.ApiKeyFile: " + exception.Message);
            }
        }

        OptionsChecks.MaxResponseBytes(problems, "GatewayAttributesClientOptions.MaxResponseBytes", options.MaxResponseBytes, GatewayAttributesClientOptions.DefaultMaxResponseBytes);
        if (options.Resilience is null)
        {
            problems.Add("GatewayAttributesClientOptions.Resilience is null; leave it at its default or set its members.");
        }
        else
        {
            problems.AddRange(options.Resilience.Problems("GatewayAttributesClientOptions.Resilience"));
        }

        return OptionsChecks.Result(problems);
    }
}
