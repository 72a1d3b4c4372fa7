using System.IO.Compression;
using System.Net;
using System.Net.WebSockets;
using HikubePortal.IntegrationTests.Infrastructure;

namespace HikubePortal.IntegrationTests.Hosting;

/// <summary>What any visitor gets as a production site sends it: compressed pages and files, an icon, robots.txt.</summary>
public sealed class ResponseTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("br, gzip", "br")]
    [InlineData("gzip", "gzip")]
    [InlineData(null, null)]
    public async Task Pages_are_compressed_as_the_browser_accepts(string? accepts, string? encoding)
    {
        using var client = portal.CreateAnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        if (accepts is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", accepts);
        }

        using var response = await client.SendAsync(request);
        var html = await ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(encoding, response.Content.Headers.ContentEncoding.SingleOrDefault());
        Assert.Contains("<title>", html, StringComparison.Ordinal);
        Assert.Contains("""<link rel="icon" href="favicon.""", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Static_files_are_served_precompressed()
    {
        using var client = portal.CreateAnonymousClient();
        var (_, page) = await client.GetPageAsync("/account/login");
        var stylesheet = page.QuerySelector("link[rel=stylesheet][href*=MudBlazor]")!.GetAttribute("href")!;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/" + stylesheet.TrimStart('/'));
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "br, gzip");

        using var response = await client.SendAsync(request);
        var css = await ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The build output holds gzip copies; a published portal brotli ones too (made at build, none per request).
        Assert.Contains(response.Content.Headers.ContentEncoding.Single(), new[] { "br", "gzip" });
        Assert.True(response.Content.Headers.ContentLength < 200_000, $"{stylesheet}: {response.Content.Headers.ContentLength} bytes");
        Assert.NotNull(response.Content.Headers.ContentLength);
        Assert.Contains(".mud-", css, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Robots_txt_says_no_to_every_crawler_without_a_redirect_to_sign_in()
    {
        using var client = portal.CreateAnonymousClient();

        using var response = await client.GetAsync("/robots.txt");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("User-agent: *\nDisallow: /\n", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/favicon.ico", "image/x-icon")]
    [InlineData("/favicon.svg", "image/svg+xml")]
    public async Task The_icon_is_there_for_anyone(string path, string type)
    {
        using var client = portal.CreateAnonymousClient();

        using var response = await client.GetAsync(path);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        Assert.True(bytes.Length > 100, $"{path}: {bytes.Length} bytes");
    }

    [Fact]
    public async Task The_circuits_websocket_compresses_each_message_on_its_own()
    {
        // Circuits are for signed-in users (anonymous: 401): the handshake goes through a signed-in client's handler.
        using var client = await portal.SignedInClientAsync(await portal.CreateUserAsync("websocket"));
        using var socket = new ClientWebSocket();
        socket.Options.DangerousDeflateOptions = new WebSocketDeflateOptions(); // what a browser offers: context takeover both ways
        socket.Options.CollectHttpResponseDetails = true;
        var address = new UriBuilder(portal.ServerAddress!) { Scheme = "ws", Path = "/_blazor" }.Uri;

        await socket.ConnectAsync(address, client, CancellationToken.None);

        var extension = Assert.Single(socket.HttpResponseHeaders!["Sec-WebSocket-Extensions"]);
        Assert.StartsWith("permessage-deflate", extension, StringComparison.Ordinal); // compressed, still
        Assert.Contains("server_no_context_takeover", extension, StringComparison.Ordinal); // but no compressor kept per page
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
    }

    private static async Task<string> ReadAsync(HttpResponseMessage response)
    {
        await using var body = await response.Content.ReadAsStreamAsync();
        await using Stream plain = response.Content.Headers.ContentEncoding.SingleOrDefault() switch
        {
            "br" => new BrotliStream(body, CompressionMode.Decompress),
            "gzip" => new GZipStream(body, CompressionMode.Decompress),
            _ => body,
        };
        using var reader = new StreamReader(plain);
        return await reader.ReadToEndAsync();
    }
}
