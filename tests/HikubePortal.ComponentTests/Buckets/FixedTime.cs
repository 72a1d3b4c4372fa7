namespace HikubePortal.ComponentTests.Buckets;

/// <summary>A clock stopped at <see cref="Now"/>.</summary>
internal sealed class FixedTime : TimeProvider
{
    public static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => Now;
}
