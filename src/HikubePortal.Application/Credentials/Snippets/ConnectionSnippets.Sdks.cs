using System.Text.Json;

namespace HikubePortal.Application.Credentials.Snippets;

public static partial class ConnectionSnippets
{
    public static ClientSnippet Velero(ConnectionDetails d) => new(
        "velero", "Velero",
        "Create the credentials Secret in Velero's namespace, then apply the BackupStorageLocation.",
        [
            new("credentials-velero", "ini", $"""
                [default]
                aws_access_key_id = {d.AccessKey}
                aws_secret_access_key = {d.SecretKey}

                """),
            new("Create the Secret", "shell", $"""
                kubectl -n velero create secret generic {d.Name}-velero --from-file=cloud=credentials-velero

                """),
            new("backupstoragelocation.yaml", "yaml", $"""
                apiVersion: velero.io/v1
                kind: BackupStorageLocation
                metadata:
                  name: {d.Name}
                  namespace: velero
                spec:
                  provider: aws
                  objectStorage:
                    bucket: {Quote.Json(d.BucketName)}
                    prefix: velero
                  config:
                    region: {Quote.Json(d.Region)}
                    s3ForcePathStyle: "true"
                    s3Url: {Quote.Json(d.EndpointUrl)}
                    checksumAlgorithm: ""
                  credential:
                    name: {d.Name}-velero
                    key: cloud

                """),
        ]);

    public static ClientSnippet Boto3(ConnectionDetails d) => new(
        "boto3", "Python (boto3)",
        "In your Python code; better: read the keys from environment variables rather than the source.",
        [
            new("s3_client.py", "python", $$"""
                import os

                import boto3
                from botocore.config import Config

                # Recent botocore versions add checksums this S3 service does not need; older ones ignore these.
                os.environ.setdefault("AWS_REQUEST_CHECKSUM_CALCULATION", "when_required")
                os.environ.setdefault("AWS_RESPONSE_CHECKSUM_VALIDATION", "when_required")

                s3 = boto3.client(
                    "s3",
                    endpoint_url={{Quote.Json(d.EndpointUrl)}},
                    region_name={{Quote.Json(d.Region)}},
                    aws_access_key_id={{Quote.Json(d.AccessKey)}},
                    aws_secret_access_key={{Quote.Json(d.SecretKey)}},
                    config=Config(signature_version="s3v4", s3={"addressing_style": "path"}),
                )

                for item in s3.list_objects_v2(Bucket={{Quote.Json(d.BucketName)}}).get("Contents", []):
                    print(item["Key"], item["Size"])

                """),
        ]);

    public static ClientSnippet DotNet(ConnectionDetails d) => new(
        "dotnet", ".NET",
        "dotnet add package AWSSDK.S3, then in your code (keep the keys in configuration, not in source).",
        [
            new("Program.cs", "csharp", $$"""
                using Amazon.Runtime;
                using Amazon.S3;
                using Amazon.S3.Model;

                var s3 = new AmazonS3Client(
                    new BasicAWSCredentials({{Quote.Json(d.AccessKey)}}, {{Quote.Json(d.SecretKey)}}),
                    new AmazonS3Config
                    {
                        ServiceURL = {{Quote.Json(d.EndpointUrl)}},
                        AuthenticationRegion = {{Quote.Json(d.Region)}},
                        ForcePathStyle = true,
                        RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
                        ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
                    });

                var page = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = {{Quote.Json(d.BucketName)}} });
                foreach (var item in page.S3Objects ?? [])
                    Console.WriteLine($"{item.Key} {item.Size}");

                """),
        ]);

    public static ClientSnippet MinioClient(ConnectionDetails d) => new(
        "mc", "MinIO Client (mc)",
        "Run once; mc keeps the alias in ~/.mc/config.json.",
        [
            new("Set the alias", "shell", $"""
                mc alias set {d.Name} {d.EndpointUrl} {Quote.Shell(d.AccessKey)} {Quote.Shell(d.SecretKey)} --api S3v4 --path on

                """),
            new("Try it", "shell", $"""
                mc ls {d.Name}/{d.BucketName}
                mc cp ./file.txt {d.Name}/{d.BucketName}/file.txt

                """),
        ]);

    public static ClientSnippet EnvironmentVariables(ConnectionDetails d) => new(
        "env", "Environment variables",
        "For any AWS SDK or tool that reads the standard variables; download as .env below.",
        [
            new(".env", "shell", DotEnv(d)),
        ]);

    /// <summary>The standard variables as a dotenv file (also valid when sourced by a POSIX shell).</summary>
    public static string DotEnv(ConnectionDetails d) => $"""
        AWS_ACCESS_KEY_ID={Quote.DotEnv(d.AccessKey)}
        AWS_SECRET_ACCESS_KEY={Quote.DotEnv(d.SecretKey)}
        AWS_DEFAULT_REGION={Quote.DotEnv(d.Region)}
        AWS_REGION={Quote.DotEnv(d.Region)}
        AWS_ENDPOINT_URL={Quote.DotEnv(d.EndpointUrl)}
        AWS_ENDPOINT_URL_S3={Quote.DotEnv(d.EndpointUrl)}
        S3_BUCKET={Quote.DotEnv(d.BucketName)}

        """;

    /// <summary>The connection as a JSON document, for tools and scripts that read JSON.</summary>
    public static string JsonDocument(ConnectionDetails d) => JsonSerializer.Serialize(
        new JsonConnection(d.EndpointUrl, d.Region, d.BucketName, d.AccessKey, d.SecretKey),
        JsonOptions) + "\n";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private sealed record JsonConnection(string Endpoint, string Region, string BucketName, string AccessKey, string SecretKey);
}
