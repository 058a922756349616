using System.Globalization;

namespace UsageSchema.Cli.Sending;

/// <summary>
/// The service's answers as lines of the report: the first <see cref="MaxKept"/> are kept, the rest only
/// counted. A line is built only when it is kept: a million-record send answers thousands of requests.
/// </summary>
/// <param name="report">Where the lines go.</param>
internal sealed class ResponseLines(DeliveryReport report)
{
    /// <summary>How many lines of service answers are kept for the report.</summary>
    internal const int MaxKept = 100;

    private int _omitted;

    /// <summary>Whether the next line would be kept; when false, <see cref="Omit"/> it instead of building it.</summary>
    public bool Keeps => report.Responses.Count < MaxKept;

    public void Add(string line)
    {
        if (Keeps)
        {
            report.Responses.Add(line);
        }
        else
        {
            _omitted++;
        }
    }

    public void Omit() => _omitted++;

    /// <summary>Says how many lines were left out, once, at the end.</summary>
    public void Finish()
    {
        if (_omitted > 0)
        {
            report.Responses.Add($"... and {_omitted.ToString(CultureInfo.InvariantCulture)} more answer(s) not listed");
        }
    }
}
