using HikubePortal.Application.Common;
using Microsoft.EntityFrameworkCore;

namespace HikubePortal.Application.Identity;

/// <summary>Checks for operator-only actions.</summary>
internal static class OperatorGuard
{
    /// <summary>
    /// Throws <see cref="ForbiddenException"/> unless the current user is an operator whose session still stands: the
    /// account exists, is not disabled and has the security stamp the session was issued with (a circuit opened before
    /// a sign-out, a disable or the loss of the operator role acts as nobody from its next call on).
    /// </summary>
    public static async Task RequireOperatorAsync(this ICurrentUser user, IPortalDbFactory dbs, CancellationToken cancellationToken)
    {
        if (!user.IsOperator)
        {
            throw new ForbiddenException("This needs the portal operator role.");
        }
        if (user.Id is not { } id)
        {
            return; // the system (command-line verbs)
        }
        var stamp = user.SessionStamp;
        await using var db = await dbs.OpenAsync(cancellationToken);
        if (!await db.Users.AnyAsync(u => u.Id == id && u.DisabledAt == null && (stamp == null || u.SecurityStamp == stamp), cancellationToken))
        {
            throw new ForbiddenException("Your session has ended: sign in again.");
        }
    }
}
