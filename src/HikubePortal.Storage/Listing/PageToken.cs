using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;

namespace HikubePortal.Storage.Listing;

/// <summary>
/// The opaque page token of a listing, bound to the prefix it was issued for (a token from another folder or search is
/// refused): the S3 continuation token of an object listing (format <c>1.&lt;prefix hash&gt;.&lt;token&gt;</c>), or the key
/// and version-id markers of a version listing (format <c>v1.&lt;prefix hash&gt;.&lt;key marker NUL version marker&gt;</c>,
/// S3 keys hold no NUL). Base64url, safe in a query string; one kind of token is refused where the other is expected.
/// </summary>
internal static class PageToken
{
    private const string Version = "1";
    private const string VersionsVersion = "v1";
    private const char MarkerSeparator = '\0';

    public static string Encode(string s3Prefix, string continuationToken) => Encode(Version, s3Prefix, continuationToken);

    /// <summary>The S3 continuation token, or an <see cref="InvalidException"/>.</summary>
    public static string Decode(string token, string s3Prefix) => Decode(Version, token, s3Prefix);

    /// <summary>A version listing's next page: the key marker and the version-id marker (none after a folder).</summary>
    public static string EncodeMarkers(string s3Prefix, string keyMarker, string? versionIdMarker) =>
        Encode(VersionsVersion, s3Prefix, keyMarker + MarkerSeparator + versionIdMarker);

    /// <summary>The key and version-id markers of a version listing's page, or an <see cref="InvalidException"/>.</summary>
    public static (string KeyMarker, string? VersionIdMarker) DecodeMarkers(string token, string s3Prefix)
    {
        var text = Decode(VersionsVersion, token, s3Prefix);
        var separator = text.IndexOf(MarkerSeparator, StringComparison.Ordinal);
        if (separator <= 0)
        {
            throw Damaged();
        }
        var versionId = text[(separator + 1)..];
        return (text[..separator], versionId.Length == 0 ? null : versionId);
    }

    private static string Encode(string version, string s3Prefix, string payload) =>
        $"{version}.{PrefixTag(s3Prefix)}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload))}";

    private static string Decode(string version, string token, string s3Prefix)
    {
        var parts = token.Split('.');
        if (parts.Length != 3 || parts[0] != version || parts[1] != PrefixTag(s3Prefix)
            || !Base64Url.IsValid(parts[2]) || parts[2].Length == 0)
        {
            throw InvalidException.For(
                "pageToken", "This page link does not belong to this folder any more; start again from the first page.");
        }
        try
        {
            return new UTF8Encoding(false, true).GetString(Base64Url.DecodeFromChars(parts[2]));
        }
        catch (DecoderFallbackException)
        {
            throw Damaged();
        }
    }

    private static InvalidException Damaged() =>
        InvalidException.For("pageToken", "This page link is damaged; start again from the first page.");

    private static string PrefixTag(string s3Prefix) =>
        Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(s3Prefix)).AsSpan(0, 9));
}
