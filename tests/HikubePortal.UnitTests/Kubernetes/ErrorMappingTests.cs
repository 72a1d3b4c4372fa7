using System.Net;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Config;
using HikubePortal.Kubernetes.Cozystack;
using HikubePortal.Kubernetes.Models;

namespace HikubePortal.UnitTests.KubernetesTests;

public sealed class ErrorMappingTests
{
    public static TheoryData<int, string, Type> Statuses => new()
    {
        { 404, "NotFound", typeof(KubernetesNotFoundException) },
        { 409, "AlreadyExists", typeof(KubernetesAlreadyExistsException) },
        { 409, "Conflict", typeof(KubernetesConflictException) },
        { 403, "Forbidden", typeof(KubernetesForbiddenException) },
        { 401, "Unauthorized", typeof(KubernetesUnauthorizedException) },
        { 422, "Invalid", typeof(KubernetesInvalidException) },
        { 400, "BadRequest", typeof(KubernetesInvalidException) },
        { 410, "Expired", typeof(KubernetesGoneException) },
        { 429, "TooManyRequests", typeof(KubernetesUnavailableException) },
        { 500, "InternalError", typeof(KubernetesUnavailableException) },
        { 503, "ServiceUnavailable", typeof(KubernetesUnavailableException) },
        { 504, "Timeout", typeof(KubernetesUnavailableException) },
        { 405, "MethodNotAllowed", typeof(KubernetesException) },
    };

    [Theory]
    [MemberData(nameof(Statuses))]
    public async Task Status_answers_map_to_typed_exceptions(int code, string reason, Type expected)
    {
        var handler = new FakeKubernetesHandler().Respond((HttpStatusCode)code, FakeKubernetesHandler.StatusJson(code, reason, $"the {reason} message"));
        using var client = FakeKubernetesHandler.Client(handler);

        var error = await Assert.ThrowsAnyAsync<KubernetesException>(() => client.GetAsync<Bucket>(Bucket.Resource, "t", "b"));

        Assert.Equal(expected, error.GetType());
        Assert.Equal(code, error.StatusCode);
        Assert.Equal(reason, error.Reason);
        Assert.Contains($"the {reason} message", error.Message, StringComparison.Ordinal);
        Assert.Contains("buckets.apps.cozystack.io t/b", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AlreadyExists_is_also_a_Conflict()
    {
        var handler = new FakeKubernetesHandler().Respond(HttpStatusCode.Conflict, FakeKubernetesHandler.StatusJson(409, "AlreadyExists", "exists"));
        using var client = FakeKubernetesHandler.Client(handler);

        await Assert.ThrowsAnyAsync<KubernetesConflictException>(() => client.CreateAsync(Bucket.Resource, "t", Bucket.Create("t", "b")));
    }

    [Fact]
    public async Task Invalid_carries_the_field_causes()
    {
        const string causes = """[{"reason":"FieldValueInvalid","message":"Invalid value: \"x\": spec.users.a.readonly in body must be of type boolean","field":"spec.users.a.readonly"},{"reason":"FieldValueRequired","message":"Required value","field":"metadata.name"}]""";
        var handler = new FakeKubernetesHandler().Respond(HttpStatusCode.UnprocessableEntity,
            FakeKubernetesHandler.StatusJson(422, "Invalid", "Bucket.apps.cozystack.io \"b\" is invalid", causes));
        using var client = FakeKubernetesHandler.Client(handler);

        var error = await Assert.ThrowsAsync<KubernetesInvalidException>(() => client.CreateAsync(Bucket.Resource, "t", Bucket.Create("t", "b")));

        Assert.Equal(2, error.Causes.Count);
        Assert.Equal("spec.users.a.readonly", error.Causes[0].Field);
        Assert.Equal("FieldValueInvalid", error.Causes[0].Reason);
        Assert.Contains("must be of type boolean", Assert.Single(error.FieldErrors["spec.users.a.readonly"]), StringComparison.Ordinal);
        Assert.Equal(["Required value"], error.FieldErrors["metadata.name"]);
    }

    [Fact]
    public async Task Secret_errors_never_echo_server_messages_that_could_hold_values()
    {
        const string causes = """[{"reason":"FieldValueInvalid","message":"Invalid value: \"hunter2-SECRET\": bad","field":"data[k]"}]""";
        var handler = new FakeKubernetesHandler().Respond(HttpStatusCode.UnprocessableEntity,
            FakeKubernetesHandler.StatusJson(422, "Invalid", "Secret \"s\" is invalid: data[k]: Invalid value: \"hunter2-SECRET\"", causes));
        using var client = FakeKubernetesHandler.Client(handler);

        var error = await Assert.ThrowsAsync<KubernetesInvalidException>(() =>
            client.CreateAsync(ResourceType.Secrets, "t", Secret.FromStrings("t", "s", new Dictionary<string, string> { ["k"] = "hunter2-SECRET" })));

        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.ToString(), StringComparison.Ordinal);
        Assert.Null(error.Status!.Message);
        Assert.Equal("data[k]", Assert.Single(error.Causes).Field);
        Assert.Null(error.Causes[0].Message);
        Assert.Contains("data[k] FieldValueInvalid", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secret_not_found_keeps_its_harmless_message()
    {
        var handler = new FakeKubernetesHandler().Respond(HttpStatusCode.NotFound, FakeKubernetesHandler.StatusJson(404, "NotFound", "secrets \"s\" not found"));
        using var client = FakeKubernetesHandler.Client(handler);

        var error = await Assert.ThrowsAsync<KubernetesNotFoundException>(() => client.GetAsync<Secret>(ResourceType.Secrets, "t", "s"));

        Assert.Contains("secrets \"s\" not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_status_error_body_still_maps_by_http_code_and_is_not_copied()
    {
        var handler = new FakeKubernetesHandler().Respond(_ => new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("<html>proxy body</html>") });
        using var client = FakeKubernetesHandler.Client(handler);

        var error = await Assert.ThrowsAsync<KubernetesUnavailableException>(() => client.GetAsync<Bucket>(Bucket.Resource, "t", "b"));

        Assert.Equal(502, error.StatusCode);
        Assert.DoesNotContain("proxy body", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connection_failures_are_Unavailable()
    {
        var handler = new FakeKubernetesHandler().Respond(_ => throw new HttpRequestException(HttpRequestError.ConnectionError, "refused"));
        using var client = FakeKubernetesHandler.Client(handler);

        var error = await Assert.ThrowsAsync<KubernetesUnavailableException>(() => client.GetAsync<Bucket>(Bucket.Resource, "t", "b"));

        Assert.Null(error.StatusCode);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    [Fact]
    public async Task A_call_that_outlives_its_timeout_is_Unavailable()
    {
        using var handler = new HangingHandler();
        using var client = new KubernetesClient(new KubernetesConfig { Server = new Uri("https://k8s.test") }, handler);

        var error = await Assert.ThrowsAsync<KubernetesUnavailableException>(() =>
            client.GetAsync<Bucket>(Bucket.Resource, "t", "b", new RequestOptions { Timeout = TimeSpan.FromMilliseconds(50) }));

        Assert.Contains("no answer within", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Caller_cancellation_stays_a_cancellation()
    {
        using var handler = new HangingHandler();
        using var client = new KubernetesClient(new KubernetesConfig { Server = new Uri("https://k8s.test") }, handler);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetAsync<Bucket>(Bucket.Resource, "t", "b", null, cancel.Token));
    }

    [Fact]
    public async Task A_401_rereads_a_rotated_token_file_and_retries_once()
    {
        var dir = Directory.CreateTempSubdirectory();
        try
        {
            var tokenFile = Path.Combine(dir.FullName, "token");
            await File.WriteAllTextAsync(tokenFile, "old-token\n");
            var accepted = "old-token";
            var handler = new FakeKubernetesHandler
            {
                Fallback = r => r.Header("Authorization").SequenceEqual([$"Bearer {accepted}"])
                    ? FakeKubernetesHandler.Json(HttpStatusCode.OK, """{"metadata":{"name":"b"}}""")
                    : FakeKubernetesHandler.Json(HttpStatusCode.Unauthorized, FakeKubernetesHandler.StatusJson(401, "Unauthorized", "Unauthorized")),
            };
            using var client = new KubernetesClient(new KubernetesConfig { Server = new Uri("https://k8s.test"), TokenFile = tokenFile }, handler);
            await client.GetAsync<Bucket>(Bucket.Resource, "t", "b");

            await File.WriteAllTextAsync(tokenFile, "new-token\n"); // the kubelet rotated it
            accepted = "new-token";
            var bucket = await client.GetAsync<Bucket>(Bucket.Resource, "t", "b");

            Assert.Equal("b", bucket.Name);
            Assert.Equal(["Bearer old-token", "Bearer old-token", "Bearer new-token"], handler.Requests.Select(r => r.Header("Authorization").Single()));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_401_with_a_static_token_is_not_retried()
    {
        var handler = new FakeKubernetesHandler { Fallback = _ => FakeKubernetesHandler.Json(HttpStatusCode.Unauthorized, FakeKubernetesHandler.StatusJson(401, "Unauthorized", "Unauthorized")) };
        using var client = FakeKubernetesHandler.Client(handler);

        await Assert.ThrowsAsync<KubernetesUnauthorizedException>(() => client.GetAsync<Bucket>(Bucket.Resource, "t", "b"));
        Assert.Single(handler.Requests);
    }

    private sealed class HangingHandler : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }
}
