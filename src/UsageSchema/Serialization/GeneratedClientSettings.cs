using System.Text.Json;
using UsageSchema.Serialization;

// NSwag's clients call this partial method once, when they build their serializer settings.
namespace UsageSchema.Amie
{
    /// <summary>The generated wire-level client of the AMIE Usage API (spec/amie-usage.v1.yaml).</summary>
    public partial class AmieUsageApiClient
    {
        static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) => UsageJson.Configure(settings);
    }
}

namespace UsageSchema.GatewayAttributes
{
    /// <summary>The generated wire-level client of the Gateway Attributes API (spec/access-gateway-attributes.v2.yaml).</summary>
    public partial class GatewayAttributesApiClient
    {
        static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) => UsageJson.Configure(settings);
    }
}

namespace UsageSchema.Perseus
{
    /// <summary>The generated wire-level client of PERSEUS UsageReporting (spec/perseus-usage-reporting.yaml).</summary>
    public partial class PerseusApiClient
    {
        static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) => UsageJson.Configure(settings);
    }
}
