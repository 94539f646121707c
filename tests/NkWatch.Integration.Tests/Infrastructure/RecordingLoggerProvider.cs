using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace NkWatch.Integration.Tests.Infrastructure;

/// <summary>Keeps every log line of a service graph (level, category, text and any exception), for tests that read what the operator would see.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LoggedLine> lines = new();

    public IReadOnlyList<LoggedLine> Lines => [.. lines];

    public IReadOnlyList<LoggedLine> Errors => [.. lines.Where(l => l.Level >= LogLevel.Error)];

    /// <summary>Everything written, exceptions included, as one text to search.</summary>
    public string AllText => string.Join('\n', lines.Select(l => $"{l.Category} {l.Message} {l.Exception}"));

    public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, lines);

    public void Dispose()
    {
    }

    private sealed class Recorder(string category, ConcurrentQueue<LoggedLine> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(new LoggedLine(logLevel, category, formatter(state, exception), exception?.ToString()));
    }
}

public sealed record LoggedLine(LogLevel Level, string Category, string Message, string? Exception);
