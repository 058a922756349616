using System.CommandLine;
using System.Globalization;
using System.Threading.Channels;
using UsageSchema.Cli.Input;

namespace UsageSchema.Cli.Commands;

/// <summary>The options that say how to read an input file, shared by <c>validate</c> and <c>send</c>.</summary>
internal sealed class InputOptions
{
    /// <summary>The <c>FILE</c> that means standard input.</summary>
    public const string StandardInput = "-";

    public Argument<string> File { get; } = new("FILE") { Description = "The input: .json (UsageMessage, record or array), .jsonl, .csv (header of wire names) or sacct -P output (.sacct, .psv, .txt); - reads standard input (format from --format, else told from its first bytes)." };

    public Option<string> Format { get; } = new("--format") { Description = "The input format, when the extension does not say it: auto, json, jsonl, csv, sacct.", DefaultValueFactory = _ => "auto" };

    public Option<string?> Type { get; } = new("--type") { Description = "The kind of bare records: compute, storage, adjustment, perseus, gateway (default: told from the fields)." };

    public Option<string?> Resource { get; } = new("--resource") { Description = "sacct: the AMIE resource name of every job (required for sacct input)." };

    public Option<string> Charge { get; } = new("--charge") { Description = "sacct: the charge formula: cpu-hours (AllocCPUS or NCPUS x hours), node-hours, hours.", DefaultValueFactory = _ => "cpu-hours" };

    public Option<decimal> ChargeFactor { get; } = new("--charge-factor") { Description = "sacct: multiplies the formula's result (service units per hour).", DefaultValueFactory = _ => 1m };

    public Option<string?> TimeZone { get; } = new("--time-zone", "--sacct-timezone") { Description = "sacct: the IANA zone of sacct's times, which have no offset (default: this machine's zone, from TZ; Open XDMoD dumps are made with TZ=UTC)." };

    public Option<string?> Columns { get; } = new("--sacct-columns") { Description = "sacct: the columns of a file without header line (sacct -n): xdmod, xdmod-noqos, xdmod-reqgres (Open XDMoD's lists) or the --format list, comma-separated." };

    public Option<string?> States { get; } = new("--states") { Description = "sacct: the job states whose rows become records, comma-separated (default: the ended states COMPLETED, FAILED, TIMEOUT, CANCELLED, NODE_FAIL, PREEMPTED, OUT_OF_MEMORY, DEADLINE, BOOT_FAIL)." };

    public Option<string[]> Map { get; } = new("--map") { Description = "sacct: override a column, Field=Column (e.g. LocalProjectID=WCKey); repeatable.", AllowMultipleArgumentsPerToken = false };

    public Option<bool> IncludeSteps { get; } = new("--include-steps") { Description = "sacct: also read job steps (JobID with a dot)." };

    public Option<string?> Problems { get; } = new("--problems") { Description = "Write every problem to this file as JSON Lines ({\"location\":..,\"field\":..,\"message\":..}); the console shows the first 1000." };

    /// <summary>How much of standard input is looked at to tell its format: its first line, up to this.</summary>
    private const int SniffBytes = 1024 * 1024;

    public void AddTo(Command command)
    {
        command.Arguments.Add(File);
        foreach (var option in new Option[] { Format, Type, Resource, Charge, ChargeFactor, TimeZone, Columns, States, Map, IncludeSteps, Problems })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>How the input is named in output: the file's name, or <c>stdin</c>.</summary>
    public string NameOf(ParseResult parse)
    {
        var path = parse.GetValue(File)!;
        return path == StandardInput ? "stdin" : Path.GetFileName(path);
    }

    /// <summary>The problem log the options ask for (<c>--problems FILE</c>, or none).</summary>
    public ProblemLog OpenProblemLog(ParseResult parse) => new(parse.GetValue(Problems));

    /// <summary>
    /// Starts reading the file the options name (or standard input) on a reader thread: its records,
    /// each checked against the spec, its problems and skipped rows, in file order, in bounded batches.
    /// </summary>
    public ChannelReader<InputItem[]> Open(ParseResult parse, System.Type? defaultKind, CancellationToken cancellationToken)
    {
        var path = parse.GetValue(File)!;
        var fromStdin = path == StandardInput;
        var file = fromStdin ? null : new FileInfo(path);
        if (file is { Exists: false })
        {
            throw new CliUsageException($"The file {file.FullName} does not exist.");
        }

        var named = parse.GetValue(Format)!.ToUpperInvariant() switch
        {
            "AUTO" => (InputFormat?)null,
            "JSON" => InputFormat.Json,
            "JSONL" or "JSON-LINES" or "NDJSON" => InputFormat.JsonLines,
            "CSV" => InputFormat.Csv,
            "SACCT" => InputFormat.Sacct,
            var other => throw new CliUsageException($"--format {other.ToLowerInvariant()} is not one of auto, json, jsonl, csv, sacct."),
        };
        var kind = parse.GetValue(Type) is { } type ? ParseKind(type) : defaultKind;
        var stream = fromStdin ? Console.OpenStandardInput() : OpenFile(file!);
        var format = named ?? (fromStdin ? null : RecordFileReader.FormatOf(file!.Name));
        if (format is null)
        {
            var (start, whole) = PrefixedStream.Peek(stream, SniffBytes);
            stream = whole;
            format = InputSniffer.Sniff(start);
            if (format is null)
            {
                stream.Dispose();
                throw new CliUsageException("The format of standard input cannot be told from its first line; give --format json, jsonl, csv or sacct.");
            }
        }

        SacctMapping? mapping;
        try
        {
            mapping = format == InputFormat.Sacct ? SacctMapping(parse) : null;
        }
        catch
        {
            stream.Dispose();
            throw;
        }

        return InputPipeline.Start(stream, format.Value, kind, mapping, cancellationToken);
    }

    private SacctMapping SacctMapping(ParseResult parse)
    {
        var mapping = new SacctMapping
        {
            Resource = parse.GetValue(Resource) ?? throw new CliUsageException("sacct input needs --resource NAME: sacct has no column with the AMIE resource name."),
            ChargeFactor = parse.GetValue(ChargeFactor),
            SkipSteps = !parse.GetValue(IncludeSteps),
        };
        try
        {
            mapping.Charge = Input.SacctMapping.ParseFormula(parse.GetValue(Charge)!);
            mapping.Override(parse.GetValue(Map) ?? []);
            if (parse.GetValue(TimeZone) is { } zone)
            {
                mapping.TimeZone = TimeZoneInfo.FindSystemTimeZoneById(zone);
            }

            if (parse.GetValue(Columns) is { } columns)
            {
                mapping.HeaderlessColumns = SacctColumnLists.Parse(columns);
            }

            if (parse.GetValue(States) is { } states)
            {
                mapping.States = SacctJobStates.Parse(states);
            }
        }
        catch (Exception exception) when (exception is ArgumentException or TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new CliUsageException(exception.Message, exception);
        }

        return mapping;
    }

    private static FileStream OpenFile(FileInfo file)
    {
        try
        {
            return new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"The file {file.FullName} cannot be read: {exception.Message}", exception);
        }
    }

    public static System.Type ParseKind(string text) => InputRecordTypes.TryParse(text, out var type)
        ? type
        : throw new CliUsageException(string.Create(CultureInfo.InvariantCulture, $"--type {text} is not one of {InputRecordTypes.Words}."));
}
