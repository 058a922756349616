using System.Text.Encodings.Web;
using System.Text.Json;

namespace UsageSchema.Cli.Input;

/// <summary>
/// Every problem of a run, as it is found: counted, the first <see cref="MaxShown"/> kept for the
/// console and <c>--json</c>, and, with <c>--problems FILE</c>, each written to the file as one JSON
/// line (<c>{"location":..,"field":..,"message":..}</c>), so that a run with millions of problems
/// holds none of them in memory.
/// </summary>
internal sealed class ProblemLog : IDisposable
{
    /// <summary>How many problems are kept for the console and <c>--json</c>; the rest are counted (and written to the file).</summary>
    public const int MaxShown = 1000;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Stream? _file;
    private readonly Utf8JsonWriter? _writer;
    private readonly List<InputProblem> _shown = [];

    /// <summary>Opens the log; <paramref name="path"/> null keeps no file.</summary>
    public ProblemLog(string? path)
    {
        Path = path;
        if (path is null)
        {
            return;
        }

        try
        {
            _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 64 * 1024);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"--problems {path}: the file cannot be written: {exception.Message}", exception);
        }

        _writer = new Utf8JsonWriter(_file, WriterOptions);
    }

    /// <summary>The file, or null.</summary>
    public string? Path { get; }

    /// <summary>How many problems there were.</summary>
    public int Count { get; private set; }

    /// <summary>The first <see cref="MaxShown"/> problems, in the order found.</summary>
    public IReadOnlyList<InputProblem> Shown => _shown;

    /// <summary>How many problems are not in <see cref="Shown"/>.</summary>
    public int Omitted => Count - _shown.Count;

    /// <summary>Adds a problem.</summary>
    public void Add(InputProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Count++;
        if (_shown.Count < MaxShown)
        {
            _shown.Add(problem);
        }

        if (_writer is not null)
        {
            _writer.WriteStartObject();
            _writer.WriteString("location", problem.Location);
            if (problem.Field is null)
            {
                _writer.WriteNull("field");
            }
            else
            {
                _writer.WriteString("field", problem.Field);
            }

            _writer.WriteString("message", problem.Message);
            _writer.WriteEndObject();
            _writer.Flush();
            _writer.Reset();
            _file!.WriteByte((byte)'\n');
        }
    }

    /// <summary>The line that says where the problems not shown are, or null when all are shown.</summary>
    public string? OmittedLine() => Omitted == 0
        ? null
        : Path is null
            ? $"... and {Omitted.ToString(System.Globalization.CultureInfo.InvariantCulture)} more problem(s) not shown; --problems FILE writes them all"
            : $"... and {Omitted.ToString(System.Globalization.CultureInfo.InvariantCulture)} more problem(s) in {Path}";

    public void Dispose()
    {
        _writer?.Dispose();
        _file?.Dispose();
    }
}
