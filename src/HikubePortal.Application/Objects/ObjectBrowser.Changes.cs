using HikubePortal.Application.Audit;
using HikubePortal.Application.Common;

namespace HikubePortal.Application.Objects;

/// <summary>Tags and moves of several objects.</summary>
internal sealed partial class ObjectBrowser
{
    public async Task SetTagsAsync(string tenant, string bucket, string key, IReadOnlyList<KeyValuePair<string, string>> tags, CancellationToken cancellationToken)
    {
        ObjectKey.EnsureValid(key);
        var clean = ObjectTags.Validate(tags);
        var (scopeTenant, access, _) = await resolver.WriteAsync(tenant, bucket, cancellationToken);
        await storage.SetTagsAsync(access, key, clean, cancellationToken);
        await audit.WriteAsync(new AuditRecord(AuditActions.ObjectTagged, Tenant: scopeTenant, Target: ObjectAudit.Target(bucket, key),
            Detail: ObjectTags.Describe(clean)), cancellationToken);
    }

    public async Task<MoveResult> MoveManyAsync(
        string tenant, string bucket, IReadOnlyList<string> keys, IReadOnlyList<string> folders, string destinationFolder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(folders);
        var prefixes = folders.Select(ObjectKey.NormalizeFolder).Distinct(StringComparer.Ordinal).ToList();
        foreach (var key in keys.Concat(prefixes))
        {
            ObjectKey.EnsureValid(key);
        }
        var destination = ObjectMoves.CheckDestination(destinationFolder, keys, prefixes);
        var (scopeTenant, access, _) = await resolver.WriteAsync(tenant, bucket, cancellationToken);
        var pairs = keys.Distinct(StringComparer.Ordinal).Select(k => (Source: k, Target: ObjectMoves.Destination(k, ObjectKey.ParentOf(k), destination))).ToList();
        foreach (var prefix in prefixes)
        {
            await foreach (var key in storage.EnumerateKeysAsync(access, prefix, cancellationToken))
            {
                if (pairs.Count >= ObjectMoves.MaxObjects)
                {
                    throw InvalidException.For("destination",
                        $"This holds more than {ObjectMoves.MaxObjects:N0} objects: move fewer folders at a time (nothing was moved).");
                }
                pairs.Add((key, ObjectMoves.Destination(key, ObjectKey.ParentOf(prefix), destination)));
            }
        }
        foreach (var (_, target) in pairs)
        {
            ObjectKey.EnsureCreatable(target, "destination");
        }
        var failures = new List<MoveFailure>();
        var moved = 0;
        await Parallel.ForEachAsync(pairs, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (pair, token) =>
        {
            try
            {
                await storage.MoveAsync(access, pair.Source, pair.Target, overwrite: false, token);
                Interlocked.Increment(ref moved);
            }
            catch (PortalException ex) when (ex is ConflictException or NotFoundException or InvalidException or ForbiddenException)
            {
                lock (failures)
                {
                    failures.Add(new MoveFailure(pair.Source, ex is ConflictException ? $"{pair.Target} exists already." : ex.Message));
                }
            }
        });
        var sample = string.Join(", ", keys.Concat(prefixes).Take(5));
        await audit.WriteAsync(new AuditRecord(AuditActions.ObjectMoved, failures.Count == 0 ? AuditOutcome.Success : AuditOutcome.Failure,
            scopeTenant, bucket, ObjectAudit.Clip($"{moved} of {pairs.Count} objects to {(destination.Length == 0 ? "the bucket root" : destination)}: {sample}"
                + (failures.Count > 0 ? $"; {failures.Count} not moved" : string.Empty))), cancellationToken);
        return new MoveResult(moved, [.. failures.OrderBy(f => f.Key, StringComparer.Ordinal)]);
    }
}
