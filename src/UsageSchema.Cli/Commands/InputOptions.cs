using System.CommandLine;
using System.Globalization;
using UsageSchema.Cli.Input;

namespace UsageSchema.Cli.Commands;

/// <summary>The options that say how to read an input file, shared by <c>validate</c> and <c>send</c>.</summary>
internal sealed class InputOptions
{
    public Argument<FileInfo> File { get; } = new("FILE") { Description = "The input: .json (UsageMessage, record or array), .jsonl, .csv (header of wire names) or sacct -P output (.sacct, .psv, .txt)." };

    public Option<string> Format { get; } = new("--format") { Description = "The input format, when the extension does not say it.", DefaultValueFactory = _ => "auto" };

    public Option<string?> Type { get; } = new("--type") { Description = "The kind of bare records: compute, storage, adjustment, perseus, gateway (default: told from the fields)." };

    public Option<string?> Resource { get; } = new("--resource") { Description = "sacct: the AMIE resource name of every job (required for sacct input)." };

    public Option<string> Charge { get; } = new("--charge") { Description = "sacct: the charge formula: cpu-hours (AllocCPUS x hours), node-hours, hours.", DefaultValueFactory = _ => "cpu-hours" };

    public Option<decimal> ChargeFactor { get; } = new("--charge-factor") { Description = "sacct: multiplies the formula's result (service units per hour).", DefaultValueFactory = _ => 1m };

    public Option<string?> TimeZone { get; } = new("--time-zone") { Description = "sacct: the IANA zone of sacct's times (default: this machine's zone)." };

    public Option<string[]> Map { get; } = new("--map") { Description = "sacct: override a column, Field=Column (e.g. LocalProjectID=WCKey); repeatable.", AllowMultipleArgumentsPerToken = false };

    public Option<bool> IncludeSteps { get; } = new("--include-steps") { Description = "sacct: also read job steps (JobID with a dot)." };

    public void AddTo(Command command)
    {
        command.Arguments.Add(File);
        foreach (var option in new Option[] { Format, Type, Resource, Charge, ChargeFactor, TimeZone, Map, IncludeSteps })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Reads the file the options name and checks its records against the spec.</summary>
    public (InputReadResult Read, List<InputProblem> Violations) Read(ParseResult parse, RecordKind? defaultKind)
    {
        var file = parse.GetValue(File)!;
        if (!file.Exists)
        {
            throw new CliUsageException($"The file {file.FullName} does not exist.");
        }

        var format = parse.GetValue(Format)!.ToUpperInvariant() switch
        {
            "AUTO" => RecordFileReader.FormatOf(file.Name),
            "JSON" => InputFormat.Json,
            "JSONL" or "JSON-LINES" or "NDJSON" => InputFormat.JsonLines,
            "CSV" => InputFormat.Csv,
            "SACCT" => InputFormat.Sacct,
            var other => throw new CliUsageException($"--format {other.ToLowerInvariant()} is not one of auto, json, jsonl, csv, sacct."),
        };
        var kind = parse.GetValue(Type) is { } type ? ParseKind(type) : defaultKind;
        SacctMapping? mapping = null;
        if (format == InputFormat.Sacct)
        {
            mapping = new SacctMapping
            {
                Resource = parse.GetValue(Resource) ?? throw new CliUsageException("sacct input needs --resource NAME: sacct has no column with the AMIE resource name."),
                ChargeFactor = parse.GetValue(ChargeFactor),
                SkipSteps = !parse.GetValue(IncludeSteps),
            };
            try
            {
                mapping.Charge = SacctMapping.ParseFormula(parse.GetValue(Charge)!);
                mapping.Override(parse.GetValue(Map) ?? []);
                if (parse.GetValue(TimeZone) is { } zone)
                {
                    mapping.TimeZone = TimeZoneInfo.FindSystemTimeZoneById(zone);
                }
            }
            catch (Exception exception) when (exception is ArgumentException or TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                throw new CliUsageException(exception.Message, exception);
            }
        }

        byte[] bytes;
        try
        {
            bytes = System.IO.File.ReadAllBytes(file.FullName);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"The file {file.FullName} cannot be read: {exception.Message}", exception);
        }

        var read = RecordFileReader.Read(bytes, format, kind, mapping);
        return (read, RecordFileReader.Validate(read.Records));
    }

    public static RecordKind ParseKind(string text) => text.ToUpperInvariant() switch
    {
        "COMPUTE" => RecordKind.Compute,
        "STORAGE" => RecordKind.Storage,
        "ADJUSTMENT" => RecordKind.Adjustment,
        "PERSEUS" => RecordKind.Perseus,
        "GATEWAY" => RecordKind.Gateway,
        _ => throw new CliUsageException(string.Create(CultureInfo.InvariantCulture, $"--type {text} is not one of compute, storage, adjustment, perseus, gateway.")),
    };
}
