using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;

namespace HikubePortal.Web.Components.Pages.Objects;

/// <summary>A folder page, or the words that say why it cannot be shown (and the status code to answer).</summary>
public sealed record ObjectListingResult(ObjectFolder? Folder, string? Error, int Status);

/// <summary>Loads one page of a folder for the browse page and its refresh fragment (one S3 request).</summary>
public static class ObjectListingLoader
{
    public static async Task<ObjectListingResult> LoadAsync(IObjectBrowser browser, string tenant, string bucket, ObjectBrowserQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(query);
        try
        {
            return new ObjectListingResult(await browser.ListAsync(tenant, bucket, query.ToListQuery(), cancellationToken), null, StatusCodes.Status200OK);
        }
        catch (InvalidException ex)
        {
            return new ObjectListingResult(null, ex.Message, StatusCodes.Status400BadRequest);
        }
        catch (NotFoundException ex)
        {
            return new ObjectListingResult(null, ex.Message, StatusCodes.Status404NotFound);
        }
        catch (ConflictException ex)
        {
            return new ObjectListingResult(null, ex.Message, StatusCodes.Status200OK);
        }
        catch (PortalException ex) when (ex is UnavailableException or ForbiddenException)
        {
            return new ObjectListingResult(null, $"The objects cannot be listed right now: {ex.Message}", StatusCodes.Status503ServiceUnavailable);
        }
    }
}
