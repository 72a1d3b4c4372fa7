using System.Net;
using System.Net.Http.Headers;
using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;

namespace HikubePortal.PlatformTests.Storage;

/// <summary>Browser-style uploads with presigned URLs (plain HttpClient), multipart resume and abort, and the streamed fallback.</summary>
public sealed class UploadTests(StorageFixture fx) : IClassFixture<StorageFixture>
{
    [Fact]
    public async Task Presigned_put_uploads_with_the_signed_content_type()
    {
        var key = StorageFixture.NewPrefix() + "photo ünï.png";
        var body = TestStreams.Bytes(1000);
        var put = await fx.Uploads.PresignPutAsync(fx.ReadWrite, key, "image/png", default);
        Assert.Equal("PUT", put.Method);

        using (var request = new HttpRequestMessage(HttpMethod.Put, put.Url) { Content = new ByteArrayContent(body) })
        {
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(put.Headers["Content-Type"]);
            using var response = await fx.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var details = await fx.Storage.GetDetailsAsync(fx.ReadOnly, key, default);
        Assert.Equal((1000L, "image/png", TestStreams.Md5Hex(body)), (details.Size, details.ContentType, details.ETag));
    }

    [Fact]
    public async Task Multipart_through_presigned_part_urls_completes_with_the_browser_etags()
    {
        var key = StorageFixture.NewPrefix() + "big file.bin";
        var body = TestStreams.Bytes(20 * 1024 * 1024 + 123);
        var upload = await fx.Uploads.StartMultipartAsync(fx.ReadWrite, key, body.Length, "application/octet-stream", default);
        Assert.Equal((MultipartPlan.PreferredPartSize, 2), (upload.PartSize, upload.PartCount));

        var urls = await fx.Uploads.PresignPartsAsync(fx.ReadWrite, key, upload.UploadId, [1, 2], default);
        var etags = new List<CompletedPart>();
        foreach (var part in urls)
        {
            var offset = (int)((part.PartNumber - 1) * upload.PartSize);
            var length = (int)Math.Min(upload.PartSize, body.Length - offset);
            using var response = await fx.Http.PutAsync(part.Url, new ByteArrayContent(body, offset, length));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            etags.Add(new CompletedPart(part.PartNumber, response.Headers.ETag!.Tag));
        }

        var held = await fx.Uploads.ListPartsAsync(fx.ReadWrite, key, upload.UploadId, default);
        Assert.Equal([(1, upload.PartSize), (2, body.Length - upload.PartSize)], held.Select(p => (p.PartNumber, p.Size)));
        Assert.Equal(etags.Select(e => e.ETag.Trim('"')), held.Select(p => p.ETag));

        var stored = await fx.Uploads.CompleteMultipartAsync(fx.ReadWrite, key, upload.UploadId, [.. etags.AsEnumerable().Reverse()], default);
        Assert.EndsWith("-2", stored.ETag, StringComparison.Ordinal);
        await using var read = await fx.Storage.OpenReadAsync(fx.ReadOnly, key, null, default);
        using var copy = new MemoryStream();
        await read.Content.CopyToAsync(copy);
        Assert.Equal(body, copy.ToArray());
    }

    [Fact]
    public async Task Completing_with_a_wrong_etag_is_invalid()
    {
        var key = StorageFixture.NewPrefix() + "wrong.bin";
        var upload = await fx.Uploads.StartMultipartAsync(fx.ReadWrite, key, 10, null, default);
        var part = Assert.Single(await fx.Uploads.PresignPartsAsync(fx.ReadWrite, key, upload.UploadId, [1], default));
        using (var response = await fx.Http.PutAsync(part.Url, new ByteArrayContent([1, 2, 3])))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await Assert.ThrowsAsync<InvalidException>(() => fx.Uploads.CompleteMultipartAsync(
            fx.ReadWrite, key, upload.UploadId, [new CompletedPart(1, "0123456789abcdef0123456789abcdef")], default));
        await fx.Uploads.AbortMultipartAsync(fx.ReadWrite, key, upload.UploadId, default);
    }

    [Fact]
    public async Task Abort_leaves_no_upload_and_no_parts()
    {
        var prefix = StorageFixture.NewPrefix();
        var key = prefix + "cancelled.bin";
        var upload = await fx.Uploads.StartMultipartAsync(fx.ReadWrite, key, 6 * 1024 * 1024, null, default);
        var part = Assert.Single(await fx.Uploads.PresignPartsAsync(fx.ReadWrite, key, upload.UploadId, [1], default));
        using (var response = await fx.Http.PutAsync(part.Url, new ByteArrayContent(TestStreams.Bytes(6 * 1024 * 1024))))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        var listed = await fx.Uploads.ListMultipartUploadsAsync(fx.ReadOnly, prefix, default);
        Assert.Equal([(key, upload.UploadId)], listed.Uploads.Select(u => (u.Key, u.UploadId)));

        await fx.Uploads.AbortMultipartAsync(fx.ReadWrite, key, upload.UploadId, default);
        await fx.Uploads.AbortMultipartAsync(fx.ReadWrite, key, upload.UploadId, default); // already gone: no error

        Assert.Empty((await fx.Uploads.ListMultipartUploadsAsync(fx.ReadOnly, prefix, default)).Uploads);
        await Assert.ThrowsAsync<NotFoundException>(() => fx.Uploads.ListPartsAsync(fx.ReadWrite, key, upload.UploadId, default));
    }

    [Fact]
    public async Task Streamed_upload_of_a_forward_only_stream_uses_parts_and_reads_at_most_one_part_ahead()
    {
        var key = StorageFixture.NewPrefix() + "streamed.bin";
        var body = TestStreams.Bytes(40 * 1024 * 1024 + 7, seed: 3);
        var source = new ForwardOnlyStream(new MemoryStream(body));
        var readAhead = new List<long>();
        var progress = new SynchronousProgress<long>(uploaded => readAhead.Add(source.BytesRead - uploaded));

        var stored = await fx.Uploads.UploadAsync(fx.ReadWrite, key, source, "application/x-test", progress, default);

        Assert.EndsWith("-3", stored.ETag, StringComparison.Ordinal); // 16 + 16 + 8 MiB
        Assert.Equal(body.Length, stored.Size);
        Assert.All(readAhead, ahead => Assert.InRange(ahead, 0, MultipartPlan.StreamingPartSize(2)));
        await using var read = await fx.Storage.OpenReadAsync(fx.ReadOnly, key, null, default);
        using var copy = new MemoryStream();
        await read.Content.CopyToAsync(copy);
        Assert.Equal(body, copy.ToArray());
        Assert.Equal("application/x-test", read.ContentType);
    }

    [Fact]
    public async Task Cancelled_streamed_upload_aborts_its_multipart_upload()
    {
        var prefix = StorageFixture.NewPrefix();
        using var cancel = new CancellationTokenSource();
        var progress = new SynchronousProgress<long>(_ => cancel.Cancel()); // after the first part
        var source = new ForwardOnlyStream(new MemoryStream(TestStreams.Bytes(40 * 1024 * 1024)));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            fx.Uploads.UploadAsync(fx.ReadWrite, prefix + "never.bin", source, null, progress, cancel.Token));

        Assert.Empty((await fx.Uploads.ListMultipartUploadsAsync(fx.ReadOnly, prefix, default)).Uploads);
        Assert.Empty((await fx.Storage.ListAsync(fx.ReadOnly, new ObjectListQuery(prefix), default)).Objects);
    }
}
