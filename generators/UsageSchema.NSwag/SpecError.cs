using YamlDotNet.Core;

namespace UsageSchema.NSwag;

/// <summary>Formats a failure of NSwag on a spec as an MSBuild error on the spec file.</summary>
internal static class SpecError
{
    public static string Format(string specPath, Exception exception)
    {
        var location = specPath;
        var messages = new List<string>();
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is YamlException yaml && location == specPath)
            {
                location = $"{specPath}({yaml.Start.Line},{yaml.Start.Column})";
            }

            messages.Add(current.Message.ReplaceLineEndings(" "));
        }

        return $"{location}: error USN0001: NSwag could not generate code from this spec: {string.Join(" -> ", messages.Distinct())}";
    }
}
