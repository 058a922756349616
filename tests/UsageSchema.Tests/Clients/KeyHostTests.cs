using Microsoft.Extensions.Options;
using UsageSchema.Amie.Sending;
using UsageSchema.GatewayAttributes.Client;

namespace UsageSchema.Tests.Clients;

/// <summary>A key configured for one service with another service's URL is refused before any request (issue 13).</summary>
public class KeyHostTests
{
    [Fact]
    public void An_amie_client_on_the_gateways_host_is_refused_naming_both()
    {
        var handler = new ScriptedHandler();

        var error = Assert.Throws<OptionsValidationException>(() => ClientFactory.Amie(handler, options => options.BaseAddress = GatewayAttributesClientOptions.ProductionBaseAddress));

        Assert.Contains("AmieClientOptions.BaseAddress", error.Message, StringComparison.Ordinal);
        Assert.Contains("allocations-api.access-ci.org, the host of the ACCESS Gateway Attributes API: the AMIE API key would be sent", error.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public void A_gateway_client_on_the_amie_host_is_refused()
    {
        var error = Assert.Throws<OptionsValidationException>(() => ClientFactory.Gateway(new ScriptedHandler(), options => options.BaseAddress = new Uri("https://USAGE.access-ci.org/acdb")));

        Assert.Contains("the host of the AMIE Usage API: the gateway API key would be sent", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://usage.access-ci.org/api")]
    [InlineData("https://allocations-api.access-ci.org/api")]
    public void A_perseus_client_on_either_access_host_is_refused(string url)
    {
        var error = Assert.Throws<OptionsValidationException>(() => ClientFactory.Perseus(new ScriptedHandler(), options => options.BaseAddress = new Uri(url)));

        Assert.Contains("the PERSEUS token would be sent", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_client_on_its_own_production_host_is_accepted()
    {
        ClientFactory.Amie(new ScriptedHandler(), options => options.BaseAddress = AmieClientOptions.ProductionBaseAddress);
        ClientFactory.Gateway(new ScriptedHandler(), options => options.BaseAddress = GatewayAttributesClientOptions.ProductionBaseAddress);
    }
}
