namespace HikubePortal.Application.Identity;

/// <summary>How a sign-in attempt ended.</summary>
public enum SignInOutcome
{
    Succeeded,
    Failed,
    LockedOut,
    RequiresTwoFactor,
}

/// <summary>The two-factor state of the signed-in user's account.</summary>
public sealed record TwoFactorStatus(bool Enabled, bool HasAuthenticator, int RecoveryCodesLeft, bool BrowserRemembered);

/// <summary>What an authenticator app needs: the shared key (grouped for reading) and the otpauth URI for the QR code.</summary>
public sealed record AuthenticatorSetup(string SharedKey, string AuthenticatorUri);

/// <summary>The signed-in user's own account: sign-in, password, two-factor authentication.</summary>
public interface IAccountService
{
    Task<SignInOutcome> PasswordSignInAsync(string email, string password, bool rememberMe, CancellationToken cancellationToken);

    /// <summary>Whether a password sign-in is waiting for its second factor.</summary>
    Task<bool> HasPendingTwoFactorAsync(CancellationToken cancellationToken);

    Task<SignInOutcome> TwoFactorSignInAsync(string code, bool rememberMe, bool rememberDevice, CancellationToken cancellationToken);

    Task<SignInOutcome> RecoveryCodeSignInAsync(string code, CancellationToken cancellationToken);

    /// <summary>Signs out, ending every session of the account (open pages elsewhere included).</summary>
    Task SignOutAsync(CancellationToken cancellationToken);

    /// <summary>Throws <see cref="Common.InvalidException"/> with the reasons (wrong current password, policy).</summary>
    Task ChangePasswordAsync(string currentPassword, string newPassword, CancellationToken cancellationToken);

    Task<TwoFactorStatus> GetTwoFactorStatusAsync(CancellationToken cancellationToken);

    /// <summary>The authenticator key (created on first use) and its otpauth URI.</summary>
    Task<AuthenticatorSetup> GetAuthenticatorSetupAsync(CancellationToken cancellationToken);

    /// <summary>Checks <paramref name="code"/> against the key, turns two-factor on and returns new recovery codes.</summary>
    Task<IReadOnlyList<string>> EnableAuthenticatorAsync(string code, CancellationToken cancellationToken);

    Task DisableTwoFactorAsync(CancellationToken cancellationToken);

    /// <summary>A new key: the old authenticator entry stops working and two-factor is off until set up again.</summary>
    Task ResetAuthenticatorAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<string>> GenerateRecoveryCodesAsync(CancellationToken cancellationToken);

    /// <summary>This browser asks for the second factor again.</summary>
    Task ForgetBrowserAsync(CancellationToken cancellationToken);
}
