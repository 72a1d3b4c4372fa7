using HikubePortal.Application.Common;

namespace HikubePortal.Application.Identity;

/// <summary>Checks for operator-only actions.</summary>
internal static class OperatorGuard
{
    /// <summary>Throws <see cref="ForbiddenException"/> unless the current user is an operator.</summary>
    public static void RequireOperator(this ICurrentUser user)
    {
        if (!user.IsOperator)
        {
            throw new ForbiddenException("This needs the portal operator role.");
        }
    }
}
