using System.Net;
using System.Text.Json;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;

namespace HikubePortal.UnitTests.KubernetesTests;

/// <summary>What the Bucket calls put on the wire through the library.</summary>
public sealed class BucketApiTests
{
    private static readonly Impersonation Alice = new("alice@example.org", "tenant-a-use");

    [Fact]
    public async Task Get_uses_the_custom_object_path_the_bearer_token_and_one_impersonated_group()
    {
        var handler = new FakeKubernetesHandler().Respond(HttpStatusCode.OK,
            """{"apiVersion":"apps.cozystack.io/v1alpha1","kind":"Bucket","metadata":{"name":"b","namespace":"tenant-a","uid":"u-1","creationTimestamp":"2026-11-20T10:00:00Z"},"spec":{"users":{"admin":{},"viewer":{"readonly":true}},"locking":true},"status":{"conditions":[{"type":"Ready","status":"True","lastTransitionTime":"2026-11-20T10:00:01Z"}]}}""");
        using var kube = FakeKubernetesHandler.Client(handler);

        var bucket = await new BucketApi(kube).GetAsync("tenant-a", "b", Alice, default);

        var request = Assert.Single(handler.Requests);
        Assert.Equal("/apis/apps.cozystack.io/v1alpha1/namespaces/tenant-a/buckets/b", request.Path);
        Assert.Equal(["Bearer test-token"], request.Header("Authorization"));
        Assert.Equal(["alice@example.org"], request.Header("Impersonate-User"));
        Assert.Equal(["tenant-a-use"], request.Header("Impersonate-Group"));
        Assert.Equal("u-1", bucket.Metadata.Uid);
        Assert.True(bucket.Spec!.Locking);
        Assert.True(bucket.Users["viewer"].Readonly);
        Assert.False(bucket.Users["admin"].Readonly);
        Assert.Equal(BucketPhase.Ready, bucket.State.Phase);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 0, 1, TimeSpan.Zero), bucket.Status!.Find("Ready")!.LastTransitionTime);
    }

    [Fact]
    public async Task Without_impersonation_the_call_runs_as_the_portal()
    {
        var handler = new FakeKubernetesHandler().Respond(HttpStatusCode.NotFound, FakeKubernetesHandler.StatusJson(404, "NotFound", "not found"));
        using var kube = FakeKubernetesHandler.Client(handler);

        Assert.Null(await new BucketApi(kube).FindAsync("tenant-a", "b", null, default));

        var request = Assert.Single(handler.Requests);
        Assert.Empty(request.Header("Impersonate-User"));
        Assert.Empty(request.Header("Impersonate-Group"));
    }

    [Fact]
    public async Task List_follows_continue_tokens_and_a_cached_list_asks_for_resource_version_zero()
    {
        var handler = new FakeKubernetesHandler()
            .Respond(HttpStatusCode.OK, """{"metadata":{"resourceVersion":"7","continue":"tok/1+="},"items":[{"metadata":{"name":"a","namespace":"t"}}]}""")
            .Respond(HttpStatusCode.OK, """{"metadata":{"resourceVersion":"7"},"items":[{"metadata":{"name":"b","namespace":"t"}}]}""")
            .Respond(HttpStatusCode.OK, """{"metadata":{"resourceVersion":"9"},"items":[]}""");
        using var kube = FakeKubernetesHandler.Client(handler);
        var api = new BucketApi(kube);

        var all = await api.ListAsync("t", null, default, labelSelector: "x=y");
        var cached = await api.ListAsync("t", null, default, fromCache: true);

        Assert.Equal(["a", "b"], all.Items.Select(b => b.Name));
        Assert.Equal("7", all.ResourceVersion);
        Assert.Equal(["500", "500"], handler.Requests.Take(2).Select(r => r.Query("limit")));
        Assert.Equal([null, "tok/1+="], handler.Requests.Take(2).Select(r => r.Query("continue")));
        Assert.All(handler.Requests.Take(2), r => Assert.Equal("x=y", r.Query("labelSelector")));
        Assert.Equal("0", handler.Requests[2].Query("resourceVersion"));
        Assert.Null(handler.Requests[2].Query("limit"));
        Assert.Equal("9", cached.ResourceVersion);
    }

    [Fact]
    public async Task Create_posts_camel_case_json_without_nulls_to_the_collection()
    {
        var handler = new FakeKubernetesHandler { Fallback = r => FakeKubernetesHandler.Json(HttpStatusCode.Created, r.Body!) };
        using var kube = FakeKubernetesHandler.Client(handler);

        await new BucketApi(kube).CreateAsync(Bucket.Create("t", "b", new BucketSpec
        {
            Users = new Dictionary<string, BucketUser> { ["admin"] = BucketUser.ReadWriteAccess, ["ro"] = BucketUser.ReadOnlyAccess },
            StoragePool = "",
        }), Alice, default);

        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/apis/apps.cozystack.io/v1alpha1/namespaces/t/buckets", request.Path);
        using var body = JsonDocument.Parse(request.Body!);
        var root = body.RootElement;
        Assert.Equal("apps.cozystack.io/v1alpha1", root.GetProperty("apiVersion").GetString());
        Assert.Equal("Bucket", root.GetProperty("kind").GetString());
        Assert.Equal("b", root.GetProperty("metadata").GetProperty("name").GetString());
        Assert.Equal("{}", root.GetProperty("spec").GetProperty("users").GetProperty("admin").GetRawText());
        Assert.True(root.GetProperty("spec").GetProperty("users").GetProperty("ro").GetProperty("readonly").GetBoolean());
        Assert.False(root.GetProperty("spec").TryGetProperty("storagePool", out _));
        Assert.False(root.GetProperty("spec").TryGetProperty("locking", out _));
        Assert.False(root.TryGetProperty("status", out _));
    }

    [Fact]
    public async Task Patches_are_json_merge_patches_and_the_status_one_goes_to_the_subresource()
    {
        var handler = new FakeKubernetesHandler { Fallback = _ => FakeKubernetesHandler.Json(HttpStatusCode.OK, """{"metadata":{"name":"b"}}""") };
        using var kube = FakeKubernetesHandler.Client(handler);
        var api = new BucketApi(kube);

        await api.PatchAsync("t", "b", """{"spec":{"users":{"old":null}}}""", Alice, default, fieldManager: "fm");
        await api.PatchStatusAsync("t", "b", new { status = new { version = "1.0" } }, default);

        Assert.Equal("/apis/apps.cozystack.io/v1alpha1/namespaces/t/buckets/b", handler.Requests[0].Path);
        Assert.Equal("fm", handler.Requests[0].Query("fieldManager"));
        Assert.Equal("""{"spec":{"users":{"old":null}}}""", handler.Requests[0].Body);
        Assert.Equal("/apis/apps.cozystack.io/v1alpha1/namespaces/t/buckets/b/status", handler.Requests[1].Path);
        Assert.Equal("""{"status":{"version":"1.0"}}""", handler.Requests[1].Body);
        Assert.All(handler.Requests, r =>
        {
            Assert.Equal(HttpMethod.Patch, r.Method);
            Assert.Equal("application/merge-patch+json", r.ContentType);
        });
    }

    [Fact]
    public async Task Delete_sends_the_uid_precondition_and_reports_a_bucket_already_gone()
    {
        var handler = new FakeKubernetesHandler()
            .Respond(HttpStatusCode.OK, """{"kind":"Status","status":"Success"}""")
            .Respond(HttpStatusCode.NotFound, FakeKubernetesHandler.StatusJson(404, "NotFound", "gone"));
        using var kube = FakeKubernetesHandler.Client(handler);
        var api = new BucketApi(kube);

        Assert.True(await api.DeleteAsync("t", "b", Alice, default, uid: "u-1"));
        Assert.False(await api.DeleteAsync("t", "b", Alice, default));

        Assert.Equal(HttpMethod.Delete, handler.Requests[0].Method);
        using var body = JsonDocument.Parse(handler.Requests[0].Body!);
        Assert.Equal("u-1", body.RootElement.GetProperty("preconditions").GetProperty("uid").GetString());
        Assert.Null(handler.Requests[1].Body);
    }

    [Fact]
    public async Task A_spec_or_status_of_an_unexpected_shape_is_read_as_a_problem_not_a_failure()
    {
        var handler = new FakeKubernetesHandler().Respond(HttpStatusCode.OK,
            """{"metadata":{"resourceVersion":"3"},"items":[{"metadata":{"name":"odd","namespace":"t"},"spec":{"users":["admin"]},"status":"weird"},{"metadata":{"name":"fine","namespace":"t"},"spec":{"users":{"a":{}}}}]}""");
        using var kube = FakeKubernetesHandler.Client(handler);

        var list = await new BucketApi(kube).ListAsync("t", null, default);

        var odd = list.Items.Single(b => b.Name == "odd");
        Assert.Equal("spec.users has a value of an unexpected type", odd.Spec!.Problem);
        Assert.Equal("status is not an object", odd.Status!.Problem);
        Assert.Equal(BucketPhase.Failed, odd.State.Phase);
        Assert.Contains("cannot read this bucket", odd.State.Message, StringComparison.Ordinal);
        Assert.Empty(odd.Users);
        Assert.Equal(["a"], list.Items.Single(b => b.Name == "fine").Users.Keys);
    }
}
