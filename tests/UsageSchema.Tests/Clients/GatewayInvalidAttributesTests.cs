using UsageSchema.GatewayAttributes;
using UsageSchema.Validation;

namespace UsageSchema.Tests.Clients;

/// <summary>Attributes that break the spec are never sent. Depends on the spec source generator (<see cref="IValidatable"/>).</summary>
public class GatewayInvalidAttributesTests
{
    [Fact]
    public async Task Invalid_attributes_throw_with_every_violation_and_nothing_is_sent()
    {
        var handler = new ScriptedHandler();
        var attributes = new JobAttributes { GatewayUser = "u", XsedeResourceName = "not a resource!", JobId = "1", SubmitTime = "yesterday" };

        var error = await Assert.ThrowsAsync<UsageValidationException>(() => ClientFactory.Gateway(handler).SubmitAsync(attributes));

        Assert.Contains(error.Violations, violation => violation.Path == "xsederesourcename");
        Assert.Contains(error.Violations, violation => violation.Path == "submittime");
        Assert.Empty(handler.Requests);
    }
}
