using System.Text.Json;
using HikubePortal.Provisioner.Radosgw;

namespace HikubePortal.UnitTests.Provisioner;

public sealed class BucketPolicyTests
{
    private const string Bucket = "bucket-1df67984-321d-492d-bb06-2f4527bb0f5b";

    [Fact]
    public void No_grants_means_no_policy() => Assert.Null(BucketPolicy.Document(Bucket, []));

    [Fact]
    public void Each_user_gets_a_statement_on_this_bucket_only_with_its_own_actions()
    {
        var text = BucketPolicy.Document(Bucket, [new("writer", false), new("reader", true)])!;

        using var doc = JsonDocument.Parse(text);
        Assert.Equal("2012-10-17", doc.RootElement.GetProperty("Version").GetString());
        var statements = doc.RootElement.GetProperty("Statement").EnumerateArray().ToList();
        Assert.Equal(2, statements.Count);
        foreach (var statement in statements)
        {
            Assert.Equal("Allow", statement.GetProperty("Effect").GetString());
            Assert.Equal(
                [$"arn:aws:s3:::{Bucket}", $"arn:aws:s3:::{Bucket}/*"],
                statement.GetProperty("Resource").EnumerateArray().Select(r => r.GetString()));
        }

        var write = statements.Single(s => s.GetProperty("Sid").GetString() == "ReadWrite");
        var read = statements.Single(s => s.GetProperty("Sid").GetString() == "ReadOnly");
        Assert.Equal(["arn:aws:iam:::user/writer"], Principals(write));
        Assert.Equal(["arn:aws:iam:::user/reader"], Principals(read));
        var readActions = Actions(read);
        var writeActions = Actions(write);
        Assert.Contains("s3:GetObject", readActions);
        Assert.Contains("s3:ListBucket", readActions);
        Assert.DoesNotContain(readActions, a => a.StartsWith("s3:Put", StringComparison.Ordinal) || a.StartsWith("s3:Delete", StringComparison.Ordinal));
        Assert.Contains("s3:PutObject", writeActions);
        Assert.Contains("s3:DeleteObject", writeActions);
        Assert.Contains("s3:AbortMultipartUpload", writeActions);
        Assert.Superset(readActions.ToHashSet(), writeActions.ToHashSet());
        Assert.DoesNotContain(writeActions, a => a.Contains('*') || a.Contains("Policy", StringComparison.Ordinal) || a == "s3:DeleteBucket");
    }

    [Fact]
    public void Read_write_users_may_change_cors_versioning_and_lifecycle_unless_the_platform_keeps_them()
    {
        static (List<string> Writer, List<string> Reader) Actions(SettingChanges changes)
        {
            using var doc = JsonDocument.Parse(BucketPolicy.Document(Bucket, [new("writer", false), new("reader", true)], changes)!);
            var statements = doc.RootElement.GetProperty("Statement").EnumerateArray().ToList();
            return (BucketPolicyTests.Actions(statements.Single(s => s.GetProperty("Sid").GetString() == "ReadWrite")),
                BucketPolicyTests.Actions(statements.Single(s => s.GetProperty("Sid").GetString() == "ReadOnly")));
        }

        var all = Actions(SettingChanges.All);
        var kept = Actions(new SettingChanges(Cors: false, Data: false));

        Assert.Contains("s3:PutBucketCORS", all.Writer);
        Assert.Contains("s3:PutBucketVersioning", all.Writer);
        Assert.Contains("s3:PutLifecycleConfiguration", all.Writer);
        Assert.Contains("s3:GetBucketCORS", kept.Writer);
        Assert.DoesNotContain(kept.Writer, a => a is "s3:PutBucketCORS" or "s3:PutBucketVersioning" or "s3:PutLifecycleConfiguration");
        Assert.Contains("s3:GetBucketVersioning", kept.Writer);
        Assert.Contains("s3:GetLifecycleConfiguration", kept.Writer);
        // Read-only users read versioning and lifecycle (the portal reads settings with them), never CORS, and change nothing.
        Assert.Equal(all.Reader, kept.Reader);
        Assert.Contains("s3:GetBucketVersioning", all.Reader);
        Assert.DoesNotContain(all.Reader, a => a.Contains("CORS", StringComparison.Ordinal) || a.StartsWith("s3:Put", StringComparison.Ordinal));
    }

    [Fact]
    public void A_kind_without_users_has_no_statement()
    {
        using var doc = JsonDocument.Parse(BucketPolicy.Document(Bucket, [new("reader", true)])!);

        var statement = Assert.Single(doc.RootElement.GetProperty("Statement").EnumerateArray());
        Assert.Equal("ReadOnly", statement.GetProperty("Sid").GetString());
    }

    [Fact]
    public void The_text_does_not_depend_on_the_order_of_grants() =>
        Assert.Equal(
            BucketPolicy.Document(Bucket, [new("b", false), new("a", false), new("c", true)]),
            BucketPolicy.Document(Bucket, [new("c", true), new("a", false), new("b", false)]));

    [Fact]
    public void Principals_are_read_back_from_the_document()
    {
        var text = BucketPolicy.Document(Bucket, [new("w1", false), new("w2", false), new("r", true)]);

        Assert.Equal(["r", "w1", "w2"], BucketPolicy.Principals(text).Order());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("""{"Statement":{"Principal":"*"}}""")]
    public void Foreign_or_broken_policies_name_no_principals(string? text) => Assert.Empty(BucketPolicy.Principals(text));

    [Fact]
    public void A_single_principal_string_is_read_too() =>
        Assert.Equal(["x"], BucketPolicy.Principals("""{"Statement":{"Principal":{"AWS":"arn:aws:iam:::user/x"}}}"""));

    private static IEnumerable<string?> Principals(JsonElement statement) =>
        statement.GetProperty("Principal").GetProperty("AWS").EnumerateArray().Select(p => p.GetString());

    private static List<string> Actions(JsonElement statement) =>
        [.. statement.GetProperty("Action").EnumerateArray().Select(a => a.GetString()!)];
}
