using UsageSchema.NSwag;

namespace UsageSchema.Tests.Generation;

public class PascalCaseTests
{
    [Theory]
    [InlineData("LocalProjectID", "LocalProjectId")]
    [InlineData("FailedRecordID", "FailedRecordId")]
    [InlineData("CpuCoreCount", "CpuCoreCount")]
    [InlineData("project_oid", "ProjectOid")]
    [InlineData("additional_resources", "AdditionalResources")]
    [InlineData("error", "Error")]
    [InlineData("gatewayuser", "Gatewayuser")]
    [InlineData("XMLHttpRequest", "XmlHttpRequest")]
    [InlineData("XA-API-KEY", "XaApiKey")]
    [InlineData("bytes_v2", "BytesV2")]
    [InlineData("2fa", "_2Fa")]
    public void Wire_names_become_PascalCase_member_names(string wire, string expected)
    {
        Assert.Equal(expected, PascalCase.FromWireName(wire));
    }
}
