using HikubePortal.Application.Audit;
using HikubePortal.Application.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace HikubePortal.Application.Identity.SingleSignOn;

internal sealed class SingleSignOnService(
    IPortalDb db,
    UserManager<PortalUser> users,
    SignInManager<PortalUser> signIn,
    ProviderMemberships memberships,
    OperatorGroupRole operators,
    IAuditLog audit,
    IOptions<OidcOptions> options,
    TimeProvider time) : ISingleSignOnService
{
    /// <summary>The authentication method recorded in the session (claim <c>amr</c>) for single sign-on.</summary>
    public const string AuthenticationMethod = "oidc";

    private string Provider => options.Value.DisplayName;

    public async Task<SingleSignOnOutcome> SignInAsync(ExternalIdentity identity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var email = identity.Email?.Trim();
        if (string.IsNullOrEmpty(email) || identity.EmailVerified == false)
        {
            return await RefuseAsync(SingleSignOnOutcome.NoVerifiedEmail, null, email ?? identity.Subject, "no verified e-mail address", cancellationToken);
        }
        var wanted = await memberships.WantedAsync(identity.Groups, cancellationToken);
        var isOperator = operators.IsOperator(identity.Groups);

        var user = await users.FindByLoginAsync(identity.Issuer, identity.Subject);
        if (user is null)
        {
            if (wanted.Count == 0 && isOperator != true)
            {
                return await RefuseAsync(SingleSignOnOutcome.NoTenant, null, email, "no tenant group", cancellationToken);
            }
            if (await users.FindByEmailAsync(email) is { } holder)
            {
                // Never matched by e-mail: a provider account must not take over a portal account that shares it.
                return await RefuseAsync(SingleSignOnOutcome.EmailTaken, holder.Id, email, "e-mail address already used by another portal account", cancellationToken);
            }
        }
        else if (user.DisabledAt is not null)
        {
            return await RefuseAsync(SingleSignOnOutcome.Disabled, user.Id, user.Email, "account disabled", cancellationToken);
        }

        var audits = new List<AuditRecord>();
        await using (var transaction = await db.BeginTransactionAsync(cancellationToken))
        {
            if (user is null)
            {
                user = await CreateAsync(identity, email, cancellationToken);
                audits.Add(new AuditRecord(AuditActions.UserCreated, Target: email, Detail: $"first sign-in with {Provider}") { UserId = user.Id, UserName = email });
            }
            else
            {
                await RefreshProfileAsync(user, identity, email);
            }
            audits.AddRange(await memberships.ApplyAsync(user, wanted, Provider, cancellationToken));
            audits.AddRange(await operators.ApplyAsync(user, isOperator, Provider));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        foreach (var record in audits)
        {
            await audit.WriteAsync(record, cancellationToken);
        }
        if (!await memberships.HasAnyAfterAsync(user, wanted, cancellationToken) && !await users.IsInRoleAsync(user, PortalRoles.Operator))
        {
            return await RefuseAsync(SingleSignOnOutcome.NoTenant, user.Id, user.Email, "no tenant group", cancellationToken);
        }
        await signIn.SignInAsync(user, isPersistent: false, AuthenticationMethod);
        await audit.WriteAsync(new AuditRecord(AuditActions.SignIn, Detail: $"single sign-on with {Provider}") { UserId = user.Id, UserName = user.Email }, cancellationToken);
        return SingleSignOnOutcome.SignedIn;
    }

    private async Task<PortalUser> CreateAsync(ExternalIdentity identity, string email, CancellationToken cancellationToken)
    {
        var user = new PortalUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = Truncate(identity.Name),
            CreatedAt = time.GetUtcNow(),
        };
        Check(await users.CreateAsync(user));
        Check(await users.AddLoginAsync(user, new UserLoginInfo(identity.Issuer, identity.Subject, Provider)));
        cancellationToken.ThrowIfCancellationRequested();
        return user;
    }

    private async Task RefreshProfileAsync(PortalUser user, ExternalIdentity identity, string email)
    {
        var name = Truncate(identity.Name);
        var emailChanged = !string.Equals(user.Email, email, StringComparison.OrdinalIgnoreCase)
            && await users.FindByEmailAsync(email) is null;
        if (name == user.DisplayName && !emailChanged)
        {
            return;
        }
        user.DisplayName = name;
        if (emailChanged)
        {
            // The e-mail is the account's name everywhere (members, audit, Kubernetes user): it follows the provider
            // unless another account holds the new address.
            user.Email = email;
            user.UserName = email;
        }
        Check(await users.UpdateAsync(user));
    }

    private async Task<SingleSignOnOutcome> RefuseAsync(SingleSignOnOutcome outcome, Guid? userId, string? userName, string why, CancellationToken cancellationToken)
    {
        await audit.WriteAsync(
            new AuditRecord(AuditActions.SignIn, AuditOutcome.Denied, Detail: $"single sign-on with {Provider}: {why}") { UserId = userId, UserName = userName },
            cancellationToken);
        return outcome;
    }

    private static string? Truncate(string? name) => name?.Trim() is { Length: > 0 } trimmed ? trimmed[..Math.Min(trimmed.Length, 256)] : null;

    // A unique-name clash here is a second sign-in of the same new account racing this one.
    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new ConflictException("Your account is being set up by another sign-in; try again in a moment.");
        }
    }
}
