namespace HikubePortal.Application.Tenants;

/// <summary>What the recipient of an invitation link can do with it.</summary>
public interface IInvitationService
{
    /// <summary>The open invitation behind <paramref name="token"/>, or null (unknown, used or expired: all look alike).</summary>
    Task<InvitationInfo?> FindAsync(string token, CancellationToken cancellationToken);

    /// <summary>
    /// The signed-in user joins the tenant; their email must be the invited one
    /// (<see cref="Common.ForbiddenException"/>). Returns the tenant name.
    /// </summary>
    Task<string> AcceptAsync(string token, CancellationToken cancellationToken);

    /// <summary>
    /// Creates the account of the invited email with <paramref name="password"/> (the link proves the address)
    /// and joins the tenant. Throws <see cref="Common.InvalidException"/> for a weak password,
    /// <see cref="Common.ConflictException"/> when the account exists (sign in and accept instead). Returns the tenant name.
    /// </summary>
    Task<string> RegisterAndAcceptAsync(string token, string password, CancellationToken cancellationToken);
}
