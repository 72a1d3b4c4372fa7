namespace HikubePortal.Application.Identity;

/// <summary>A user in the operator's list.</summary>
public sealed record UserSummary(
    Guid Id,
    string Email,
    DateTimeOffset CreatedAt,
    bool Disabled,
    bool LockedOut,
    bool TwoFactorEnabled,
    bool IsOperator,
    int Tenants);

/// <summary>One page of users.</summary>
public sealed record UserPage(IReadOnlyList<UserSummary> Items, int Page, int PageSize, bool HasMore);

/// <summary>Operator actions on user accounts.</summary>
public interface IUserAdminService
{
    /// <summary>
    /// Users by email, filtered by an email fragment, one page (1-based); <see cref="Common.InvalidException"/> for a
    /// fragment with control characters or a page out of range.
    /// </summary>
    Task<UserPage> ListAsync(string? search, int page, int pageSize, CancellationToken cancellationToken);

    /// <summary>The user can no longer sign in and loses tenant access at once; operators cannot disable themselves.</summary>
    Task DisableAsync(Guid userId, CancellationToken cancellationToken);

    Task EnableAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>
    /// Creates the account (email confirmed) or, when it exists, sets its password and enables it; optionally
    /// an operator. Used by the demo seed. Throws <see cref="Common.InvalidException"/> for a weak password.
    /// </summary>
    Task<Guid> EnsureUserAsync(string email, string password, bool isOperator, CancellationToken cancellationToken);
}
