using System.Collections.Immutable;
using Microsoft.Extensions.Options;

namespace HikubePortal.Web.Hosting;

/// <summary>
/// The storage origins browsers upload to, as the portal learns them from buckets' credentials (most platforms have
/// one). Every page's CSP lets it connect to them, so a page opened before an object page can upload from it; a page
/// also lists them in a <c>hikube-connect-src</c> meta tag for the upload script. Bounded: a portal serving many
/// storage endpoints lists them in <c>Security:ConnectSources</c> instead.
/// </summary>
internal sealed class StorageOrigins(IOptions<SecurityOptions> options)
{
    public const int MaxLearned = 32;

    private ImmutableHashSet<string> _learned = ImmutableHashSet.Create<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The configured and learned origins.</summary>
    public IReadOnlyCollection<string> All => [.. options.Value.ConnectSources.Concat(_learned).Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>Remembers the origin of an http(s) endpoint (scheme, host, port).</summary>
    public void Learn(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (endpoint.Scheme is not ("http" or "https"))
        {
            return;
        }
        var origin = endpoint.GetLeftPart(UriPartial.Authority);
        ImmutableInterlocked.Update(ref _learned, set => set.Contains(origin) || set.Count >= MaxLearned ? set : set.Add(origin));
    }
}
