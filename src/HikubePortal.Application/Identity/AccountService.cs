using HikubePortal.Application.Audit;
using HikubePortal.Application.Common;
using HikubePortal.Application.Identity.SingleSignOn;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HikubePortal.Application.Identity;

internal sealed class AccountService(
    SignInManager<PortalUser> signIn,
    UserManager<PortalUser> users,
    ICurrentUser current,
    IAuditLog audit,
    IOptions<OidcOptions> oidc) : IAccountService
{
    /// <summary>A hash to verify against when the email is unknown, so that the answer takes as long as for a known one.</summary>
    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<PortalUser>().HashPassword(new PortalUser(), Guid.NewGuid().ToString()));

    public async Task<SignInOutcome> PasswordSignInAsync(string email, string password, bool rememberMe, CancellationToken cancellationToken)
    {
        var user = await users.FindByEmailAsync(email.Trim());
        var method = "password";
        if (user is not null && oidc.Value.OperatorsOnlyPasswordSignIn && !await users.IsInRoleAsync(user, PortalRoles.Operator))
        {
            // With Oidc:LocalAccounts off, passwords are for operators' break-glass sign-in only; the answer is the
            // same as for a wrong password, so it tells nothing about the account.
            method = "password refused: local accounts are off and this is not an operator account";
            user = null;
        }
        if (user is null)
        {
            users.PasswordHasher.VerifyHashedPassword(new PortalUser(), DecoyHash.Value, password);
        }
        var result = user is null
            ? SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, password, rememberMe, lockoutOnFailure: true);
        return await RecordAsync(result, user, email.Trim(), method, cancellationToken);
    }

    public async Task<bool> HasPendingTwoFactorAsync(CancellationToken cancellationToken) =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is not null;

    public async Task<SignInOutcome> TwoFactorSignInAsync(string code, bool rememberMe, bool rememberDevice, CancellationToken cancellationToken)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        var normalized = code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var result = user is null
            ? SignInResult.Failed
            : await signIn.TwoFactorAuthenticatorSignInAsync(normalized, rememberMe, rememberDevice);
        return await RecordAsync(result, user, user?.Email, "authenticator code", cancellationToken);
    }

    public async Task<SignInOutcome> RecoveryCodeSignInAsync(string code, CancellationToken cancellationToken)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        var result = user is null
            ? SignInResult.Failed
            : await signIn.TwoFactorRecoveryCodeSignInAsync(code.Replace(" ", "", StringComparison.Ordinal));
        return await RecordAsync(result, user, user?.Email, "recovery code", cancellationToken);
    }

    public async Task SignOutAsync(CancellationToken cancellationToken)
    {
        if (current.Id is { } id && await users.FindByIdAsync(id.ToString()) is { } user)
        {
            // A new security stamp ends every session of the account, also the interactive pages still open in other
            // tabs or on other replicas: their next call is refused (TenantAccessService), their circuit signed out at
            // its next revalidation. A signed-out page must not keep acting with keys to the tenant's storage.
            IdentityErrors.ThrowIfFailed(await users.UpdateSecurityStampAsync(user), "");
            await audit.WriteAsync(new AuditRecord(AuditActions.SignOut), cancellationToken);
        }
        await signIn.SignOutAsync();
    }

    public async Task ChangePasswordAsync(string currentPassword, string newPassword, CancellationToken cancellationToken)
    {
        var user = await RequireUserAsync();
        var result = await users.ChangePasswordAsync(user, currentPassword, newPassword);
        IdentityErrors.ThrowIfFailed(result, "NewPassword");
        await signIn.RefreshSignInAsync(user);
        await audit.WriteAsync(new AuditRecord(AuditActions.PasswordChanged), cancellationToken);
    }

    public async Task<TwoFactorStatus> GetTwoFactorStatusAsync(CancellationToken cancellationToken)
    {
        var user = await RequireUserAsync();
        return new TwoFactorStatus(
            await users.GetTwoFactorEnabledAsync(user),
            await users.GetAuthenticatorKeyAsync(user) is not null,
            await users.CountRecoveryCodesAsync(user),
            await signIn.IsTwoFactorClientRememberedAsync(user));
    }

    public async Task<AuthenticatorSetup> GetAuthenticatorSetupAsync(CancellationToken cancellationToken)
    {
        var user = await RequireUserAsync();
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            try
            {
                await users.ResetAuthenticatorKeyAsync(user);
            }
            catch (DbUpdateException ex)
            {
                // Another request of this account (a second tab, a double submit) made the key at the same moment.
                throw new ConflictException("The authenticator was being set up in another page at the same time: reload this page.", ex);
            }
            key = await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("No authenticator key.");
            // A new key is a new security stamp: every session of the account ends, this one signs in again (without it,
            // the tenants' pages of this very browser answered 404 until the next sign-in).
            await signIn.RefreshSignInAsync(user);
        }
        return new AuthenticatorSetup(AuthenticatorKeys.Format(key), AuthenticatorKeys.Uri("Hikube Portal", user.Email ?? "", key));
    }

    public async Task<IReadOnlyList<string>> EnableAuthenticatorAsync(string code, CancellationToken cancellationToken)
    {
        var user = await RequireUserAsync();
        var normalized = code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var valid = await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, normalized);
        if (!valid)
        {
            throw InvalidException.For("Code", "This code is not valid: check the time on your phone and try the next code.");
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10) ?? [];
        // Two-factor on is a new security stamp too: the other sessions end, this one stays.
        await signIn.RefreshSignInAsync(user);
        await audit.WriteAsync(new AuditRecord(AuditActions.TwoFactorEnabled), cancellationToken);
        return [.. codes];
    }

    public async Task DisableTwoFactorAsync(CancellationToken cancellationToken)
    {
        var user = await RequireUserAsync();
        await users.SetTwoFactorEnabledAsync(user, false);
        await signIn.RefreshSignInAsync(user);
        await audit.WriteAsync(new AuditRecord(AuditActions.TwoFactorDisabled), cancellationToken);
    }

    public async Task ResetAuthenticatorAsync(CancellationToken cancellationToken)
    {
        var user = await RequireUserAsync();
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        await audit.WriteAsync(new AuditRecord(AuditActions.TwoFactorDisabled, Detail: "authenticator key reset"), cancellationToken);
    }

    public async Task<IReadOnlyList<string>> GenerateRecoveryCodesAsync(CancellationToken cancellationToken)
    {
        var user = await RequireUserAsync();
        if (!await users.GetTwoFactorEnabledAsync(user))
        {
            throw new ConflictException("Turn on two-factor authentication first.");
        }
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10) ?? [];
        await audit.WriteAsync(new AuditRecord(AuditActions.RecoveryCodesGenerated), cancellationToken);
        return [.. codes];
    }

    public async Task ForgetBrowserAsync(CancellationToken cancellationToken) =>
        await signIn.ForgetTwoFactorClientAsync();

    private async Task<PortalUser> RequireUserAsync()
    {
        var id = current.Id ?? throw new ForbiddenException("Sign in first.");
        return await users.FindByIdAsync(id.ToString()) ?? throw new NotFoundException("Your account does not exist any more.");
    }

    private async Task<SignInOutcome> RecordAsync(SignInResult result, PortalUser? user, string? userName, string method, CancellationToken cancellationToken)
    {
        var (outcome, action, auditOutcome) = result switch
        {
            { Succeeded: true } => (SignInOutcome.Succeeded, AuditActions.SignIn, AuditOutcome.Success),
            { RequiresTwoFactor: true } => (SignInOutcome.RequiresTwoFactor, AuditActions.SignIn, AuditOutcome.Success),
            { IsLockedOut: true } => (SignInOutcome.LockedOut, AuditActions.SignInLockedOut, AuditOutcome.Denied),
            _ => (SignInOutcome.Failed, AuditActions.SignIn, AuditOutcome.Failure),
        };
        var detail = outcome == SignInOutcome.RequiresTwoFactor ? $"{method} ok, second factor required"
            : result.IsNotAllowed ? $"{method}: account disabled" : method;
        await audit.WriteAsync(new AuditRecord(action, auditOutcome, Detail: detail) { UserId = user?.Id, UserName = userName }, cancellationToken);
        return outcome;
    }
}
