using Microsoft.AspNetCore.Identity;

namespace HikubePortal.Application.Identity;

/// <summary>A disabled account cannot sign in (Identity asks this when <c>SignIn.RequireConfirmedAccount</c> is on).</summary>
internal sealed class ActiveUserConfirmation : IUserConfirmation<PortalUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<PortalUser> manager, PortalUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Task.FromResult(user.DisabledAt is null);
    }
}
