using AngleSharp.Dom;
using HikubePortal.Application.Audit;
using HikubePortal.Application.Tenants;
using HikubePortal.Data;
using HikubePortal.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HikubePortal.IntegrationTests.SingleSignOn;

/// <summary>A portal (own database, Kestrel on loopback) with single sign-on through the local provider.</summary>
public class SsoPortal : PortalFactory
{
    public SsoPortal()
        : this(new Dictionary<string, string?>())
    {
    }

    private SsoPortal(IReadOnlyDictionary<string, string?> overrides)
    {
        foreach (var (key, value) in LocalProvider.Current.PortalSettings.Concat(overrides))
        {
            Settings[key] = value;
        }
    }

        /// <summary>A portal whose single sign-on settings differ from the working ones by <paramref name="overrides"/>.</summary>
    public static SsoPortal With(IReadOnlyDictionary<string, string?> overrides) => new(overrides);

#pragma warning disable CA1822 // per portal, as a test reads it
    public LocalProvider Provider => LocalProvider.Current;
#pragma warning restore CA1822

    /// <summary>The tenant memberships of the account with <paramref name="email"/>, by tenant name.</summary>
    public async Task<IReadOnlyDictionary<string, (TenantRole Role, MembershipSource Source)>> MembershipsOfAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var rows = await db.Memberships.AsNoTracking()
            .Where(m => m.User!.NormalizedEmail == Normalized(email))
            .Select(m => new { m.Tenant!.Name, m.Role, m.Source })
            .ToListAsync();
        return rows.ToDictionary(r => r.Name, r => (r.Role, r.Source));
    }

    /// <summary>How many accounts use <paramref name="email"/>, and how many provider links they have.</summary>
    public async Task<(int Accounts, int Logins)> AccountsWithAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var normalized = Normalized(email);
        var ids = await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).ToListAsync();
        var logins = await db.UserLogins.CountAsync(l => ids.Contains(l.UserId));
        return (ids.Count, logins);
    }

    private static string Normalized(string email) => email.ToUpperInvariant();

    /// <summary>The audit entries about <paramref name="email"/> (as actor or target), oldest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> AuditAboutAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var lower = email.ToLowerInvariant();
        return await db.AuditEntries.AsNoTracking()
            .Where(a => a.UserName == lower || a.Target == email)
            .OrderBy(a => a.Id)
            .ToListAsync();
    }
}
