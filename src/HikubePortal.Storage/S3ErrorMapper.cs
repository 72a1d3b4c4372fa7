using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using HikubePortal.Application.Common;

namespace HikubePortal.Storage;

/// <summary>Translates S3 and transport failures into the application's <see cref="PortalException"/>s, in plain words.</summary>
internal static class S3ErrorMapper
{
    public const string Unreachable = "The storage cannot be reached right now; try again in a moment.";

    /// <summary>A deadline passed (the caller's own cancellation never reaches the mapper): the storage accepts but does not answer.</summary>
    public const string NotAnswering = "The storage (S3) is not answering; try again in a moment.";

    private enum Kind
    {
        NotFound,
        Forbidden,
        Conflict,
        Invalid,
        Unavailable,
    }

    public static PortalException Map(Exception exception) => exception switch
    {
        PortalException known => known,
        AmazonServiceException service when service.StatusCode != 0 => FromService(service),
        TimeoutException or OperationCanceledException => new UnavailableException(NotAnswering, exception),
        AmazonServiceException or AmazonClientException or HttpRequestException or IOException or SocketException
            => new UnavailableException(Unreachable, exception),
        _ => new UnavailableException("The storage failed unexpectedly.", exception),
    };

    private static PortalException FromService(AmazonServiceException e)
    {
        var (kind, message) = (e.ErrorCode, e.StatusCode) switch
        {
            ("NoSuchBucket", _) => (Kind.NotFound, "The bucket does not exist in the storage (yet)."),
            ("NoSuchUpload", _) => (Kind.NotFound, "This upload does not exist any more (it was completed or aborted)."),
            (_, HttpStatusCode.NotFound) => (Kind.NotFound, "The object does not exist."),
            ("InvalidAccessKeyId" or "SignatureDoesNotMatch", _) =>
                (Kind.Forbidden, "The storage did not accept this bucket's credentials; they may have been rotated."),
            ("QuotaExceeded", _) => (Kind.Conflict, "The bucket's quota is full."),
            ("RequestTimeTooSkewed", _) => (Kind.Unavailable, "The portal's clock and the storage's clock disagree."),
            (_, HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized) =>
                (Kind.Forbidden, "The storage refused this action to the bucket's credentials."),
            ("BucketNotEmpty", _) => (Kind.Conflict, "The bucket is not empty."),
            (_, HttpStatusCode.Conflict) => (Kind.Conflict, "The storage is busy with a conflicting change; try again."),
            (_, HttpStatusCode.PreconditionFailed) => (Kind.Conflict, "The object changed meanwhile."),
            ("InvalidPart" or "InvalidPartOrder" or "NoSuchPart", _) =>
                (Kind.Invalid, "Some parts of the upload are missing or do not match; upload the file again."),
            ("NotImplemented", _) => (Kind.Invalid, InvalidException.NotOfferedByStorage),
            ("EntityTooSmall", _) => (Kind.Invalid, "Every part of an upload but the last must be at least 5 MiB."),
            ("EntityTooLarge", _) => (Kind.Invalid, "The file or part is too large for the storage."),
            ("KeyTooLongError", _) => (Kind.Invalid, "The object name is too long."),
            (_, HttpStatusCode.RequestedRangeNotSatisfiable) => (Kind.Invalid, "The requested range is outside the object."),
            (_, HttpStatusCode.BadRequest or HttpStatusCode.LengthRequired or HttpStatusCode.MethodNotAllowed) =>
                (Kind.Invalid, "The storage refused the request as invalid."),
            _ => (Kind.Unavailable, "The storage failed; try again in a moment."),
        };
        return kind switch
        {
            Kind.NotFound => new NotFoundException(message, e),
            Kind.Forbidden => new ForbiddenException(message, e),
            Kind.Conflict => new ConflictException(message, e),
            Kind.Invalid => new InvalidException(message, e),
            _ => new UnavailableException(message, e),
        };
    }
}
