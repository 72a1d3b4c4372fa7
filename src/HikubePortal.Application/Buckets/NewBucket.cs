using System.Text.RegularExpressions;
using HikubePortal.Application.Common;
using HikubePortal.Kubernetes.Cozystack;

namespace HikubePortal.Application.Buckets;

/// <summary>What the create form asks for.</summary>
/// <param name="Name">The bucket's name in the tenant (DNS-1035, at most 46 characters).</param>
/// <param name="Users">At least one user: a bucket without users has no credentials.</param>
/// <param name="Locking">Object lock (COMPLIANCE, 365 days): permanent.</param>
/// <param name="StoragePool">Optional pool name.</param>
public sealed record NewBucket(string Name, IReadOnlyList<BucketUserView> Users, bool Locking = false, string? StoragePool = null);

/// <summary>The platform's rules for a new bucket, checked before the cluster sees it.</summary>
public static partial class NewBucketRules
{
    public const int MaxUsers = 20;

    /// <summary>Field -> problems (<c>Name</c>, <c>Users</c>, <c>Users[i].Name</c>, <c>StoragePool</c>); empty when fine.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Validate(NewBucket bucket)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        var errors = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (NameProblem(bucket.Name) is { } nameProblem)
        {
            errors["Name"] = [nameProblem];
        }
        if (bucket.Users.Count == 0)
        {
            errors["Users"] = ["Add at least one user: a bucket without users has no credentials."];
        }
        else if (bucket.Users.Count > MaxUsers)
        {
            errors["Users"] = [$"A bucket has at most {MaxUsers} users."];
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < bucket.Users.Count; i++)
        {
            var user = bucket.Users[i].Name;
            if (UserProblem(bucket.Name, user) is { } problem)
            {
                errors[$"Users[{i}].Name"] = [problem];
            }
            else if (!seen.Add(user))
            {
                errors[$"Users[{i}].Name"] = [$"User {user} is listed twice."];
            }
        }
        if (!string.IsNullOrWhiteSpace(bucket.StoragePool) && !PoolName().IsMatch(bucket.StoragePool))
        {
            errors["StoragePool"] = ["A storage pool name has lower-case letters, digits, '-' and '.', at most 63 characters."];
        }
        return errors;
    }

    /// <summary>Throws <see cref="InvalidException"/> when <paramref name="bucket"/> breaks a rule.</summary>
    public static void Ensure(NewBucket bucket)
    {
        var errors = Validate(bucket);
        if (errors.Count > 0)
        {
            throw new InvalidException("Check the highlighted fields.", errors);
        }
    }

    /// <summary>Names the portal keeps for its own pages (<c>/t/{tenant}/buckets/new</c>).</summary>
    public static IReadOnlyList<string> ReservedNames { get; } = ["new"];

    /// <summary>Null when <paramref name="name"/> is a fine name for a new bucket: the platform's rules, and not reserved.</summary>
    public static string? NameProblem(string? name) =>
        BucketNames.ValidateBucketName(name)
        ?? (ReservedNames.Contains(name!) ? $"The name {name} is reserved by the portal; choose another one." : null);

    /// <summary>Null when <paramref name="user"/> is a fine user name for <paramref name="bucket"/>.</summary>
    public static string? UserProblem(string bucket, string? user)
    {
        if (BucketNames.ValidateUserName(user) is { } problem)
        {
            return problem;
        }
        if (user!.EndsWith("-credentials", StringComparison.Ordinal))
        {
            return "User name must not end in -credentials.";
        }
        return BucketNames.CredentialsSecretName(bucket ?? string.Empty, user).Length > 253
            ? "User name is too long for this bucket name."
            : null;
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9.]{0,61}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex PoolName();
}

/// <summary>The answer of the live name check.</summary>
/// <param name="Name">The name checked.</param>
/// <param name="Problem">Why the name breaks the rules; null when it follows them.</param>
/// <param name="Available">True when free in the tenant, false when used, null when not checked (rule broken or cluster unreachable).</param>
/// <param name="Note">A sentence on a failed check (cluster unreachable).</param>
public sealed record BucketNameCheck(string Name, string? Problem, bool? Available, string? Note = null);
