using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3;
using HikubePortal.Application.Objects;

namespace HikubePortal.Storage;

/// <summary>Translates S3 and transport failures into <see cref="ObjectStorageException"/> with plain words.</summary>
internal static class S3ErrorMapper
{
    public const string Unreachable = "The storage cannot be reached right now; try again in a moment.";

    public static ObjectStorageException Map(Exception exception) => exception switch
    {
        ObjectStorageException known => known,
        AmazonServiceException service when service.StatusCode != 0 => FromService(service),
        AmazonServiceException or AmazonClientException or HttpRequestException or IOException or SocketException
            or TimeoutException or OperationCanceledException => new(ObjectStorageError.Unavailable, Unreachable, exception),
        _ => new(ObjectStorageError.Unavailable, "The storage failed unexpectedly.", exception),
    };

    private static ObjectStorageException FromService(AmazonServiceException e)
    {
        var (error, message) = (e.ErrorCode, e.StatusCode) switch
        {
            ("NoSuchBucket", _) => (ObjectStorageError.NotFound, "The bucket does not exist in the storage (yet)."),
            ("NoSuchUpload", _) => (ObjectStorageError.NotFound, "This upload does not exist any more (it was completed or aborted)."),
            (_, HttpStatusCode.NotFound) => (ObjectStorageError.NotFound, "The object does not exist."),
            ("InvalidAccessKeyId" or "SignatureDoesNotMatch", _) =>
                (ObjectStorageError.Forbidden, "The storage did not accept this bucket's credentials; they may have been rotated."),
            ("QuotaExceeded", _) => (ObjectStorageError.Conflict, "The bucket's quota is full."),
            ("RequestTimeTooSkewed", _) => (ObjectStorageError.Unavailable, "The portal's clock and the storage's clock disagree."),
            (_, HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized) =>
                (ObjectStorageError.Forbidden, "The storage refused this action to the bucket's credentials."),
            ("BucketNotEmpty", _) => (ObjectStorageError.Conflict, "The bucket is not empty."),
            (_, HttpStatusCode.Conflict) => (ObjectStorageError.Conflict, "The storage is busy with a conflicting change; try again."),
            (_, HttpStatusCode.PreconditionFailed) => (ObjectStorageError.Conflict, "The object changed meanwhile."),
            ("InvalidPart" or "InvalidPartOrder" or "NoSuchPart", _) =>
                (ObjectStorageError.Invalid, "Some parts of the upload are missing or do not match; upload the file again."),
            ("EntityTooSmall", _) => (ObjectStorageError.Invalid, "Every part of an upload but the last must be at least 5 MiB."),
            ("EntityTooLarge", _) => (ObjectStorageError.Invalid, "The file or part is too large for the storage."),
            ("KeyTooLongError", _) => (ObjectStorageError.Invalid, "The object name is too long."),
            (_, HttpStatusCode.RequestedRangeNotSatisfiable) => (ObjectStorageError.Invalid, "The requested range is outside the object."),
            (_, HttpStatusCode.BadRequest or HttpStatusCode.LengthRequired or HttpStatusCode.MethodNotAllowed) =>
                (ObjectStorageError.Invalid, "The storage refused the request as invalid."),
            _ => (ObjectStorageError.Unavailable, "The storage failed; try again in a moment."),
        };
        return new ObjectStorageException(error, message, e);
    }
}
