using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace HikubePortal.IntegrationTests.Infrastructure;

/// <summary>Keeps every log line of a portal in memory with its message and scope values (as a log shipper sees them).</summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<Line> _lines = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    /// <summary>One log line: its category, rendered message, exception text and every scope value.</summary>
    public sealed record Line(string Category, LogLevel Level, string Message, string? Exception, IReadOnlyList<KeyValuePair<string, string?>> Scopes)
    {
        public string? Scope(string key) => Scopes.LastOrDefault(s => s.Key == key).Value;
    }

    public IReadOnlyList<Line> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => capture._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new List<KeyValuePair<string, string?>>();
            capture._scopes.ForEachScope((scope, list) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object?>> values)
                {
                    list.AddRange(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value?.ToString())));
                }
            }, scopes);
            capture._lines.Enqueue(new Line(category, logLevel, formatter(state, exception), exception?.ToString(), scopes));
        }
    }
}
