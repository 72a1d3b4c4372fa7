using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;

namespace HikubePortal.Storage.Listing;

/// <summary>
/// The opaque page token of a listing: the S3 continuation token, bound to the prefix it was issued
/// for (a token from another folder or search is refused). Format <c>1.&lt;prefix hash&gt;.&lt;token&gt;</c>,
/// base64url, safe in a query string.
/// </summary>
internal static class PageToken
{
    private const string Version = "1";

    public static string Encode(string s3Prefix, string continuationToken) =>
        $"{Version}.{PrefixTag(s3Prefix)}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(continuationToken))}";

    /// <summary>The S3 continuation token, or an <see cref="InvalidException"/>.</summary>
    public static string Decode(string token, string s3Prefix)
    {
        var parts = token.Split('.');
        if (parts.Length != 3 || parts[0] != Version || parts[1] != PrefixTag(s3Prefix)
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
            throw InvalidException.For("pageToken", "This page link is damaged; start again from the first page.");
        }
    }

    private static string PrefixTag(string s3Prefix) =>
        Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(s3Prefix)).AsSpan(0, 9));
}
