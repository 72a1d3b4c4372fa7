using System.Net;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Config;
using HikubePortal.Kubernetes.Models;
using Microsoft.Extensions.Logging;

namespace HikubePortal.UnitTests.KubernetesTests;

public sealed class LoggingTests
{
    private const string Value = "hunter2-super-secret";

    [Fact]
    public async Task Requests_are_logged_with_method_path_and_status_but_never_a_secret_value()
    {
        var logger = new CapturingLogger();
        var handler = new FakeKubernetesHandler
        {
            Fallback = r => r.Method == HttpMethod.Post
                ? FakeKubernetesHandler.Json(HttpStatusCode.Created, r.Body!)
                : FakeKubernetesHandler.Json(HttpStatusCode.UnprocessableEntity,
                    FakeKubernetesHandler.StatusJson(422, "Invalid", $"Secret \"s\" is invalid: data: Invalid value: \"{Value}\"")),
        };
        using var client = new KubernetesClient(new KubernetesConfig { Server = new Uri("https://k8s.test"), Token = "bearer-" + Value }, handler, logger: logger);

        await client.CreateAsync(ResourceType.Secrets, "t", Secret.FromStrings("t", "s", new Dictionary<string, string> { ["secretKey"] = Value }));
        var error = await Assert.ThrowsAsync<KubernetesInvalidException>(() => client.PatchAsync<Secret>(ResourceType.Secrets, "t", "s", new { stringData = new { secretKey = Value } }));

        Assert.Contains(logger.Lines, l => l.Contains("POST /api/v1/namespaces/t/secrets -> 201", StringComparison.Ordinal));
        Assert.Contains(logger.Lines, l => l.Contains("PATCH /api/v1/namespaces/t/secrets/s -> 422", StringComparison.Ordinal));
        Assert.All(logger.Lines, l => Assert.DoesNotContain(Value, l, StringComparison.Ordinal));
        Assert.DoesNotContain(Value, error.ToString(), StringComparison.Ordinal);
    }

    private sealed class CapturingLogger : ILogger<KubernetesClient>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception) + exception);
    }
}
