namespace HikubePortal.Application.Buckets;

/// <summary>
/// The buckets of a tenant, as the signed-in user sees and changes them (every cluster call impersonates them).
/// Failures are the application errors: NotFound (also for a tenant the user is not a member of),
/// Forbidden (role too low, or the cluster's RBAC refused), Invalid (with fields), Conflict, Unavailable.
/// </summary>
public interface IBucketService
{
    /// <summary>One page of the tenant's buckets (role view): exactly one Kubernetes list call.</summary>
    Task<BucketListPage> ListAsync(string tenant, BucketListQuery query, CancellationToken cancellationToken);

    /// <summary>One bucket (role view); NotFound when it does not exist.</summary>
    Task<BucketDetails> GetAsync(string tenant, string name, CancellationToken cancellationToken);

    /// <summary>Checks a name as the user types it (role admin): the rules, then whether it is free in the tenant.</summary>
    Task<BucketNameCheck> CheckNameAsync(string tenant, string? name, CancellationToken cancellationToken);

    /// <summary>Creates a bucket (role admin); audited. A name already used is an Invalid error on <c>Name</c>.</summary>
    Task<BucketDetails> CreateAsync(string tenant, NewBucket bucket, CancellationToken cancellationToken);

    /// <summary>Asks the platform to delete a bucket (role admin); audited. Says when it was already gone.</summary>
    Task<BucketDeletion> DeleteAsync(string tenant, string name, CancellationToken cancellationToken);
}

/// <summary>What a delete request found.</summary>
public enum BucketDeletion
{
    /// <summary>Deletion requested: the platform removes the bucket, its users and credentials.</summary>
    Requested,

    /// <summary>The bucket was already being deleted.</summary>
    AlreadyDeleting,

    /// <summary>There is no such bucket (any more).</summary>
    AlreadyGone,
}

/// <summary>The users of a bucket (role admin); every change is audited.</summary>
public interface IBucketUserService
{
    /// <summary>Adds a user; Conflict when it exists.</summary>
    Task AddAsync(string tenant, string bucket, string user, bool readOnlyAccess, CancellationToken cancellationToken);

    /// <summary>Removes a user: the platform deletes its keys and credentials.</summary>
    Task RemoveAsync(string tenant, string bucket, string user, CancellationToken cancellationToken);

    /// <summary>Makes a user read-only or read-write.</summary>
    Task SetReadOnlyAsync(string tenant, string bucket, string user, bool readOnlyAccess, CancellationToken cancellationToken);

    /// <summary>
    /// New keys for a user: removes it, waits until the platform revoked the old credentials, adds it back.
    /// The old keys stop working.
    /// </summary>
    Task RotateAsync(string tenant, string bucket, string user, CancellationToken cancellationToken);
}
