using HikubePortal.Provisioner.Radosgw;

namespace HikubePortal.Provisioner.Provisioning;

/// <summary>Makes sure a radosgw user exists with exactly one S3 key pair.</summary>
internal sealed class RadosgwUsers(RadosgwAdminClient admin)
{
    /// <summary>
    /// The user's one key: created with the user when it is missing, generated when it has none;
    /// extra keys are removed, keeping <paramref name="preferredAccessKey"/> (the one already handed out) if present.
    /// With <paramref name="createFirst"/> (the user is expected to be new) creation is tried before reading.
    /// </summary>
    public async Task<RgwKey> EnsureAsync(string uid, string displayName, string? preferredAccessKey, bool createFirst, CancellationToken cancellationToken)
    {
        var user = createFirst ? null : await admin.GetUserAsync(uid, cancellationToken);
        if (user is null)
        {
            try
            {
                user = await admin.CreateUserAsync(uid, displayName, cancellationToken);
            }
            catch (RadosgwException e) when (e.Kind == RadosgwErrorKind.Conflict)
            {
                user = await admin.GetUserAsync(uid, cancellationToken)
                    ?? throw new RadosgwException(RadosgwErrorKind.Unavailable, e.Code, "radosgw create user: conflict on a missing user", e);
            }
        }

        IReadOnlyList<RgwKey> keys = [.. user.Keys.Where(k => k.User == uid)];
        if (keys.Count == 0)
        {
            keys = [.. (await admin.CreateKeyAsync(uid, cancellationToken)).Where(k => k.User == uid)];
            if (keys.Count == 0)
            {
                throw new RadosgwException(RadosgwErrorKind.Unavailable, "NoKey", "radosgw create key: no key was generated");
            }
        }

        var keep = keys.FirstOrDefault(k => k.AccessKey == preferredAccessKey) ?? keys[0];
        foreach (var extra in keys.Where(k => k.AccessKey != keep.AccessKey))
        {
            await admin.RemoveKeyAsync(uid, extra.AccessKey, cancellationToken);
        }

        return keep;
    }
}
