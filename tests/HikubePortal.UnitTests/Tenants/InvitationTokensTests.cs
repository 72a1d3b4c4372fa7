using HikubePortal.Application.Tenants;

namespace HikubePortal.UnitTests.Tenants;

public sealed class InvitationTokensTests
{
    [Fact]
    public void Tokens_are_url_safe_random_and_stored_only_as_a_hash()
    {
        var tokens = Enumerable.Range(0, 100).Select(_ => InvitationTokens.Create()).ToList();

        Assert.Equal(100, tokens.Distinct(StringComparer.Ordinal).Count());
        Assert.All(tokens, t => Assert.True(InvitationTokens.LooksValid(t), t));
        var hash = InvitationTokens.Hash(tokens[0]);
        Assert.Equal(64, hash.Length);
        Assert.DoesNotContain(tokens[0], hash, StringComparison.Ordinal);
        Assert.Equal(hash, InvitationTokens.Hash(tokens[0]));
        Assert.NotEqual(hash, InvitationTokens.Hash(tokens[1]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void Malformed_tokens_are_refused_before_any_lookup(string token)
    {
        Assert.False(InvitationTokens.LooksValid(token));
    }
}
