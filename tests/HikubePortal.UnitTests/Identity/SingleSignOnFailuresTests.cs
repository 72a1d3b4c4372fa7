using HikubePortal.Web.SingleSignOn;
using Microsoft.AspNetCore.Authentication;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace HikubePortal.UnitTests.Identity;

/// <summary>The handler's failures become a short code; the page words never quote the provider or a token.</summary>
public sealed class SingleSignOnFailuresTests
{
    public static TheoryData<Exception, string> Failures => new()
    {
        { new AuthenticationFailureException("Correlation failed."), SingleSignOnFailures.Expired },
        { new AuthenticationFailureException("The oauth state was missing or invalid."), SingleSignOnFailures.Expired },
        { new AuthenticationFailureException("Unable to unprotect the message.State."), SingleSignOnFailures.Expired },
        { new OpenIdConnectProtocolInvalidNonceException("IDX21323"), SingleSignOnFailures.Mismatch },
        { new OpenIdConnectProtocolException("Message contains error: 'invalid_client', error_description: 'client authentication failed'"), SingleSignOnFailures.Client },
        { new OpenIdConnectProtocolException("Message contains error: 'invalid_grant', error_description: 'grant request is invalid'"), SingleSignOnFailures.Expired },
        { new SecurityTokenInvalidIssuerException("IDX10205: Issuer validation failed."), SingleSignOnFailures.Token },
        { new SecurityTokenInvalidAudienceException("IDX10214: Audience validation failed."), SingleSignOnFailures.Token },
        { new HttpRequestException("Connection refused"), SingleSignOnFailures.Unreachable },
        { new AuthenticationFailureException("Access was denied by the resource owner or by the remote server."), SingleSignOnFailures.Cancelled },
        { new AuthenticationFailureException("An error was encountered.", new HttpRequestException("refused")), SingleSignOnFailures.Unreachable },
        { new InvalidOperationException("something else"), SingleSignOnFailures.Failed },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Each_failure_has_its_reason(Exception failure, string reason)
    {
        Assert.Equal(reason, SingleSignOnFailures.Classify(failure));
    }

    [Theory]
    [InlineData(SingleSignOnFailures.Expired)]
    [InlineData(SingleSignOnFailures.Client)]
    [InlineData("no-tenant")]
    [InlineData("email-taken")]
    [InlineData("<script>")]
    public void Every_reason_is_told_in_words_naming_the_provider(string reason)
    {
        var (title, message) = SingleSignOnFailures.Describe(reason, "Keycloak");

        Assert.False(string.IsNullOrWhiteSpace(title));
        Assert.Contains("Keycloak", message, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", message, StringComparison.Ordinal);
    }
}
