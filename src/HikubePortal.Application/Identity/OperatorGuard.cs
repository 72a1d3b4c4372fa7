using HikubePortal.Application.Common;

namespace HikubePortal.Application.Identity;

/// <summary>Checks for operator-only actions.</summary>
internal static class OperatorGuard
{
    /// <summary>Throws <see cref="NotFoundException"/> unless the current user is an operator (operator pages do not exist for others).</summary>
    public static void RequireOperator(this ICurrentUser user)
    {
        if (!user.IsOperator)
        {
            throw new NotFoundException("This page does not exist.");
        }
    }
}
