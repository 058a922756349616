using UsageSchema.Errors;

namespace UsageSchema.GatewayAttributes;

/// <summary>
/// The plain-text reply of <c>POST /gateway/v2/job_attributes</c>, parsed.
/// </summary>
/// <remarks>
/// The service answers in text, not JSON (see the spec). A staged submission lists
/// <c>Job attributes:</c> followed by indented <c>Name: value</c> lines; an unknown resource is
/// answered with <c>Did you mean one of these?</c> and one valid name per line up to a blank line or
/// a line starting with <c>*</c> (the service's closing remark, seen in public clients); a dry run
/// ends with <c>Debug specified. Attributes not staged</c>.
/// </remarks>
public sealed class JobAttributesReply
{
    internal const string AttributesHeader = "Job attributes:";
    internal const string SuggestionsMarker = "Did you mean one of these?";
    internal const string DryRunMarker = "Debug specified. Attributes not staged";

    private JobAttributesReply(string text, JobAttributesReplyKind kind, IReadOnlyDictionary<string, string> attributes, IReadOnlyList<string> suggestions)
    {
        Text = text;
        Kind = kind;
        Attributes = attributes;
        SuggestedResourceNames = suggestions;
    }

    /// <summary>What the reply says happened.</summary>
    public JobAttributesReplyKind Kind { get; }

    /// <summary>
    /// Whether the service staged the job: the one reply that delivers it. With
    /// <see cref="RefusesRecord"/> and <see cref="IsDocumented"/>, the one reading of a reply's
    /// <see cref="Kind"/> for its fate; the outbox's answer table and <c>send --direct</c> go through these.
    /// </summary>
    public bool IsStaged => Kind == JobAttributesReplyKind.Staged;

    /// <summary>Whether the reply is a verdict on the record itself: an unknown resource name (the service lists the valid ones).</summary>
    public bool RefusesRecord => Kind == JobAttributesReplyKind.UnknownResource;

    /// <summary>Whether the reply is one of the documented ones (staged, unknown resource, dry run); anything else is no answer at all.</summary>
    public bool IsDocumented => Kind != JobAttributesReplyKind.Unrecognized;

    /// <summary>The reply exactly as received.</summary>
    public string Text { get; }

    /// <summary>Every <c>Name: value</c> line under <c>Job attributes:</c>, by name (case-insensitive).</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; }

    /// <summary>The valid resource names the service suggested; empty unless <see cref="Kind"/> is <see cref="JobAttributesReplyKind.UnknownResource"/>.</summary>
    public IReadOnlyList<string> SuggestedResourceNames { get; }

    /// <summary>The <c>Job</c> line: the local job id as the service stored it.</summary>
    public string? JobId => Attribute("Job");

    /// <summary>The <c>Job submitted</c> line, in the service's own format (<c>2019-05-31 14:32:00-0700</c>).</summary>
    public string? JobSubmitted => Attribute("Job submitted");

    /// <summary>The <c>Resource Name</c> line.</summary>
    public string? ResourceName => Attribute("Resource Name");

    /// <summary>The <c>Gateway Name</c> line: the gateway the API key belongs to.</summary>
    public string? GatewayName => Attribute("Gateway Name");

    /// <summary>The <c>Gateway User</c> line.</summary>
    public string? GatewayUser => Attribute("Gateway User");

    /// <summary>Parses a reply. Never throws: text of no known form is <see cref="JobAttributesReplyKind.Unrecognized"/>.</summary>
    /// <param name="text">The reply body.</param>
    public static JobAttributesReply Parse(string? text)
    {
        text ??= string.Empty;
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var attributes = ReadAttributes(lines);
        var suggestions = ReadSuggestions(lines);
        var kind = suggestions.Count > 0 || text.Contains(SuggestionsMarker, StringComparison.OrdinalIgnoreCase)
            ? JobAttributesReplyKind.UnknownResource
            : text.Contains(DryRunMarker, StringComparison.OrdinalIgnoreCase)
                ? JobAttributesReplyKind.DryRun
                : attributes.Count > 0 ? JobAttributesReplyKind.Staged : JobAttributesReplyKind.Unrecognized;
        return new JobAttributesReply(text, kind, attributes, suggestions);
    }

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        JobAttributesReplyKind.UnknownResource => $"Unknown resource; valid names: {string.Join(", ", SuggestedResourceNames)}",
        JobAttributesReplyKind.Unrecognized => $"Unrecognized reply: {Text.Trim()}",
        _ => $"{Kind}: job {JobId} on {ResourceName} for {GatewayUser}",
    };

    private string? Attribute(string name) => Attributes.TryGetValue(name, out var value) ? value : null;

    private static Dictionary<string, string> ReadAttributes(string[] lines)
    {
        var attributes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var start = Array.FindIndex(lines, line => line.Trim().Equals(AttributesHeader, StringComparison.OrdinalIgnoreCase));
        if (start < 0)
        {
            return attributes;
        }

        foreach (var line in lines.Skip(start + 1))
        {
            var separator = line.IndexOf(':', StringComparison.Ordinal);
            if (string.IsNullOrWhiteSpace(line) || separator <= 0)
            {
                break;
            }

            // "Job submitted: 2019-05-31 14:32:00-0700": only the first colon separates.
            attributes[line[..separator].Trim()] = line[(separator + 1)..].Trim();
        }

        return attributes;
    }

    private static List<string> ReadSuggestions(string[] lines)
    {
        var names = new List<string>();
        var marker = Array.FindIndex(lines, line => line.Contains(SuggestionsMarker, StringComparison.OrdinalIgnoreCase));
        if (marker < 0)
        {
            return names;
        }

        var rest = lines[marker][(lines[marker].IndexOf(SuggestionsMarker, StringComparison.OrdinalIgnoreCase) + SuggestionsMarker.Length)..].Trim();
        if (rest.Length > 0)
        {
            names.Add(ServiceText.Clean(rest));
        }

        foreach (var line in lines.Skip(marker + 1))
        {
            // A line starting with '*' is the service's remark after the list, not a resource name.
            if (line.TrimStart().StartsWith('*'))
            {
                break;
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                if (names.Count > 0)
                {
                    break;
                }

                continue;
            }

            // Printed by callers: no terminal escapes from the service reach a terminal.
            names.Add(ServiceText.Clean(line.Trim()));
        }

        return names;
    }
}
