using HikubePortal.Application.Identity;

namespace HikubePortal.ComponentTests.Infrastructure;

/// <summary>An account service that answers a fixed sign-in outcome and records the attempts.</summary>
internal sealed class FakeAccountService : IAccountService
{
    public SignInOutcome Outcome { get; set; } = SignInOutcome.Failed;

    public List<(string Email, string Password, bool RememberMe)> SignIns { get; } = [];

    public Task<SignInOutcome> PasswordSignInAsync(string email, string password, bool rememberMe, CancellationToken cancellationToken)
    {
        SignIns.Add((email, password, rememberMe));
        return Task.FromResult(Outcome);
    }

    public Task<bool> HasPendingTwoFactorAsync(CancellationToken cancellationToken) => Task.FromResult(true);

    public Task<SignInOutcome> TwoFactorSignInAsync(string code, bool rememberMe, bool rememberDevice, CancellationToken cancellationToken) => Task.FromResult(Outcome);

    public Task<SignInOutcome> RecoveryCodeSignInAsync(string code, CancellationToken cancellationToken) => Task.FromResult(Outcome);

    public Task SignOutAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task ChangePasswordAsync(string currentPassword, string newPassword, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<TwoFactorStatus> GetTwoFactorStatusAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new TwoFactorStatus(false, false, 0, false));

    public Task<AuthenticatorSetup> GetAuthenticatorSetupAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new AuthenticatorSetup("abcd efgh ijkl mnop", "otpauth://totp/Hikube%20Portal:ana%40example.com?secret=ABCDEFGHIJKLMNOP&issuer=Hikube%20Portal&digits=6"));

    public Task<IReadOnlyList<string>> EnableAuthenticatorAsync(string code, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>(["code-1", "code-2"]);

    public Task DisableTwoFactorAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task ResetAuthenticatorAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyList<string>> GenerateRecoveryCodesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>(["code-1", "code-2"]);

    public Task ForgetBrowserAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
