using Microsoft.Extensions.Options;

namespace HikubePortal.Provisioner.Radosgw;

/// <summary>Signs every outgoing request with the radosgw admin's keys (SigV4, service <c>s3</c>).</summary>
internal sealed class SigV4SigningHandler(IOptions<RadosgwOptions> options, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no URI.");
        var payload = request.Content is null
            ? []
            : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var payloadHash = SigV4.HashHex(payload);
        var now = time.GetUtcNow();
        var amzDate = SigV4.AmzDate(now);

        request.Headers.Remove(SigV4.DateHeader);
        request.Headers.Remove(SigV4.ContentSha256Header);
        request.Headers.TryAddWithoutValidation(SigV4.DateHeader, amzDate);
        request.Headers.TryAddWithoutValidation(SigV4.ContentSha256Header, payloadHash);

        var signed = new List<KeyValuePair<string, string>>
        {
            new("host", uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}"),
            new(SigV4.DateHeader, amzDate),
            new(SigV4.ContentSha256Header, payloadHash),
        };
        if (request.Content?.Headers.ContentType is { } contentType)
        {
            signed.Add(new("content-type", contentType.ToString()));
        }

        var settings = options.Value;
        var scope = new SigV4Scope(settings.AdminAccessKey, settings.AdminSecretKey, settings.Region, "s3");
        request.Headers.Authorization = null;
        request.Headers.TryAddWithoutValidation(
            "Authorization", SigV4.Authorization(new SigV4Request(request.Method.Method, uri, signed, payloadHash), scope, now));
        return await base.SendAsync(request, cancellationToken);
    }
}
