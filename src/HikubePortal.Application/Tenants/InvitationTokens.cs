using System.Security.Cryptography;
using System.Text;

namespace HikubePortal.Application.Tenants;

/// <summary>One-time invitation tokens: 32 random bytes, URL-safe; the database keeps only their SHA-256.</summary>
internal static class InvitationTokens
{
    public static string Create() => Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Whether <paramref name="token"/> has the shape of a token (43 URL-safe characters).</summary>
    public static bool LooksValid(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
