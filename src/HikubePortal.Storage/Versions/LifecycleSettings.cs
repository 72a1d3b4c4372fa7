using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;
using HikubePortal.Application.Versions;
using S3Rule = Amazon.S3.Model.LifecycleRule;

namespace HikubePortal.Storage.Versions;

/// <summary>
/// A bucket's lifecycle configuration: read and split into the editor's rules and the others, written back with the
/// others kept as the SDK read them, removed.
/// </summary>
internal sealed class LifecycleSettings(S3Executor executor)
{
    public const string UnreadableMessage =
        "The bucket's lifecycle rules cannot be read: one of them has a filter this storage writes in a form the portal " +
        "does not understand (a prefix and tags together); change or remove that rule with another S3 tool first.";

    public async Task<BucketLifecycle> GetAsync(BucketAccess access, CancellationToken cancellationToken)
    {
        var rules = await ReadAsync(access, cancellationToken);
        var understood = new List<Application.Versions.LifecycleRule>();
        var foreign = new List<ForeignLifecycleRule>();
        foreach (var rule in rules)
        {
            if (LifecycleMapping.FromS3(rule) is { } known)
            {
                understood.Add(known);
            }
            else
            {
                foreign.Add(new ForeignLifecycleRule(rule.Id, rule.Status == LifecycleRuleStatus.Enabled, ForeignRuleXml.Render(rule)));
            }
        }
        return foreign.Count == 0 && understood.Count == 0 ? BucketLifecycle.None : new BucketLifecycle(understood, foreign);
    }

    public async Task PutAsync(BucketAccess access, IReadOnlyList<Application.Versions.LifecycleRule> rules, CancellationToken cancellationToken)
    {
        S3Executor.EnsureWritable(access);
        ArgumentNullException.ThrowIfNull(rules);
        var kept = (await ReadAsync(access, cancellationToken)).Where(r => LifecycleMapping.FromS3(r) is null);
        var all = kept.Concat(rules.Select(LifecycleMapping.ToS3)).ToList();
        if (all.Count == 0)
        {
            await DeleteAsync(access, cancellationToken);
            return;
        }
        await executor.RunAsync(access, "PutBucketLifecycleConfiguration", (client, deadline) => client.PutLifecycleConfigurationAsync(
            new PutLifecycleConfigurationRequest { BucketName = access.BucketName, Configuration = new LifecycleConfiguration { Rules = all } },
            deadline), cancellationToken);
    }

    public Task DeleteAsync(BucketAccess access, CancellationToken cancellationToken)
    {
        S3Executor.EnsureWritable(access);
        return executor.RunAsync(access, "DeleteBucketLifecycle", (client, deadline) => client.DeleteLifecycleConfigurationAsync(
            new DeleteLifecycleConfigurationRequest { BucketName = access.BucketName }, deadline), cancellationToken);
    }

    private async Task<IReadOnlyList<S3Rule>> ReadAsync(BucketAccess access, CancellationToken cancellationToken)
    {
        try
        {
            var response = await executor.RunAsync(access, "GetBucketLifecycleConfiguration", async (client, deadline) =>
            {
                try
                {
                    return await client.GetLifecycleConfigurationAsync(
                        new GetLifecycleConfigurationRequest { BucketName = access.BucketName }, deadline);
                }
                catch (AmazonUnmarshallingException e)
                {
                    // radosgw 16.2 returns a prefix-and-tags filter without its <And>, which the SDK refuses to read.
                    throw new InvalidException(UnreadableMessage, e);
                }
            }, cancellationToken);
            return response.Configuration?.Rules ?? [];
        }
        catch (NotFoundException e) when (e.InnerException is AmazonS3Exception { ErrorCode: "NoSuchLifecycleConfiguration" })
        {
            return [];
        }
    }
}
