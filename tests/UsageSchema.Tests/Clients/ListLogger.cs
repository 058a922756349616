using Microsoft.Extensions.Logging;

namespace UsageSchema.Tests.Clients;

/// <summary>Keeps every log entry: its formatted message and each structured value, as text.</summary>
internal sealed class ListLoggerProvider : ILoggerProvider, ILogger
{
    private readonly object _gate = new();

    public List<string> Entries { get; } = [];

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(pair => $"{pair.Key}={pair.Value}")) : string.Empty;
        lock (_gate)
        {
            Entries.Add($"{logLevel} {formatter(state, exception)} | {values} | {exception}");
        }
    }

    public void Dispose()
    {
    }
}
