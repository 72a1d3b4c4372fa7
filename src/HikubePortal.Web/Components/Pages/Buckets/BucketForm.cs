using HikubePortal.Application.Buckets;

namespace HikubePortal.Web.Components.Pages.Buckets;

/// <summary>What the create form holds: the bucket's name, its users (starting with <c>admin</c>), locking and pool.</summary>
public sealed class BucketForm
{
    public string Name { get; set; } = "";

    public List<BucketUserRow> Users { get; } = [new BucketUserRow { Name = "admin" }];

    public bool Locking { get; set; }

    public string? StoragePool { get; set; }

    /// <summary>The request, trimmed.</summary>
    public NewBucket ToRequest() => new(
        (Name ?? string.Empty).Trim(),
        [.. Users.Select(u => new BucketUserView((u.Name ?? string.Empty).Trim(), u.ReadOnly))],
        Locking,
        string.IsNullOrWhiteSpace(StoragePool) ? null : StoragePool.Trim());

    /// <summary>The field name the rules use for row <paramref name="index"/>'s name.</summary>
    public static string UserField(int index) => $"Users[{index}].Name";
}

/// <summary>One user row; <see cref="Key"/> keeps the row's inputs in place when another row is removed.</summary>
public sealed class BucketUserRow
{
    private static int _next;

    public int Key { get; } = Interlocked.Increment(ref _next);

    public string Name { get; set; } = "";

    public bool ReadOnly { get; set; }

    /// <summary>True once the name was edited (its problems show from then on).</summary>
    public bool Changed { get; set; }
}
