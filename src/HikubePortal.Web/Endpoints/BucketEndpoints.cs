using HikubePortal.Application.Buckets;
using HikubePortal.Application.Common;
using HikubePortal.Application.Credentials;
using HikubePortal.Application.Tenants;
using HikubePortal.Web.Authorization;
using HikubePortal.Web.Components.Pages.Buckets;
using static HikubePortal.Web.Endpoints.EndpointRoutes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace HikubePortal.Web.Endpoints;

/// <summary>
/// The bucket screens' fragments (htmx: live status, usage, job progress, reveal) and
/// actions (user changes, downloads). Actions are POSTs with the antiforgery token that redirect back to the
/// bucket page with a notice code (post/redirect/get), so they work without JavaScript.
/// </summary>
internal static class BucketEndpoints
{
    public static IEndpointRouteBuilder MapBucketEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var buckets = endpoints.MapGroup("/t/{tenant}/buckets");
        Get(buckets, "/{name}/live", TenantPolicies.View, LiveAsync);
        Get(buckets, "/{name}/usage", TenantPolicies.Use,
            (string tenant, string name) => Fragment<BucketUsageValue>(new() { ["Tenant"] = tenant, ["Bucket"] = name }));
        Get(buckets, "/{name}/job", TenantPolicies.Admin, JobAsync);

        var users = buckets.MapGroup("/{name}/users").AddEndpointFilter(ValidateAntiforgeryAsync).DisableAntiforgery();
        Post(users, "/{user}/reveal", TenantPolicies.Use, RevealAsync);
        Post(users, "/{user}/download", TenantPolicies.Use, DownloadAsync);
        Post(users, "/", TenantPolicies.Admin, AddUserAsync);
        Post(users, "/{user}/remove", TenantPolicies.Admin, RemoveUserAsync);
        Post(users, "/{user}/rotate", TenantPolicies.Admin, RotateUserAsync);
        Post(users, "/{user}/access", TenantPolicies.Admin, SetAccessAsync);
        return endpoints;
    }

    /// <summary>The bucket page's status; when the phase changed the whole page reloads (credentials, conditions), when gone it goes to the list.</summary>
    private static async Task<IResult> LiveAsync(string tenant, string name, string? was, HttpResponse response, IBucketService buckets, CancellationToken cancellationToken)
    {
        try
        {
            var bucket = await buckets.GetAsync(tenant, name, cancellationToken);
            if (was is not null && !string.Equals(was, bucket.State.Phase.ToString(), StringComparison.Ordinal))
            {
                response.Headers["HX-Refresh"] = "true";
            }
            return Fragment<BucketLiveStatus>(new() { ["Tenant"] = tenant, ["Bucket"] = name, ["State"] = bucket.State });
        }
        catch (NotFoundException)
        {
            response.Headers["HX-Redirect"] = $"{BucketLinks.List(tenant)}?deleted={Uri.EscapeDataString(name)}";
            return Results.Content(string.Empty, "text/html");
        }
        catch (PortalException ex) when (ex is UnavailableException or ForbiddenException)
        {
            return Results.NoContent();
        }
    }

    private static async Task<IResult> JobAsync(string tenant, string name, IBucketJobService jobs, CancellationToken cancellationToken)
    {
        var job = await jobs.LatestAsync(tenant, name, cancellationToken);
        return job is null ? Results.Content(string.Empty, "text/html") : Fragment<JobProgress>(new() { ["Tenant"] = tenant, ["Job"] = job });
    }

    /// <summary>htmx reveal: the user's card with the secret and unmasked snippets; audited; never stored.</summary>
    private static async Task<IResult> RevealAsync(
        string tenant, string name, string user, HttpResponse response, ICredentialService credentials, ITenantAccessService access, CancellationToken cancellationToken)
    {
        NoStore(response);
        var login = UserOf(user);
        try
        {
            var revealed = await credentials.RevealAsync(tenant, name, login, cancellationToken);
            var view = new UserAccessView(login, revealed.ReadOnly, Kubernetes.Cozystack.CredentialsOutcome.Issued, revealed.Connection.AccessKey,
                revealed.Connection.Endpoint, revealed.Connection.Region, revealed.Connection.BucketName);
            return Fragment<UserCard>(new()
            {
                ["Tenant"] = tenant,
                ["Bucket"] = name,
                ["View"] = view,
                ["Revealed"] = revealed,
                ["IsAdmin"] = (await access.FindAsync(tenant, cancellationToken))?.Allows(TenantRole.Admin) == true,
                ["OpenConnect"] = true,
            });
        }
        catch (PortalException ex) when (ex is ConflictException or NotFoundException or ForbiddenException or UnavailableException)
        {
            var alert = $"<p class=\"alert alert-warning\" role=\"alert\">{System.Net.WebUtility.HtmlEncode(ex.Message)}</p>";
            if (response.HttpContext.Request.Headers.ContainsKey("HX-Request"))
            {
                // htmx swaps only successful answers: show the words above the card, which stays as it was.
                response.Headers["HX-Reswap"] = "beforebegin";
                return TypedResults.Content(alert, "text/html");
            }
            return TypedResults.Content(alert, "text/html", statusCode: ex is ForbiddenException ? StatusCodes.Status403Forbidden : StatusCodes.Status409Conflict);
        }
    }

    private static async Task<IResult> DownloadAsync(string tenant, string name, string user, string? format, HttpResponse response, ICredentialService credentials, CancellationToken cancellationToken)
    {
        NoStore(response);
        var fileFormat = string.Equals(format, "json", StringComparison.OrdinalIgnoreCase) ? CredentialFileFormat.Json : CredentialFileFormat.DotEnv;
        try
        {
            var file = await credentials.DownloadAsync(tenant, name, UserOf(user), fileFormat, cancellationToken);
            return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(file.Content), file.ContentType, file.FileName);
        }
        catch (ConflictException)
        {
            return Back(tenant, name, user, error: BucketNotices.NotIssued);
        }
        catch (PortalException ex) when (ex is NotFoundException or ForbiddenException or UnavailableException)
        {
            return Back(tenant, name, user, error: Code(ex));
        }
    }

    private static async Task<IResult> AddUserAsync(string tenant, string name, [FromForm] string? user, [FromForm] string? readOnly, IBucketUserService users, CancellationToken cancellationToken)
    {
        var login = (user ?? string.Empty).Trim();
        return await ChangeAsync(tenant, name, login, BucketNotices.Added,
            () => users.AddAsync(tenant, name, login, string.Equals(readOnly, "true", StringComparison.OrdinalIgnoreCase), cancellationToken));
    }

    private static Task<IResult> RemoveUserAsync(string tenant, string name, string user, IBucketUserService users, CancellationToken cancellationToken) =>
        ChangeAsync(tenant, name, user, BucketNotices.Removed, () => users.RemoveAsync(tenant, name, user, cancellationToken));

    private static Task<IResult> RotateUserAsync(string tenant, string name, string user, IBucketUserService users, CancellationToken cancellationToken) =>
        ChangeAsync(tenant, name, user, BucketNotices.Rotated, () => users.RotateAsync(tenant, name, user, cancellationToken));

    private static Task<IResult> SetAccessAsync(string tenant, string name, string user, [FromForm] string? readOnly, IBucketUserService users, CancellationToken cancellationToken)
    {
        var makeReadOnly = string.Equals(readOnly, "true", StringComparison.OrdinalIgnoreCase);
        return ChangeAsync(tenant, name, user, makeReadOnly ? BucketNotices.ReadOnly : BucketNotices.ReadWrite,
            () => users.SetReadOnlyAsync(tenant, name, user, makeReadOnly, cancellationToken));
    }

    private static async Task<IResult> ChangeAsync(string tenant, string name, string user, string notice, Func<Task> change)
    {
        try
        {
            await change();
            return Back(tenant, name, user, notice: notice);
        }
        catch (PortalException ex)
        {
            return Back(tenant, name, user, error: Code(ex));
        }
    }

    private static string Code(PortalException exception) => exception switch
    {
        InvalidException => BucketNotices.InvalidUser,
        ForbiddenException => BucketNotices.Forbidden,
        UnavailableException when exception.Message.Contains("revoke", StringComparison.Ordinal) => BucketNotices.NotRevoked,
        UnavailableException => BucketNotices.Unavailable,
        NotFoundException => BucketNotices.NoSuchUser,
        ConflictException when exception.Message.Contains("already has a user", StringComparison.Ordinal) => BucketNotices.UserExists,
        _ => BucketNotices.Conflict,
    };

    private static RedirectHttpResult Back(string tenant, string bucket, string user, string? notice = null, string? error = null)
    {
        var query = notice is not null ? $"&notice={notice}" : $"&error={error}";
        return TypedResults.Redirect($"{BucketLinks.Page(tenant, bucket, "access")}{query}&user={Uri.EscapeDataString(user)}#{UserCard.IdFor(UserOf(user))}");
    }

    /// <summary><c>-</c> in a URL stands for the bucket-wide credentials of platforms before per-user credentials.</summary>
    private static string UserOf(string segment) => segment == "-" ? string.Empty : segment;

    private static RazorComponentResult<TComponent> Fragment<TComponent>(Dictionary<string, object?> parameters)
        where TComponent : Microsoft.AspNetCore.Components.IComponent =>
        new RazorComponentResult<TComponent>(parameters);
}
