using HikubePortal.Application.Audit;
using HikubePortal.Application.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HikubePortal.Application.Identity;

/// <remarks>
/// Used by interactive pages, which live long: every call works on a session (and a user manager) of its own, so a
/// change made elsewhere meanwhile is seen and two calls never share a DbContext.
/// </remarks>
internal sealed class UserAdminService(
    IPortalDbFactory dbs,
    IServiceScopeFactory scopes,
    ICurrentUser current,
    IAuditLog audit,
    TimeProvider time) : IUserAdminService
{
    public async Task<UserPage> ListAsync(string? search, int page, int pageSize, CancellationToken cancellationToken)
    {
        current.RequireOperator();
        FilterText.Ensure("Search", search, "email");
        FilterText.EnsurePage(page);
        pageSize = Math.Clamp(pageSize, 1, 200);
        await using var db = await dbs.OpenAsync(cancellationToken);
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var fragment = search.Trim().ToUpperInvariant();
            query = query.Where(u => u.NormalizedEmail!.Contains(fragment));
        }
        using var scope = scopes.CreateScope();
        var operatorIds = (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().GetUsersInRoleAsync(PortalRoles.Operator))
            .Select(o => o.Id);
        var now = time.GetUtcNow();
        var rows = await query
            .OrderBy(u => u.NormalizedEmail)
            .Skip((page - 1) * pageSize)
            .Take(pageSize + 1)
            .Select(u => new
            {
                u.Id,
                u.Email,
                u.CreatedAt,
                u.DisabledAt,
                u.LockoutEnd,
                u.TwoFactorEnabled,
                Tenants = db.Memberships.Count(m => m.UserId == u.Id),
            })
            .ToListAsync(cancellationToken);
        var operators = operatorIds.ToHashSet();
        var items = rows.Take(pageSize)
            .Select(r => new UserSummary(r.Id, r.Email ?? "", r.CreatedAt, r.DisabledAt is not null,
                r.LockoutEnd > now, r.TwoFactorEnabled, operators.Contains(r.Id), r.Tenants))
            .ToList();
        return new UserPage(items, page, pageSize, rows.Count > pageSize);
    }

    public async Task DisableAsync(Guid userId, CancellationToken cancellationToken)
    {
        current.RequireOperator();
        if (userId == current.Id)
        {
            throw new ConflictException("You cannot disable your own account.");
        }
        using var scope = scopes.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await FindAsync(users, userId);
        if (user.DisabledAt is not null)
        {
            return;
        }
        user.DisabledAt = time.GetUtcNow();
        IdentityErrors.ThrowIfFailed(await users.UpdateAsync(user), "");
        IdentityErrors.ThrowIfFailed(await users.UpdateSecurityStampAsync(user), "");
        await audit.WriteAsync(new AuditRecord(AuditActions.UserDisabled, Target: user.Email), cancellationToken);
    }

    public async Task EnableAsync(Guid userId, CancellationToken cancellationToken)
    {
        current.RequireOperator();
        using var scope = scopes.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await FindAsync(users, userId);
        if (user.DisabledAt is null)
        {
            return;
        }
        user.DisabledAt = null;
        IdentityErrors.ThrowIfFailed(await users.UpdateAsync(user), "");
        await audit.WriteAsync(new AuditRecord(AuditActions.UserEnabled, Target: user.Email), cancellationToken);
    }

    public async Task<Guid> EnsureUserAsync(string email, string password, bool isOperator, CancellationToken cancellationToken)
    {
        current.RequireOperator();
        using var scope = scopes.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = time.GetUtcNow() };
            IdentityErrors.ThrowIfFailed(await users.CreateAsync(user, password), "Password");
            await audit.WriteAsync(new AuditRecord(AuditActions.UserCreated, Target: email), cancellationToken);
        }
        else
        {
            user.DisabledAt = null;
            if (!await users.CheckPasswordAsync(user, password))
            {
                IdentityErrors.ThrowIfFailed(await users.RemovePasswordAsync(user), "Password");
                IdentityErrors.ThrowIfFailed(await users.AddPasswordAsync(user, password), "Password");
            }
            IdentityErrors.ThrowIfFailed(await users.SetLockoutEndDateAsync(user, null), "");
        }
        if (isOperator && !await users.IsInRoleAsync(user, PortalRoles.Operator))
        {
            if (!await roles.RoleExistsAsync(PortalRoles.Operator))
            {
                IdentityErrors.ThrowIfFailed(await roles.CreateAsync(new IdentityRole<Guid>(PortalRoles.Operator)), "");
            }
            IdentityErrors.ThrowIfFailed(await users.AddToRoleAsync(user, PortalRoles.Operator), "");
        }
        return user.Id;
    }

    private static async Task<PortalUser> FindAsync(UserManager<PortalUser> users, Guid userId) =>
        await users.FindByIdAsync(userId.ToString()) ?? throw new NotFoundException("There is no such user.");
}
