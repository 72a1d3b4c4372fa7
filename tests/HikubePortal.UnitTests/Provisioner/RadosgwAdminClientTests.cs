using System.Net;
using System.Text;
using HikubePortal.Provisioner.Radosgw;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HikubePortal.UnitTests.Provisioner;

/// <summary>How the admin client builds requests and translates answers (radosgw itself is tested in PlatformTests).</summary>
public sealed class RadosgwAdminClientTests
{
    private static (RadosgwAdminClient Client, StubHandler Handler) Client(params Func<HttpRequestMessage, HttpResponseMessage>[] answers)
    {
        var options = Options.Create(new RadosgwOptions
        {
            Endpoint = "http://127.0.0.1:7480",
            AdminAccessKey = "a",
            AdminSecretKey = "s",
            MaxAttempts = 3,
        });
        var handler = new StubHandler(answers);
        var http = new HttpClient(handler) { BaseAddress = options.Value.EndpointUri };
        return (new RadosgwAdminClient(http, new RadosgwRetry(options, TimeProvider.System), NullLogger<RadosgwAdminClient>.Instance), handler);
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    [Fact]
    public void Flags_are_sent_bare_and_values_encoded() =>
        Assert.Equal(
            "admin/user?key&uid=a%20b&access-key=K%2B1&format=json",
            RadosgwAdminClient.PathAndQuery("admin/user", [("key", null), ("uid", "a b"), ("access-key", "K+1")]));

    [Fact]
    public async Task A_user_is_read_with_its_keys()
    {
        var (client, handler) = Client(_ => Json(HttpStatusCode.OK,
            """{"user_id":"u1","display_name":"ns/b u1","max_buckets":-1,"suspended":0,"keys":[{"user":"u1","access_key":"AK","secret_key":"SK"}]}"""));

        var user = await client.GetUserAsync("u1", CancellationToken.None);

        Assert.NotNull(user);
        Assert.Equal("u1", user.UserId);
        Assert.Equal(-1, user.MaxBuckets);
        var key = Assert.Single(user.Keys);
        Assert.Equal(("AK", "SK"), (key.AccessKey, key.SecretKey));
        Assert.Equal("/admin/user?uid=u1&format=json", handler.Requests.Single().PathAndQuery);
    }

    [Fact]
    public async Task Missing_things_answer_null_or_false()
    {
        var (client, _) = Client(_ => Json(HttpStatusCode.NotFound, """{"Code":"NoSuchUser","RequestId":"x"}"""));

        Assert.Null(await client.GetUserAsync("u1", CancellationToken.None));
        Assert.False(await client.RemoveUserAsync("u1", CancellationToken.None));
        Assert.False(await client.RemoveKeyAsync("u1", "AK", CancellationToken.None));
        Assert.False(await client.RemoveBucketAsync("b", CancellationToken.None));
        Assert.Null(await client.GetBucketStatsAsync("b", CancellationToken.None));
    }

    [Fact]
    public async Task Refusals_keep_radosgw_error_code_and_are_not_retried()
    {
        var (client, handler) = Client(_ => Json(HttpStatusCode.Forbidden, """{"Code":"AccessDenied"}"""));

        var error = await Assert.ThrowsAsync<RadosgwException>(() => client.CreateUserAsync("u1", "x", CancellationToken.None));

        Assert.Equal(RadosgwErrorKind.Forbidden, error.Kind);
        Assert.Equal("AccessDenied", error.Code);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Unreachable_radosgw_is_retried_then_reported_unavailable()
    {
        var (client, handler) = Client(_ => throw new HttpRequestException(HttpRequestError.ConnectionError, "refused"));

        var error = await Assert.ThrowsAsync<RadosgwException>(() => client.GetUserAsync("u1", CancellationToken.None));

        Assert.Equal(RadosgwErrorKind.Unavailable, error.Kind);
        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public async Task A_server_error_that_passes_is_retried_to_success()
    {
        var (client, handler) = Client(
            _ => Json(HttpStatusCode.ServiceUnavailable, "{}"),
            _ => Json(HttpStatusCode.OK, """{"user_id":"u1","display_name":"","max_buckets":0,"suspended":0,"keys":[]}"""));

        var user = await client.GetUserAsync("u1", CancellationToken.None);

        Assert.Equal("u1", user?.UserId);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task Bucket_stats_read_size_objects_and_allocated_bytes_of_the_main_category()
    {
        var (client, _) = Client(_ => Json(HttpStatusCode.OK,
            """{"bucket":"b","owner":"admin","usage":{"rgw.main":{"size":2048,"size_actual":8192,"num_objects":3},"rgw.multimeta":{"size":0,"num_objects":1}}}"""));

        var stats = await client.GetBucketStatsAsync("b", CancellationToken.None);

        Assert.Equal(new RgwBucketStats("b", "admin", 2048, 3, 8192), stats);
    }

    [Fact]
    public async Task The_stats_of_every_bucket_come_in_one_call()
    {
        var (client, handler) = Client(_ => Json(HttpStatusCode.OK,
            """[{"bucket":"b1","owner":"admin","usage":{"rgw.main":{"size":3000,"size_actual":4096,"num_objects":1}}},{"bucket":"b2","owner":"admin","usage":{}}]"""));

        var stats = await client.ListBucketStatsAsync(CancellationToken.None);

        Assert.Equal(new RgwBucketStats("b1", "admin", 3000, 1, 4096), stats["b1"]);
        Assert.Equal(new RgwBucketStats("b2", "admin", 0, 0), stats["b2"]);
        Assert.Equal("/admin/bucket?stats=true&format=json", Assert.Single(handler.Requests).PathAndQuery);
    }

    [Fact]
    public async Task An_empty_bucket_has_zero_size()
    {
        var (client, _) = Client(_ => Json(HttpStatusCode.OK, """{"bucket":"b","owner":"admin","usage":{}}"""));

        Assert.Equal(new RgwBucketStats("b", "admin", 0, 0), await client.GetBucketStatsAsync("b", CancellationToken.None));
    }

    [Theory]
    [InlineData(404, "NotFound")]
    [InlineData(409, "Conflict")]
    [InlineData(403, "Forbidden")]
    [InlineData(400, "Invalid")]
    [InlineData(429, "Unavailable")]
    [InlineData(500, "Unavailable")]
    [InlineData(503, "Unavailable")]
    public void Http_statuses_map_to_the_small_set(int status, string kind) =>
        Assert.Equal(Enum.Parse<RadosgwErrorKind>(kind), RadosgwException.KindOf(status));

    private sealed class StubHandler(Func<HttpRequestMessage, HttpResponseMessage>[] answers) : HttpMessageHandler
    {
        public List<Uri> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request.RequestUri!);
            var answer = answers[Math.Min(Requests.Count - 1, answers.Length - 1)];
            return Task.FromResult(answer(request));
        }
    }
}
