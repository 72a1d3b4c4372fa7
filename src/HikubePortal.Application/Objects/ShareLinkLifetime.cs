using HikubePortal.Application.Common;

namespace HikubePortal.Application.Objects;

/// <summary>How long a share link may live: from 1 minute to the SigV4 maximum of 7 days.</summary>
public static class ShareLinkLifetime
{
    public static TimeSpan Min { get; } = TimeSpan.FromMinutes(1);

    public static TimeSpan Max { get; } = TimeSpan.FromDays(7);

    /// <summary>Throws an <see cref="InvalidException"/> (field <c>lifetime</c>) outside the bounds.</summary>
    public static void EnsureValid(TimeSpan lifetime)
    {
        if (lifetime < Min || lifetime > Max)
        {
            throw InvalidException.For("lifetime", "A share link lasts from 1 minute to 7 days.");
        }
    }
}
