using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;

namespace HikubePortal.Web.Components.Pages.Objects;

/// <summary>
/// A listed page kept from prerendering to the interactive page (so the folder is listed once): the query it answers,
/// the page or the failure in words, and how long the listing took. Never holds a secret.
/// </summary>
public sealed record ListingSnapshot(string Query, ObjectFolder? Folder, string? ProblemKind, string? ProblemMessage, long ServerMilliseconds)
{
    public static ListingSnapshot Of(string query, ObjectFolder? folder, PortalException? problem, long serverMilliseconds) =>
        new(query, folder, problem?.GetType().Name, problem?.Message, serverMilliseconds);

    /// <summary>The failure again, as the page shows it.</summary>
    public PortalException? Problem() => ProblemMessage is not { } message ? null : ProblemKind switch
    {
        nameof(NotFoundException) => new NotFoundException(message),
        nameof(ForbiddenException) => new ForbiddenException(message),
        nameof(ConflictException) => new ConflictException(message),
        nameof(InvalidException) => new InvalidException(message),
        _ => new UnavailableException(message),
    };
}
