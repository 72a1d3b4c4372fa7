using System.Text;

namespace HikubePortal.Application.Identity;

/// <summary>Formats authenticator keys for people and for authenticator apps.</summary>
internal static class AuthenticatorKeys
{
    /// <summary>The key in lower-case groups of four, easier to type.</summary>
    public static string Format(string key)
    {
        var result = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            if (i > 0)
            {
                result.Append(' ');
            }
            result.Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }
        return result.ToString().ToLowerInvariant();
    }

    /// <summary>The <c>otpauth://totp/</c> URI an authenticator app reads from the QR code.</summary>
    public static string Uri(string issuer, string account, string key) =>
        $"otpauth://totp/{System.Uri.EscapeDataString(issuer)}:{System.Uri.EscapeDataString(account)}" +
        $"?secret={key}&issuer={System.Uri.EscapeDataString(issuer)}&digits=6";
}
