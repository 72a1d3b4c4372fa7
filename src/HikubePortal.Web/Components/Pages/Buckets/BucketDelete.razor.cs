using System.ComponentModel.DataAnnotations;
using HikubePortal.Application.Buckets;
using HikubePortal.Application.Common;
using Microsoft.AspNetCore.Components;

namespace HikubePortal.Web.Components.Pages.Buckets;

/// <summary>
/// Delete with a typed confirmation, showing what the bucket holds (counted, bounded). An empty bucket is deleted
/// at once; one with objects is emptied by a background job whose progress this page follows (htmx polling).
/// </summary>
public sealed partial class BucketDelete
{
    private BucketDetails? _bucket;
    private BucketUsage? _usage;
    private BucketJobView? _job;
    private string? _usageError;
    private string? _error;
    private string? _message;
    private string? _outcome;
    private bool _posted;

    [Parameter] public string Tenant { get; set; } = "";

    [Parameter] public string Name { get; set; } = "";

    [SupplyParameterFromForm(FormName = "delete-bucket")]
    private DeleteInput Input { get; set; } = default!;

    [Inject] private IBucketService Buckets { get; set; } = default!;

    [Inject] private IBucketUsageService Usage { get; set; } = default!;

    [Inject] private IBucketJobService Jobs { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        Input ??= new DeleteInput();
        _posted = HttpMethods.IsPost(HttpContext?.Request.Method ?? string.Empty);
        _job = await Jobs.LatestAsync(Tenant, Name, Aborted);
        try
        {
            _bucket = await Buckets.GetAsync(Tenant, Name, Aborted);
        }
        catch (NotFoundException)
        {
            PageStatus.Set(HttpContext, _job is null ? StatusCodes.Status404NotFound : StatusCodes.Status200OK);
            return;
        }
        catch (PortalException ex) when (ex is UnavailableException or ForbiddenException)
        {
            _error = ex.Message;
            PageStatus.Set(HttpContext, StatusCodes.Status503ServiceUnavailable);
            return;
        }
        if (_bucket.State.Phase == HikubePortal.Kubernetes.Cozystack.BucketPhase.Deleting && _job is not { IsActive: true })
        {
            (_outcome, _message) = ("deleting", $"Bucket {Name} is already being deleted.");
            return;
        }
        if (_job is { IsActive: true })
        {
            return;
        }
        try
        {
            _usage = await Usage.MeasureAsync(Tenant, Name, Aborted);
        }
        catch (PortalException ex) when (ex is UnavailableException or ForbiddenException or NotFoundException)
        {
            _usageError = $"Not counted: {ex.Message}";
        }
    }

    private async Task DeleteAsync()
    {
        if (!string.Equals(Input.Confirmation?.Trim(), Name, StringComparison.Ordinal))
        {
            _error = $"Type the name {Name} exactly to confirm.";
            return;
        }
        try
        {
            if (Input.Mode == "empty")
            {
                _job = await Jobs.StartEmptyAndDeleteAsync(Tenant, Name, _usage, Aborted);
                return;
            }
            switch (await Buckets.DeleteAsync(Tenant, Name, Aborted))
            {
                case BucketDeletion.Requested:
                    Navigation.NavigateTo($"{BucketLinks.List(Tenant)}?deleted={Uri.EscapeDataString(Name)}");
                    break;
                case BucketDeletion.AlreadyDeleting:
                    (_outcome, _message) = ("deleting", $"Bucket {Name} is already being deleted.");
                    break;
                default:
                    (_outcome, _message) = ("gone", $"Bucket {Name} was already deleted.");
                    PageStatus.Set(HttpContext, StatusCodes.Status200OK);
                    break;
            }
        }
        catch (PortalException ex) when (ex is ForbiddenException or UnavailableException or ConflictException or NotFoundException)
        {
            _error = ex.Message;
        }
    }

    /// <summary>The typed confirmation and the button pressed (<c>delete</c> or <c>empty</c>).</summary>
    public sealed class DeleteInput
    {
        [Required(ErrorMessage = "Type the bucket's name to confirm.")]
        public string? Confirmation { get; set; }

        public string? Mode { get; set; }
    }
}
