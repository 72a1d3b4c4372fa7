using System.Net;
using System.Text;
using HikubePortal.Provisioner.Radosgw;
using Microsoft.Extensions.Options;

namespace HikubePortal.UnitTests.Provisioner;

/// <summary>Vectors from AWS's Signature Version 4 test suite (credentials AKIDEXAMPLE, 2015-08-30T12:36:00Z).</summary>
public sealed class SigV4Tests
{
    private static readonly SigV4Scope Scope = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "us-east-1", "service");
    private static readonly DateTimeOffset Time = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    private static SigV4Request Vanilla(string method, string url) => new(
        method,
        new Uri(url),
        [new("Host", "example.amazonaws.com"), new("X-Amz-Date", "20150830T123600Z")],
        SigV4.EmptyPayloadHash);

    [Fact]
    public void Get_vanilla_matches_the_published_canonical_request_and_signature()
    {
        var request = Vanilla("GET", "https://example.amazonaws.com/");

        var (signedHeaders, canonical) = SigV4.CanonicalRequest(request);

        Assert.Equal("host;x-amz-date", signedHeaders);
        Assert.Equal(
            "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n" + SigV4.EmptyPayloadHash,
            canonical);
        Assert.Equal(
            "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n" +
            "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63",
            SigV4.StringToSign(canonical, "20150830/us-east-1/service/aws4_request", Time));
        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, " +
            "SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
            SigV4.Authorization(request, Scope, Time));
    }

    [Theory]
    [InlineData("GET", "https://example.amazonaws.com/?Param2=value2&Param1=value1", "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500")]
    [InlineData("POST", "https://example.amazonaws.com/", "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b")]
    [InlineData("GET", "https://example.amazonaws.com/\u1234", "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85")]
    public void Test_suite_vectors_sign_as_published(string method, string url, string signature)
    {
        var authorization = SigV4.Authorization(Vanilla(method, url), Scope, Time);

        Assert.EndsWith("Signature=" + signature, authorization);
    }

    [Fact]
    public void The_signing_key_derivation_matches_the_published_key()
    {
        var key = SigV4.SigningKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20150830", "us-east-1", "service");

        Assert.Equal("938127b5336810ddb6a5d6af445fcac9e371f9ed418ed386b022aed82901be75", Convert.ToHexStringLower(key));
    }

    [Fact]
    public void Query_keys_without_values_are_signed_as_empty_values_and_encoded_per_rfc3986()
    {
        var query = SigV4.CanonicalQuery(new Uri("http://rgw/admin/user?key&uid=a%20b&display-name=x%2By&format=json"));

        Assert.Equal("display-name=x%2By&format=json&key=&uid=a%20b", query);
    }

    [Fact]
    public async Task The_handler_adds_date_payload_hash_and_an_authorization_over_them()
    {
        var inner = new CapturingHandler();
        var options = Options.Create(new RadosgwOptions
        {
            Endpoint = "http://127.0.0.1:7480",
            AdminAccessKey = "ADMINKEY",
            AdminSecretKey = "admin-secret",
        });
        using var handler = new SigV4SigningHandler(options, new ManualTimeProvider(Time)) { InnerHandler = inner };
        using var client = new HttpClient(handler);
        using var content = new StringContent("{}", Encoding.UTF8, "application/json");

        await client.PutAsync(new Uri("http://127.0.0.1:7480/admin/user?uid=u&format=json"), content);

        var sent = Assert.Single(inner.Requests);
        Assert.Equal("20150830T123600Z", sent.Headers[SigV4.DateHeader]);
        Assert.Equal(SigV4.HashHex("{}"u8), sent.Headers[SigV4.ContentSha256Header]);
        var expected = SigV4.Authorization(
            new SigV4Request("PUT", new Uri("http://127.0.0.1:7480/admin/user?uid=u&format=json"),
            [
                new("host", "127.0.0.1:7480"),
                new(SigV4.DateHeader, "20150830T123600Z"),
                new(SigV4.ContentSha256Header, SigV4.HashHex("{}"u8)),
                new("content-type", "application/json; charset=utf-8"),
            ],
            SigV4.HashHex("{}"u8)),
            new SigV4Scope("ADMINKEY", "admin-secret", "us-east-1", "s3"),
            Time);
        Assert.Equal(expected, sent.Headers["Authorization"]);
        Assert.Contains("SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date,", expected);
        Assert.DoesNotContain("admin-secret", sent.Headers["Authorization"]);
    }

    private sealed class CapturingHandler : HttpMessageHandler
    {
        public List<(HttpMethod Method, Dictionary<string, string> Headers)> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add((request.Method, request.Headers.ToDictionary(h => h.Key, h => string.Join(',', h.Value), StringComparer.OrdinalIgnoreCase)));
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }
    }
}
