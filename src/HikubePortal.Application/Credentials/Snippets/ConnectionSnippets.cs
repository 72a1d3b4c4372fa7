namespace HikubePortal.Application.Credentials.Snippets;

/// <summary>
/// Ready-to-paste configuration for the S3 clients tenants use, in the order the Connect tabs show
/// them. Each snippet is proven against radosgw by running the real client with it (PlatformTests).
/// Pass <see cref="ConnectionDetails.Masked"/> details until the user reveals the secret.
/// </summary>
public static partial class ConnectionSnippets
{
    public static IReadOnlyList<ClientSnippet> All(ConnectionDetails details) =>
    [
        AwsCli(details),
        Rclone(details),
        S3cmd(details),
        Restic(details),
        Velero(details),
        Boto3(details),
        DotNet(details),
        MinioClient(details),
        EnvironmentVariables(details),
        DuckDb(details),
        Spark(details),
        Pandas(details),
    ];

    public static ClientSnippet AwsCli(ConnectionDetails d) => new(
        "aws", "AWS CLI",
        "Append to ~/.aws/config and ~/.aws/credentials, then use --profile " + d.Name + ".",
        [
            new("~/.aws/config", "ini", $"""
                [profile {d.Name}]
                region = {d.Region}
                endpoint_url = {d.EndpointUrl}
                request_checksum_calculation = when_required
                response_checksum_validation = when_required
                s3 =
                    addressing_style = path

                """),
            new("~/.aws/credentials", "ini", $"""
                [{d.Name}]
                aws_access_key_id = {d.AccessKey}
                aws_secret_access_key = {d.SecretKey}

                """),
            new("Try it", "shell", $"""
                aws --profile {d.Name} --endpoint-url {d.EndpointUrl} s3 ls s3://{d.BucketName}/
                aws --profile {d.Name} --endpoint-url {d.EndpointUrl} s3 cp ./file.txt s3://{d.BucketName}/file.txt

                """),
        ]);

    public static ClientSnippet Rclone(ConnectionDetails d) => new(
        "rclone", "rclone",
        "Append to ~/.config/rclone/rclone.conf (rclone config file shows where yours is).",
        [
            new("~/.config/rclone/rclone.conf", "ini", $"""
                [{d.Name}]
                type = s3
                provider = Other
                access_key_id = {d.AccessKey}
                secret_access_key = {d.SecretKey}
                endpoint = {d.EndpointUrl}
                region = {d.Region}
                force_path_style = true
                no_check_bucket = true

                """),
            new("Try it", "shell", $"""
                rclone ls {d.Name}:{d.BucketName}
                rclone copy ./photos {d.Name}:{d.BucketName}/photos --progress

                """),
        ]);

    public static ClientSnippet S3cmd(ConnectionDetails d) => new(
        "s3cmd", "s3cmd",
        $"Save as ~/.s3cfg-{d.Name} and pass it with -c.",
        [
            new($"~/.s3cfg-{d.Name}", "ini", $"""
                [default]
                access_key = {d.AccessKey}
                secret_key = {d.SecretKey}
                host_base = {d.HostAndPort}
                host_bucket = {d.HostAndPort}
                use_https = {(d.UsesHttps ? "True" : "False")}
                bucket_location = {d.Region}
                signature_v2 = False

                """),
            new("Try it", "shell", $"""
                s3cmd -c ~/.s3cfg-{d.Name} ls s3://{d.BucketName}/
                s3cmd -c ~/.s3cfg-{d.Name} put ./file.txt s3://{d.BucketName}/file.txt

                """),
        ]);

    public static ClientSnippet Restic(ConnectionDetails d) => new(
        "restic", "restic",
        "Put these lines in a file only you can read (chmod 600) and source it before running restic.",
        [
            new("restic.env", "shell", $"""
                export AWS_ACCESS_KEY_ID={Quote.Shell(d.AccessKey)}
                export AWS_SECRET_ACCESS_KEY={Quote.Shell(d.SecretKey)}
                export AWS_DEFAULT_REGION={Quote.Shell(d.Region)}
                export RESTIC_REPOSITORY={Quote.Shell($"s3:{d.EndpointUrl}/{d.BucketName}/restic")}
                export RESTIC_PASSWORD='choose-a-long-repository-password'

                """),
            new("Try it", "shell", """
                . ./restic.env
                restic init
                restic backup ~/Documents
                restic snapshots

                """),
        ]);
}
