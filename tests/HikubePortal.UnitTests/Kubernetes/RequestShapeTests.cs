using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;
using HikubePortal.Kubernetes.Models;

namespace HikubePortal.UnitTests.KubernetesTests;

public sealed class RequestShapeTests
{
    private const string BucketJson = """{"apiVersion":"apps.cozystack.io/v1alpha1","kind":"Bucket","metadata":{"name":"b1","namespace":"tenant-a","resourceVersion":"7"},"spec":{"users":{"admin":{}}}}""";

    [Fact]
    public async Task Get_of_a_namespaced_custom_resource_uses_the_apis_path_and_bearer_token()
    {
        var handler = new FakeKubernetesHandler().Respond(HttpStatusCode.OK, BucketJson);
        using var client = FakeKubernetesHandler.Client(handler);

        var bucket = await client.GetAsync<Bucket>(Bucket.Resource, "tenant-a", "b1");

        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("/apis/apps.cozystack.io/v1alpha1/namespaces/tenant-a/buckets/b1", request.PathAndQuery);
        Assert.Equal(["Bearer test-token"], request.Header("Authorization"));
        Assert.Equal("b1", bucket.Name);
        Assert.Equal("7", bucket.Metadata.ResourceVersion);
        Assert.False(bucket.Users["admin"].Readonly);
    }

    [Fact]
    public async Task Core_and_cluster_scoped_paths_and_the_default_namespace()
    {
        var handler = new FakeKubernetesHandler
        {
            Fallback = r => FakeKubernetesHandler.Json(HttpStatusCode.OK, """{"metadata":{"name":"x"}}"""),
        };
        using var client = FakeKubernetesHandler.Client(handler);

        await client.GetAsync<Secret>(ResourceType.Secrets, null, "s1");
        await client.GetAsync<Namespace>(ResourceType.Namespaces, "ignored", "tenant-a");
        await client.GetAsync<RoleBinding>(ResourceType.RoleBindings, "tenant-a", "rb");

        Assert.Equal(
            ["/api/v1/namespaces/ctx-ns/secrets/s1", "/api/v1/namespaces/tenant-a", "/apis/rbac.authorization.k8s.io/v1/namespaces/tenant-a/rolebindings/rb"],
            handler.Requests.Select(r => r.PathAndQuery));
    }

    [Fact]
    public async Task List_sends_selectors_limit_and_continue_escaped()
    {
        var handler = new FakeKubernetesHandler().Respond(HttpStatusCode.OK,
            """{"kind":"BucketList","metadata":{"resourceVersion":"42","continue":"tok2"},"items":[]}""");
        using var client = FakeKubernetesHandler.Client(handler);

        var list = await client.ListAsync<Bucket>(Bucket.Resource, "tenant-a", new ListOptions
        {
            LabelSelector = "app=x,tier!=db",
            FieldSelector = "metadata.name=b1",
            Limit = 50,
            Continue = "a+b/c=",
        });

        var request = Assert.Single(handler.Requests);
        Assert.Equal("/apis/apps.cozystack.io/v1alpha1/namespaces/tenant-a/buckets", request.Path);
        Assert.Contains("labelSelector=app%3Dx%2Ctier%21%3Ddb", request.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal("app=x,tier!=db", request.Query("labelSelector"));
        Assert.Equal("metadata.name=b1", request.Query("fieldSelector"));
        Assert.Equal("50", request.Query("limit"));
        Assert.Equal("a+b/c=", request.Query("continue"));
        Assert.Equal("tok2", list.Metadata.Continue);
        Assert.Equal("42", list.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task List_with_null_namespace_lists_all_namespaces()
    {
        var handler = new FakeKubernetesHandler().Respond(HttpStatusCode.OK, """{"metadata":{},"items":[]}""");
        using var client = FakeKubernetesHandler.Client(handler);

        await client.ListAsync<Bucket>(Bucket.Resource, null);

        Assert.Equal("/apis/apps.cozystack.io/v1alpha1/buckets", Assert.Single(handler.Requests).PathAndQuery);
    }

    [Fact]
    public async Task ListAll_follows_continue_tokens_until_the_last_page()
    {
        var handler = new FakeKubernetesHandler()
            .Respond(HttpStatusCode.OK, """{"metadata":{"continue":"p2"},"items":[{"metadata":{"name":"a"}},{"metadata":{"name":"b"}}]}""")
            .Respond(HttpStatusCode.OK, """{"metadata":{"continue":"p3"},"items":[{"metadata":{"name":"c"}}]}""")
            .Respond(HttpStatusCode.OK, """{"metadata":{"continue":""},"items":[{"metadata":{"name":"d"}}]}""");
        using var client = FakeKubernetesHandler.Client(handler);

        var names = new List<string>();
        await foreach (var bucket in client.ListAllAsync<Bucket>(Bucket.Resource, "t", new ListOptions { Limit = 2, LabelSelector = "x=y" }))
        {
            names.Add(bucket.Name);
        }

        Assert.Equal(["a", "b", "c", "d"], names);
        Assert.Equal([null, "p2", "p3"], handler.Requests.Select(r => r.Query("continue")));
        Assert.All(handler.Requests, r => Assert.Equal("2", r.Query("limit")));
        Assert.All(handler.Requests, r => Assert.Equal("x=y", r.Query("labelSelector")));
    }

    [Fact]
    public async Task Create_posts_to_the_collection_with_camel_case_json_and_no_nulls()
    {
        var handler = new FakeKubernetesHandler().Respond(HttpStatusCode.Created, BucketJson);
        using var client = FakeKubernetesHandler.Client(handler);
        var bucket = Bucket.Create("tenant-a", "b1", new BucketSpec
        {
            Users = new Dictionary<string, BucketUser> { ["admin"] = BucketUser.ReadWriteAccess, ["viewer"] = BucketUser.ReadOnlyAccess },
        });

        await client.CreateAsync(Bucket.Resource, null, bucket, new RequestOptions { FieldManager = "hikube-portal" });

        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/apis/apps.cozystack.io/v1alpha1/namespaces/tenant-a/buckets", request.Path);
        Assert.Equal("hikube-portal", request.Query("fieldManager"));
        Assert.Equal("application/json", request.ContentType);
        var body = JsonNode.Parse(request.Body!)!;
        Assert.Equal("apps.cozystack.io/v1alpha1", (string?)body["apiVersion"]);
        Assert.Equal("Bucket", (string?)body["kind"]);
        Assert.Equal("b1", (string?)body["metadata"]!["name"]);
        Assert.Equal("{}", body["spec"]!["users"]!["admin"]!.ToJsonString());
        Assert.True((bool)body["spec"]!["users"]!["viewer"]!["readonly"]!);
        Assert.DoesNotContain("null", request.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("locking", request.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("status", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_of_a_generic_object_fills_in_api_version_and_kind()
    {
        var handler = new FakeKubernetesHandler().Respond(HttpStatusCode.Created, """{"metadata":{"name":"x"}}""");
        using var client = FakeKubernetesHandler.Client(handler);

        await client.CreateAsync(Bucket.Resource, "t", new GenericObject { Metadata = new ObjectMeta { Name = "x" } });

        var body = JsonNode.Parse(Assert.Single(handler.Requests).Body!)!;
        Assert.Equal("apps.cozystack.io/v1alpha1", (string?)body["apiVersion"]);
        Assert.Equal("Bucket", (string?)body["kind"]);
    }

    [Fact]
    public async Task Secret_data_is_base64_on_the_wire_and_decoded_on_read()
    {
        var handler = new FakeKubernetesHandler().Respond(r => FakeKubernetesHandler.Json(HttpStatusCode.Created, r.Body!));
        using var client = FakeKubernetesHandler.Client(handler);
        var secret = Secret.FromStrings("t", "s", new Dictionary<string, string> { ["accessKey"] = "AK", ["secretKey"] = "très/secret" });

        var created = await client.CreateAsync(ResourceType.Secrets, null, secret);

        var body = JsonNode.Parse(Assert.Single(handler.Requests).Body!)!;
        Assert.Equal(Convert.ToBase64String("très/secret"u8.ToArray()), (string?)body["data"]!["secretKey"]);
        Assert.Equal("très/secret", created.GetString("secretKey"));
        Assert.DoesNotContain("secret", created.ToString().Replace("Secret t/s", "", StringComparison.Ordinal).Replace("secretKey", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Merge_patch_and_status_patch_use_the_merge_patch_content_type()
    {
        var handler = new FakeKubernetesHandler { Fallback = _ => FakeKubernetesHandler.Json(HttpStatusCode.OK, BucketJson) };
        using var client = FakeKubernetesHandler.Client(handler);

        await client.PatchAsync<Bucket>(Bucket.Resource, "t", "b1", new { spec = new { locking = true } });
        await client.PatchStatusAsync<Bucket>(Bucket.Resource, "t", "b1", new JsonObject { ["status"] = new JsonObject { ["version"] = null } });
        await client.PatchAsync<Bucket>(Bucket.Resource, "t", "b1", """{"metadata":{"finalizers":null}}""");

        Assert.All(handler.Requests, r => Assert.Equal(HttpMethod.Patch, r.Method));
        Assert.All(handler.Requests, r => Assert.Equal("application/merge-patch+json", r.ContentType));
        Assert.Equal("/apis/apps.cozystack.io/v1alpha1/namespaces/t/buckets/b1", handler.Requests[0].Path);
        Assert.Equal("""{"spec":{"locking":true}}""", handler.Requests[0].Body);
        Assert.Equal("/apis/apps.cozystack.io/v1alpha1/namespaces/t/buckets/b1/status", handler.Requests[1].Path);
        Assert.Equal("""{"status":{"version":null}}""", handler.Requests[1].Body);
        Assert.Equal("""{"metadata":{"finalizers":null}}""", handler.Requests[2].Body);
    }

    [Fact]
    public async Task Delete_sends_preconditions_and_propagation_policy_in_the_body()
    {
        var handler = new FakeKubernetesHandler().Respond(HttpStatusCode.OK, """{"kind":"Status","status":"Success"}""");
        using var client = FakeKubernetesHandler.Client(handler);

        await client.DeleteAsync(Bucket.Resource, "t", "b1", new DeleteOptions
        {
            PropagationPolicy = PropagationPolicy.Foreground,
            PreconditionUid = "uid-1",
            PreconditionResourceVersion = "9",
        });

        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Delete, request.Method);
        Assert.Equal("/apis/apps.cozystack.io/v1alpha1/namespaces/t/buckets/b1", request.PathAndQuery);
        var body = JsonNode.Parse(request.Body!)!;
        Assert.Equal("DeleteOptions", (string?)body["kind"]);
        Assert.Equal("Foreground", (string?)body["propagationPolicy"]);
        Assert.Equal("uid-1", (string?)body["preconditions"]!["uid"]);
        Assert.Equal("9", (string?)body["preconditions"]!["resourceVersion"]);
    }

    [Fact]
    public async Task Delete_without_options_sends_no_body_and_DeleteIfExists_reports_absence()
    {
        var handler = new FakeKubernetesHandler()
            .Respond(HttpStatusCode.OK, """{"metadata":{"name":"b1"}}""")
            .Respond(HttpStatusCode.NotFound, FakeKubernetesHandler.StatusJson(404, "NotFound", "buckets \"b1\" not found"));
        using var client = FakeKubernetesHandler.Client(handler);

        await client.DeleteAsync(Bucket.Resource, "t", "b1");
        var existed = await client.DeleteIfExistsAsync(Bucket.Resource, "t", "b1");

        Assert.Null(handler.Requests[0].Body);
        Assert.False(existed);
    }

    [Fact]
    public async Task Impersonation_sends_the_user_and_every_group_as_a_separate_value()
    {
        var handler = new FakeKubernetesHandler { Fallback = _ => FakeKubernetesHandler.Json(HttpStatusCode.OK, """{"metadata":{},"items":[]}""") };
        using var client = FakeKubernetesHandler.Client(handler);

        await client.ListAsync<Bucket>(Bucket.Resource, "t", new ListOptions { Impersonate = Impersonation.Of("alice@example.com", "tenant-a-view", "tenant-b-admin") });
        await client.ListAsync<Bucket>(Bucket.Resource, "t");

        Assert.Equal(["alice@example.com"], handler.Requests[0].Header("Impersonate-User"));
        Assert.Equal(["tenant-a-view", "tenant-b-admin"], handler.Requests[0].Header("Impersonate-Group"));
        Assert.Empty(handler.Requests[1].Header("Impersonate-User"));
        Assert.Empty(handler.Requests[1].Header("Impersonate-Group"));
    }

    [Fact]
    public async Task Impersonated_names_with_control_characters_are_refused_before_sending()
    {
        var handler = new FakeKubernetesHandler();
        using var client = FakeKubernetesHandler.Client(handler);

        await Assert.ThrowsAsync<ArgumentException>(() =>
            client.GetAsync<Bucket>(Bucket.Resource, "t", "b", RequestOptions.As(Impersonation.Of("eve", "g\r\nImpersonate-Group: system:masters"))));
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task Names_are_escaped_in_paths()
    {
        var handler = new FakeKubernetesHandler().Respond(HttpStatusCode.OK, """{"metadata":{}}""");
        using var client = FakeKubernetesHandler.Client(handler);

        await client.GetAsync<GenericObject>(Bucket.Resource, "t", "a/b");

        Assert.Equal("/apis/apps.cozystack.io/v1alpha1/namespaces/t/buckets/a%2Fb", Assert.Single(handler.Requests).PathAndQuery);
    }

    [Fact]
    public async Task Timestamps_and_conditions_parse()
    {
        var handler = new FakeKubernetesHandler().Respond(HttpStatusCode.OK, """
            {"metadata":{"name":"b","creationTimestamp":"2025-01-02T03:04:05Z","deletionTimestamp":null},
             "status":{"version":"0.2.0","conditions":[{"type":"Ready","status":"True","reason":"InstallSucceeded","message":"ok","lastTransitionTime":"2025-01-02T03:05:00Z"}]}}
            """);
        using var client = FakeKubernetesHandler.Client(handler);

        var bucket = await client.GetAsync<Bucket>(Bucket.Resource, "t", "b");

        Assert.Equal(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero), bucket.Metadata.CreationTimestamp);
        Assert.Equal("0.2.0", bucket.Status!.Version);
        Assert.True(bucket.Status.Find("Ready")!.IsTrue);
        Assert.Equal(BucketPhase.Ready, bucket.State.Phase);
        Assert.Equal(JsonValueKind.Object, JsonSerializer.SerializeToElement(bucket, KubernetesJson.Options).ValueKind);
    }

    [Fact]
    public void Empty_strings_of_optional_fields_are_omitted()
    {
        var json = JsonSerializer.Serialize(Bucket.Create("t", "b", new BucketSpec { StoragePool = "" }) with
        {
            Status = new BucketStatus { Conditions = [new Condition { Type = "Ready", Status = "True", Reason = "", Message = "" }] },
        }, KubernetesJson.Options);

        Assert.DoesNotContain("storagePool", json, StringComparison.Ordinal);
        Assert.DoesNotContain("message", json, StringComparison.Ordinal);
        Assert.Contains("\"type\":\"Ready\"", json, StringComparison.Ordinal);
    }
}
