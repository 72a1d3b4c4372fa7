using System.Net;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;

namespace HikubePortal.UnitTests.KubernetesTests;

/// <summary>The library's failures (answers, transport, timeouts) become the project's typed errors, never with a body.</summary>
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
        using var kube = FakeKubernetesHandler.Client(handler);

        var error = await Assert.ThrowsAnyAsync<KubernetesException>(() => new BucketApi(kube).GetAsync("t", "b", null, default));

        Assert.Equal(expected, error.GetType());
        Assert.Equal(code, error.StatusCode);
        Assert.Equal(reason, error.Reason);
        Assert.Contains($"the {reason} message", error.Message, StringComparison.Ordinal);
        Assert.Contains("get buckets.apps.cozystack.io t/b", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AlreadyExists_is_also_a_Conflict()
    {
        var handler = new FakeKubernetesHandler().Respond(HttpStatusCode.Conflict, FakeKubernetesHandler.StatusJson(409, "AlreadyExists", "exists"));
        using var kube = FakeKubernetesHandler.Client(handler);

        await Assert.ThrowsAnyAsync<KubernetesConflictException>(() => new BucketApi(kube).CreateAsync(Bucket.Create("t", "b"), null, default));
    }

    [Fact]
    public async Task Invalid_carries_the_field_causes()
    {
        const string causes = """[{"reason":"FieldValueInvalid","message":"Invalid value: \"x\": spec.users.a.readonly in body must be of type boolean","field":"spec.users.a.readonly"},{"reason":"FieldValueRequired","message":"Required value","field":"metadata.name"}]""";
        var handler = new FakeKubernetesHandler().Respond(HttpStatusCode.UnprocessableEntity,
            FakeKubernetesHandler.StatusJson(422, "Invalid", "Bucket.apps.cozystack.io \"b\" is invalid", causes));
        using var kube = FakeKubernetesHandler.Client(handler);

        var error = await Assert.ThrowsAsync<KubernetesInvalidException>(() => new BucketApi(kube).CreateAsync(Bucket.Create("t", "b"), null, default));

        Assert.Equal(2, error.Causes.Count);
        Assert.Equal("spec.users.a.readonly", error.Causes[0].Field);
        Assert.Equal("FieldValueInvalid", error.Causes[0].Reason);
        Assert.Contains("must be of type boolean", Assert.Single(error.FieldErrors["spec.users.a.readonly"]), StringComparison.Ordinal);
        Assert.Equal(["Required value"], error.FieldErrors["metadata.name"]);
    }

    [Fact]
    public async Task The_library_message_with_the_whole_body_is_never_copied()
    {
        var handler = new FakeKubernetesHandler().Respond(HttpStatusCode.Forbidden,
            FakeKubernetesHandler.StatusJson(403, "Forbidden", "nope") .Replace("\"details\"", "\"extra\":\"body-only-text\",\"details\"", StringComparison.Ordinal));
        using var kube = FakeKubernetesHandler.Client(handler);

        var error = await Assert.ThrowsAsync<KubernetesForbiddenException>(() => new BucketApi(kube).GetAsync("t", "b", null, default));

        // The library's HttpOperationException says "response body {...}": it stays an inner exception, never the message.
        Assert.DoesNotContain("body-only-text", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("response body", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secret_errors_never_echo_server_messages_that_could_hold_values()
    {
        const string causes = """[{"reason":"FieldValueInvalid","message":"Invalid value: \"hunter2-SECRET\": bad","field":"data[k]"}]""";
        var handler = new FakeKubernetesHandler().Respond(HttpStatusCode.UnprocessableEntity,
            FakeKubernetesHandler.StatusJson(422, "Invalid", "Secret \"s\" is invalid: data[k]: Invalid value: \"hunter2-SECRET\"", causes));
        using var kube = FakeKubernetesHandler.Client(handler);

        var error = await Assert.ThrowsAsync<KubernetesInvalidException>(() => new KubernetesSecretSource(kube).GetSecretAsync("t", "s", default));

        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
        Assert.Null(error.Status!.Message);
        Assert.Equal("data[k]", Assert.Single(error.Causes).Field);
        Assert.Null(error.Causes[0].Message);
        Assert.Contains("data[k] FieldValueInvalid", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_Secret_is_null_and_a_forbidden_one_keeps_its_harmless_message()
    {
        var handler = new FakeKubernetesHandler()
            .Respond(HttpStatusCode.NotFound, FakeKubernetesHandler.StatusJson(404, "NotFound", "secrets \"s\" not found"))
            .Respond(HttpStatusCode.Forbidden, FakeKubernetesHandler.StatusJson(403, "Forbidden", "secrets \"s\" is forbidden: User \"u\" cannot get"));
        using var kube = FakeKubernetesHandler.Client(handler);
        var secrets = new KubernetesSecretSource(kube);

        Assert.Null(await secrets.GetSecretAsync("t", "s", default));
        var error = await Assert.ThrowsAsync<KubernetesForbiddenException>(() => secrets.GetSecretAsync("t", "s", default));
        Assert.Contains("cannot get", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_status_error_body_still_maps_by_http_code_and_is_not_copied()
    {
        var handler = new FakeKubernetesHandler().Respond(_ => new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("<html>proxy body</html>") });
        using var kube = FakeKubernetesHandler.Client(handler);

        var error = await Assert.ThrowsAsync<KubernetesUnavailableException>(() => new BucketApi(kube).GetAsync("t", "b", null, default));

        Assert.Equal(502, error.StatusCode);
        Assert.DoesNotContain("proxy body", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connection_failures_are_Unavailable()
    {
        var handler = new FakeKubernetesHandler().Respond(_ => throw new HttpRequestException(HttpRequestError.ConnectionError, "refused"));
        using var kube = FakeKubernetesHandler.Client(handler);

        var error = await Assert.ThrowsAsync<KubernetesUnavailableException>(() => new BucketApi(kube).GetAsync("t", "b", null, default));

        Assert.Null(error.StatusCode);
        Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.Contains("cannot reach the API server (ConnectionError)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_that_outlives_the_request_timeout_is_Unavailable()
    {
        var handler = new FakeKubernetesHandler().RespondAsync(FakeKubernetesHandler.HangAsync);
        using var kube = FakeKubernetesHandler.Client(handler, timeout: TimeSpan.FromMilliseconds(100));

        var error = await Assert.ThrowsAsync<KubernetesUnavailableException>(() => new BucketApi(kube).GetAsync("t", "b", null, default));

        Assert.Contains("did not answer in time", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Caller_cancellation_stays_a_cancellation()
    {
        var handler = new FakeKubernetesHandler().RespondAsync(FakeKubernetesHandler.HangAsync);
        using var kube = FakeKubernetesHandler.Client(handler);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new BucketApi(kube).GetAsync("t", "b", null, cancel.Token));
    }

    [Fact]
    public async Task A_watch_error_event_maps_like_an_answer()
    {
        var status = new k8s.Models.V1Status { Code = 410, Reason = "Expired", Message = "too old resource version: 3 (40)" };

        var error = KubernetesErrors.Translate(new k8s.KubernetesException(status), "watch buckets.apps.cozystack.io t", sensitive: false, default);

        Assert.IsType<KubernetesGoneException>(error);
        Assert.Contains("too old resource version", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Failures_that_are_not_the_clusters_are_left_alone()
    {
        Assert.Null(KubernetesErrors.Translate(new InvalidOperationException("a bug"), "get x", sensitive: false, default));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Null(KubernetesErrors.Translate(new OperationCanceledException(cancelled.Token), "get x", sensitive: false, cancelled.Token));
    }
}
