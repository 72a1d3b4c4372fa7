using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace HikubePortal.Web.Hosting;

/// <summary>
/// Pages (and the few JSON and text answers) compressed on the way out: brotli, else gzip, at the fastest level, as a
/// page is made for one reader. Static files are not compressed here: <c>MapStaticAssets</c> serves the copies
/// compressed at build and publish. Object contents the portal streams (downloads, previews, zips) are never
/// compressed, whatever type a later change gives them: they are the user's bytes, often compressed already, sometimes
/// many gigabytes, and their length and ranges must stay as the storage gave them (<see cref="Uncompressed{TBuilder}"/>).
/// Over HTTPS too: a page's only secret-like values are antiforgery tokens, which Data Protection encrypts anew for every
/// response (nothing for a BREACH-style guesser to converge on); secret keys never reach a page's HTML, only the
/// interactive connection once a permitted user asks to reveal them.
/// </summary>
internal static class Compression
{
    private static readonly object NoCompression = new();

    public static IServiceCollection AddPortalCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ["text/html", "application/json", "text/plain"];
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return services;
    }

    /// <summary>Compresses the responses of every endpoint but those marked <see cref="Uncompressed{TBuilder}"/>. After routing.</summary>
    public static IApplicationBuilder UsePortalCompression(this IApplicationBuilder app) =>
        app.UseWhen(context => context.GetEndpoint()?.Metadata.Contains(NoCompression) != true, branch => branch.UseResponseCompression());

    /// <summary>The endpoints' responses go out as they are written (object contents).</summary>
    public static TBuilder Uncompressed<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(NoCompression);
}
