using HikubePortal.Application.Buckets;
using HikubePortal.Application.Common;
using HikubePortal.Application.Identity;
using HikubePortal.Application.Tenants;
using HikubePortal.Data;

namespace HikubePortal.Web.Hosting;

/// <summary>
/// Verbs for deployment scripts, run instead of the web server:
/// <c>migrate</c> applies the database migrations;
/// <c>seed-demo --email E --password P [--tenant demo]</c> migrates, then makes E an operator with password P and
/// the admin of tenant <c>demo</c> (namespace and role bindings created on the cluster). Both are idempotent.
/// </summary>
internal static class CommandLine
{
    private static readonly string[] VerbOptions = ["--email", "--password", "--tenant"];

    /// <summary>The parsed command line: a verb (or null for the web server), its options, the rest for the host.</summary>
    internal sealed record Command(string? Verb, IReadOnlyDictionary<string, string> Options, string[] HostArguments);

    public static Command Parse(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("migrate" or "seed-demo"))
        {
            return new Command(null, new Dictionary<string, string>(), args);
        }
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var rest = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            if (VerbOptions.Contains(args[i]) && i + 1 < args.Length)
            {
                options[args[i][2..]] = args[++i];
            }
            else
            {
                rest.Add(args[i]);
            }
        }
        return new Command(args[0], options, [.. rest]);
    }

    public static async Task<int> RunAsync(WebApplication app, Command command)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(command);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await using var scope = app.Services.CreateAsyncScope();
            var services = scope.ServiceProvider;
            services.GetRequiredService<PortalCurrentUser>().ActAsSystem();
            var applied = await services.GetRequiredService<PortalDatabase>().MigrateAsync(cancel.Token);
            await Console.Out.WriteLineAsync($"migrate: {applied} migration(s) applied, database is up to date");
            if (command.Verb == "seed-demo")
            {
                await SeedDemoAsync(services, command, cancel.Token);
            }
            return 0;
        }
        catch (Exception ex) when (ex is PortalException or InvalidOperationException or Npgsql.NpgsqlException)
        {
            await Console.Error.WriteLineAsync($"{command.Verb}: {ex.Message}");
            return 1;
        }
    }

    private static async Task SeedDemoAsync(IServiceProvider services, Command command, CancellationToken cancellationToken)
    {
        if (!command.Options.TryGetValue("email", out var email) || !command.Options.TryGetValue("password", out var password))
        {
            throw new InvalidOperationException("usage: seed-demo --email EMAIL --password PASSWORD [--tenant NAME]");
        }
        var tenant = command.Options.GetValueOrDefault("tenant", "demo");
        var userId = await services.GetRequiredService<IUserAdminService>().EnsureUserAsync(email, password, isOperator: true, cancellationToken);
        await services.GetRequiredService<ITenantService>().EnsureAsync(tenant, cancellationToken);
        var members = services.GetRequiredService<IMembershipService>();
        try
        {
            await members.AddExistingAsync(tenant, email, TenantRole.Admin, cancellationToken);
        }
        catch (ConflictException)
        {
            await members.ChangeRoleAsync(tenant, userId, TenantRole.Admin, cancellationToken);
        }
        await Console.Out.WriteLineAsync($"seed-demo: {email} is an operator and the admin of tenant {tenant} (namespace {TenantNames.Namespace(tenant)})");
        var bucket = await services.GetRequiredService<DemoBucketSeeder>().SeedAsync(tenant, TimeSpan.FromMinutes(2), cancellationToken);
        await Console.Out.WriteLineAsync($"seed-demo: {bucket}");
    }
}
