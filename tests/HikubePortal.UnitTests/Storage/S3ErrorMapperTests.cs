using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;
using HikubePortal.Storage;

namespace HikubePortal.UnitTests.Storage;

public sealed class S3ErrorMapperTests
{
    [Theory]
    [InlineData("NoSuchKey", HttpStatusCode.NotFound, typeof(NotFoundException))]
    [InlineData(null, HttpStatusCode.NotFound, typeof(NotFoundException))]
    [InlineData("NoSuchBucket", HttpStatusCode.NotFound, typeof(NotFoundException))]
    [InlineData("NoSuchUpload", HttpStatusCode.NotFound, typeof(NotFoundException))]
    [InlineData("AccessDenied", HttpStatusCode.Forbidden, typeof(ForbiddenException))]
    [InlineData("SignatureDoesNotMatch", HttpStatusCode.Forbidden, typeof(ForbiddenException))]
    [InlineData("InvalidAccessKeyId", HttpStatusCode.Forbidden, typeof(ForbiddenException))]
    [InlineData("QuotaExceeded", HttpStatusCode.Forbidden, typeof(ConflictException))]
    [InlineData("BucketNotEmpty", HttpStatusCode.Conflict, typeof(ConflictException))]
    [InlineData("PreconditionFailed", HttpStatusCode.PreconditionFailed, typeof(ConflictException))]
    [InlineData("InvalidPart", HttpStatusCode.BadRequest, typeof(InvalidException))]
    [InlineData("EntityTooSmall", HttpStatusCode.BadRequest, typeof(InvalidException))]
    [InlineData("InvalidRange", HttpStatusCode.RequestedRangeNotSatisfiable, typeof(InvalidException))]
    [InlineData("SlowDown", HttpStatusCode.ServiceUnavailable, typeof(UnavailableException))]
    [InlineData("InternalError", HttpStatusCode.InternalServerError, typeof(UnavailableException))]
    public void S3_errors_become_application_errors(string? code, HttpStatusCode status, Type expected)
    {
        var s3 = new AmazonS3Exception("raw message with details", null, ErrorType.Sender, code, "req-1", status);

        var mapped = S3ErrorMapper.Map(s3);

        Assert.IsType(expected, mapped);
        Assert.Same(s3, mapped.InnerException);
        Assert.DoesNotContain("raw message", mapped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Transport_failures_are_unavailable()
    {
        Assert.All(
            new Exception[] { new HttpRequestException("refused"), new IOException("reset"), new TaskCanceledException("timeout"), new AmazonClientException("dns") },
            e => Assert.IsType<UnavailableException>(S3ErrorMapper.Map(e)));
    }

    [Fact]
    public void A_deadline_passed_says_the_storage_is_not_answering_and_a_refusal_that_it_cannot_be_reached()
    {
        Assert.Equal(S3ErrorMapper.NotAnswering, S3ErrorMapper.Map(new TaskCanceledException("deadline")).Message);
        Assert.Equal(S3ErrorMapper.NotAnswering, S3ErrorMapper.Map(new TimeoutException("per attempt")).Message);
        Assert.Equal(S3ErrorMapper.Unreachable, S3ErrorMapper.Map(new HttpRequestException("refused")).Message);
    }

    [Fact]
    public void Application_errors_pass_through()
    {
        var known = new ConflictException("exists");
        Assert.Same(known, S3ErrorMapper.Map(known));
    }
}
