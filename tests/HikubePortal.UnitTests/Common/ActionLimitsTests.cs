using HikubePortal.Application.Common;
using HikubePortal.Application.Identity;
using Microsoft.Extensions.Options;

namespace HikubePortal.UnitTests.Common;

/// <summary>Credential reveals and share links counted per user and per client address.</summary>
public sealed class ActionLimitsTests
{
    private static ActionLimits Limits(int perUser, int perAddress) => new(Options.Create(new ActionLimitOptions
    {
        Window = TimeSpan.FromMinutes(5),
        CredentialRevealsPerUser = perUser,
        CredentialRevealsPerAddress = perAddress,
        ShareLinksPerUser = perUser,
        ShareLinksPerAddress = perAddress,
    }));

    [Fact]
    public void A_user_past_the_limit_is_refused_with_the_wait_in_words_while_others_go_on()
    {
        using var limits = Limits(perUser: 2, perAddress: 100);
        var ana = new Caller(Guid.NewGuid(), "10.0.0.1");

        limits.Take(LimitedAction.CredentialReveal, ana);
        limits.Take(LimitedAction.CredentialReveal, ana);
        var refused = Assert.Throws<TooManyRequestsException>(() => limits.Take(LimitedAction.CredentialReveal, ana));

        Assert.Matches(@"^Credentials were shown too many times in a short while: try again in \d+ s\.$", refused.Message);
        Assert.InRange(refused.RetryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
        // Another user on the same address, and the same user's other kind of action, have their own counts.
        limits.Take(LimitedAction.CredentialReveal, new Caller(Guid.NewGuid(), "10.0.0.1"));
        limits.Take(LimitedAction.ShareLink, ana);
    }

    [Fact]
    public void One_address_past_its_limit_is_refused_whichever_account_it_uses()
    {
        using var limits = Limits(perUser: 100, perAddress: 3);
        for (var i = 0; i < 3; i++)
        {
            limits.Take(LimitedAction.ShareLink, new Caller(Guid.NewGuid(), "192.0.2.7"));
        }

        var refused = Assert.Throws<TooManyRequestsException>(() => limits.Take(LimitedAction.ShareLink, new Caller(Guid.NewGuid(), "192.0.2.7")));

        Assert.StartsWith("Too many share links were made in a short while: try again in ", refused.Message, StringComparison.Ordinal);
        limits.Take(LimitedAction.ShareLink, new Caller(Guid.NewGuid(), "192.0.2.8"));
    }

    [Fact]
    public void One_account_used_from_many_addresses_meets_its_own_limit()
    {
        using var limits = Limits(perUser: 2, perAddress: 100);
        var id = Guid.NewGuid();

        limits.Take(LimitedAction.ShareLink, new Caller(id, "198.51.100.1"));
        limits.Take(LimitedAction.ShareLink, new Caller(id, "198.51.100.2"));

        Assert.Throws<TooManyRequestsException>(() => limits.Take(LimitedAction.ShareLink, new Caller(id, "198.51.100.3")));
    }

    [Fact]
    public void Callers_without_an_address_do_not_share_one_count()
    {
        using var limits = Limits(perUser: 1, perAddress: 1);

        limits.Take(LimitedAction.CredentialReveal, new Caller(Guid.NewGuid(), null));
        limits.Take(LimitedAction.CredentialReveal, new Caller(Guid.NewGuid(), null));
    }

    private sealed record Caller(Guid? Id, string? RemoteAddress) : ICurrentUser
    {
        public string? Email => "someone@example.com";

        public bool IsOperator => false;
    }
}
