using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using HikubePortal.Application.Objects;
using HikubePortal.Storage;

namespace HikubePortal.UnitTests.Storage;

public sealed class S3ErrorMapperTests
{
    [Theory]
    [InlineData("NoSuchKey", HttpStatusCode.NotFound, ObjectStorageError.NotFound)]
    [InlineData(null, HttpStatusCode.NotFound, ObjectStorageError.NotFound)]
    [InlineData("NoSuchBucket", HttpStatusCode.NotFound, ObjectStorageError.NotFound)]
    [InlineData("NoSuchUpload", HttpStatusCode.NotFound, ObjectStorageError.NotFound)]
    [InlineData("AccessDenied", HttpStatusCode.Forbidden, ObjectStorageError.Forbidden)]
    [InlineData("SignatureDoesNotMatch", HttpStatusCode.Forbidden, ObjectStorageError.Forbidden)]
    [InlineData("InvalidAccessKeyId", HttpStatusCode.Forbidden, ObjectStorageError.Forbidden)]
    [InlineData("QuotaExceeded", HttpStatusCode.Forbidden, ObjectStorageError.Conflict)]
    [InlineData("BucketNotEmpty", HttpStatusCode.Conflict, ObjectStorageError.Conflict)]
    [InlineData("PreconditionFailed", HttpStatusCode.PreconditionFailed, ObjectStorageError.Conflict)]
    [InlineData("InvalidPart", HttpStatusCode.BadRequest, ObjectStorageError.Invalid)]
    [InlineData("EntityTooSmall", HttpStatusCode.BadRequest, ObjectStorageError.Invalid)]
    [InlineData("InvalidRange", HttpStatusCode.RequestedRangeNotSatisfiable, ObjectStorageError.Invalid)]
    [InlineData("SlowDown", HttpStatusCode.ServiceUnavailable, ObjectStorageError.Unavailable)]
    [InlineData("InternalError", HttpStatusCode.InternalServerError, ObjectStorageError.Unavailable)]
    public void S3_errors_become_application_errors(string? code, HttpStatusCode status, ObjectStorageError expected)
    {
        var s3 = new AmazonS3Exception("raw message with details", null, ErrorType.Sender, code, "req-1", status);

        var mapped = S3ErrorMapper.Map(s3);

        Assert.Equal(expected, mapped.Error);
        Assert.Same(s3, mapped.InnerException);
        Assert.DoesNotContain("raw message", mapped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Transport_failures_are_unavailable()
    {
        Assert.All(
            new Exception[] { new HttpRequestException("refused"), new IOException("reset"), new TaskCanceledException("timeout"), new AmazonClientException("dns") },
            e => Assert.Equal(ObjectStorageError.Unavailable, S3ErrorMapper.Map(e).Error));
    }

    [Fact]
    public void Application_errors_pass_through()
    {
        var known = new ObjectStorageException(ObjectStorageError.Conflict, "exists");
        Assert.Same(known, S3ErrorMapper.Map(known));
    }
}
