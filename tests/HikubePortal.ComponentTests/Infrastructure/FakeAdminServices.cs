using HikubePortal.Application.Audit;
using HikubePortal.Application.Common;
using HikubePortal.Application.Identity;
using HikubePortal.Application.Tenants;

namespace HikubePortal.ComponentTests.Infrastructure;

/// <summary>An audit log that answers a fixed page (or a failure) and records what it was asked.</summary>
internal sealed class FakeAuditQueryService : IAuditQueryService
{
    public List<(string? Tenant, AuditQuery Query, bool All)> Queries { get; } = [];

    public IReadOnlyList<AuditEntryView> Entries { get; set; } = [];

    public bool HasMore { get; set; }

    public PortalException? Failure { get; set; }

    public Task<AuditPage> QueryTenantAsync(string tenant, AuditQuery query, CancellationToken cancellationToken) => Answer(tenant, query, all: false);

    public Task<AuditPage> QueryAllAsync(string? tenant, AuditQuery query, CancellationToken cancellationToken) => Answer(tenant, query, all: true);

    private Task<AuditPage> Answer(string? tenant, AuditQuery query, bool all)
    {
        Queries.Add((tenant, query, all));
        return Failure is { } failure
            ? Task.FromException<AuditPage>(failure)
            : Task.FromResult(new AuditPage(Entries, query.Page, query.PageSize, HasMore));
    }
}

/// <summary>An operator's tenant service: names used, creations recorded, failures on demand.</summary>
internal sealed class FakeTenantService : ITenantService
{
    public List<TenantSummary> Tenants { get; } = [];

    public List<(string Name, string? FirstAdmin)> Created { get; } = [];

    /// <summary>Thrown by the next <see cref="CreateAsync"/> (the service's own checks: an unknown first admin...).</summary>
    public PortalException? CreateFailure { get; set; }

    public Task<IReadOnlyList<TenantSummary>> ListAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<TenantSummary>>(Tenants);

    public Task<TenantNameCheck> CheckNameAsync(string? name, CancellationToken cancellationToken)
    {
        var value = name?.Trim() ?? "";
        var problem = TenantNames.Problem(value) ?? (Tenants.Any(t => t.Name == value) ? $"Tenant name {value} is already used." : null);
        return Task.FromResult(new TenantNameCheck(value, problem, problem is null));
    }

    public Task<TenantSummary> CreateAsync(string name, string? firstAdminEmail, CancellationToken cancellationToken)
    {
        if (CreateFailure is { } failure)
        {
            return Task.FromException<TenantSummary>(failure);
        }
        Created.Add((name, firstAdminEmail));
        var tenant = new TenantSummary(Guid.NewGuid(), name, PortalTestContext.Now, firstAdminEmail is null ? 0 : 1, firstAdminEmail is null ? 0 : 1);
        Tenants.Add(tenant);
        return Task.FromResult(tenant);
    }

    public Task<TenantSummary> EnsureAsync(string name, CancellationToken cancellationToken) => CreateAsync(name, null, cancellationToken);
}

/// <summary>The operator's user list: a fixed set, searched and paged like the real one; disable/enable recorded.</summary>
internal sealed class FakeUserAdminService : IUserAdminService
{
    public List<UserSummary> Users { get; } = [];

    public List<(string? Search, int Page)> Lists { get; } = [];

    public List<(Guid User, bool Enabled)> Changes { get; } = [];

    public PortalException? ChangeFailure { get; set; }

    public Task<UserPage> ListAsync(string? search, int page, int pageSize, CancellationToken cancellationToken)
    {
        Lists.Add((search, page));
        var matching = Users.Where(u => search is null || u.Email.Contains(search, StringComparison.OrdinalIgnoreCase)).ToList();
        var items = matching.Skip((page - 1) * pageSize).Take(pageSize).ToList();
        return Task.FromResult(new UserPage(items, page, pageSize, matching.Count > page * pageSize));
    }

    public Task DisableAsync(Guid userId, CancellationToken cancellationToken) => Change(userId, enabled: false);

    public Task EnableAsync(Guid userId, CancellationToken cancellationToken) => Change(userId, enabled: true);

    public Task<Guid> EnsureUserAsync(string email, string password, bool isOperator, CancellationToken cancellationToken) => throw new NotSupportedException();

    private Task Change(Guid userId, bool enabled)
    {
        if (ChangeFailure is { } failure)
        {
            return Task.FromException(failure);
        }
        Changes.Add((userId, enabled));
        var index = Users.FindIndex(u => u.Id == userId);
        Users[index] = Users[index] with { Disabled = !enabled };
        return Task.CompletedTask;
    }
}
