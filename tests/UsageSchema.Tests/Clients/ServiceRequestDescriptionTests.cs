using UsageSchema.Amie;
using UsageSchema.Errors;

namespace UsageSchema.Tests.Clients;

public class ServiceRequestDescriptionTests
{
    [Fact]
    public void A_request_is_described_by_method_path_and_size_only()
    {
        var uri = new Uri($"https://usage.access-ci.org/api/v1{AmieUsageOperations.GetUsageStatus.PathTemplate}?FromTime=2024-03-01");

        Assert.Equal($"GET /api/v1{AmieUsageOperations.GetUsageStatus.PathTemplate}?FromTime=2024-03-01", ServiceRequestDescription.For(HttpMethod.Get, uri).ToString());
        Assert.Equal("POST /api/v1/usage (1 record, 300 bytes)", ServiceRequestDescription.For(HttpMethod.Post, new Uri($"https://usage.access-ci.org/api/v1{AmieUsageOperations.SendUsage.PathTemplate}"), 1, 300).ToString());
        Assert.Equal("POST /x (12 records)", new ServiceRequestDescription("POST", "/x", 12).ToString());
        Assert.Equal("POST /x (7 bytes)", new ServiceRequestDescription("POST", "/x", BodyBytes: 7).ToString());
    }

    [Fact]
    public void Every_failure_kind_shares_the_base_type()
    {
        Assert.IsAssignableFrom<UsageServiceException>(new ServiceRejectedException());
        Assert.IsAssignableFrom<ServiceRejectedException>(new ServiceAuthenticationException());
        Assert.IsAssignableFrom<UsageServiceException>(new ServiceUnavailableException());
        Assert.IsAssignableFrom<UsageServiceException>(new UnexpectedResponseException());
    }
}
