using HikubePortal.Application.Audit;
using HikubePortal.Application.Buckets;
using HikubePortal.Application.Common;
using HikubePortal.Application.Credentials;
using HikubePortal.Application.Tenants;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;

namespace HikubePortal.Web.Components.Pages.Buckets;

/// <summary>
/// The bucket page: Overview (view), Access (use: keys, reveal, snippets; admin: users), Activity (admin).
/// A reveal without JavaScript posts to this page (named form <c>reveal-&lt;user&gt;</c>); with htmx it goes to the
/// reveal endpoint. Either way the response is <c>no-store</c> and the reveal is audited.
/// </summary>
public sealed partial class BucketPage
{
    private readonly Dictionary<string, RevealedAccess> _revealed = new(StringComparer.Ordinal);
    private BucketDetails? _bucket;
    private IReadOnlyList<UserAccessView>? _users;
    private IReadOnlyList<AuditEntryView> _activity = [];
    private string? _credentialsError;
    private string? _error;
    private string? _notFound;
    private string _tab = "overview";
    private bool _canUse;
    private bool _isAdmin;

    [Parameter] public string Tenant { get; set; } = "";

    [Parameter] public string Name { get; set; } = "";

    [SupplyParameterFromQuery(Name = "tab")] private string? Tab { get; set; }

    [SupplyParameterFromQuery(Name = "client")] private string? Client { get; set; }

    [SupplyParameterFromQuery(Name = "user")] private string? User { get; set; }

    [SupplyParameterFromQuery(Name = "notice")] private string? Notice { get; set; }

    [SupplyParameterFromQuery(Name = "error")] private string? Error { get; set; }

    [SupplyParameterFromQuery(Name = "created")] private int? Created { get; set; }

    [SupplyParameterFromQuery(Name = "usage")] private int? Usage { get; set; }

    [Inject] private IBucketService Buckets { get; set; } = default!;

    [Inject] private ICredentialService Credentials { get; set; } = default!;

    [Inject] private IBucketActivityService Activity { get; set; } = default!;

    [Inject] private ITenantAccessService TenantAccess { get; set; } = default!;

    private IEnumerable<(string Tab, string Text, bool Allowed)> Tabs =>
    [
        ("overview", "Overview", true),
        ("access", "Access", _canUse),
        ("activity", "Activity", _isAdmin),
    ];

    protected override async Task OnInitializedAsync()
    {
        var access = await TenantAccess.RequireAsync(Tenant, TenantRole.View, Aborted);
        _canUse = access.Allows(TenantRole.Use);
        _isAdmin = access.Allows(TenantRole.Admin);
        _tab = Tab switch
        {
            "access" when _canUse => "access",
            "activity" when _isAdmin => "activity",
            _ => "overview",
        };
        try
        {
            _bucket = await Buckets.GetAsync(Tenant, Name, Aborted);
        }
        catch (NotFoundException ex)
        {
            _notFound = ex.Message;
            PageStatus.Set(HttpContext, StatusCodes.Status404NotFound);
            return;
        }
        catch (PortalException ex) when (ex is UnavailableException or ForbiddenException)
        {
            _error = ex.Message;
            PageStatus.Set(HttpContext, ex is ForbiddenException ? StatusCodes.Status403Forbidden : StatusCodes.Status503ServiceUnavailable);
            return;
        }

        if (_canUse && _tab != "activity")
        {
            try
            {
                _users = await Credentials.ListAsync(Tenant, Name, Aborted);
            }
            catch (PortalException ex) when (ex is UnavailableException or ForbiddenException or NotFoundException)
            {
                _credentialsError = ex.Message;
            }
        }
        if (_tab == "activity")
        {
            _activity = await Activity.ListAsync(Tenant, Name, 200, Aborted);
        }
    }

    /// <summary>The no-JavaScript reveal: audited by the service; the response must not be stored.</summary>
    private async Task RevealAsync(string user)
    {
        NoStore();
        try
        {
            _revealed[user] = await Credentials.RevealAsync(Tenant, Name, user, Aborted);
        }
        catch (PortalException ex) when (ex is ConflictException or ForbiddenException or UnavailableException or NotFoundException)
        {
            _credentialsError = ex.Message;
        }
    }

    private void NoStore()
    {
        if (HttpContext is { Response.HasStarted: false } http)
        {
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers.Pragma = "no-cache";
        }
    }
}
